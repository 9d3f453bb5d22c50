#!/bin/sh
# Put the output of gen-man between the GENERATED markers of the manual
# page sources:  update-man.sh GEN-MAN MANDIR [--check]
# With --check nothing is written; the exit status is 1 when a page is out
# of date with the tables in the code (and the difference is shown).
gen=$1 dir=$2 mode=$3
[ -x "$gen" ] && [ -d "$dir" ] || { echo "usage: $0 GEN-MAN MANDIR [--check]" >&2; exit 2; }
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
status=0
for spec in dateline.1.in:keys dateline.5.in:options dateline.5.in:roles; do
	page=${spec%%:*} part=${spec#*:}
	src=$tmp/$page
	[ -f "$src" ] || cp "$dir/$page" "$src" || exit 2
	"$gen" "$part" >"$tmp/part" || exit 2
	grep -q "^\.\\\\\" BEGIN GENERATED $part\$" "$src" ||
		{ echo "$page: no BEGIN GENERATED $part marker" >&2; exit 2; }
	awk -v part="$part" -v file="$tmp/part" '
		$0 == ".\\\" BEGIN GENERATED " part {
			print; while ((getline l < file) > 0) print l; skip = 1; next }
		$0 == ".\\\" END GENERATED " part { skip = 0 }
		!skip' "$src" >"$src.new" && mv "$src.new" "$src"
done
for page in dateline.1.in dateline.5.in; do
	if ! cmp -s "$dir/$page" "$tmp/$page"; then
		if [ "$mode" = --check ]; then
			echo "$dir/$page is out of date with the code: run make update-man" >&2
			diff -u "$dir/$page" "$tmp/$page" >&2
			status=1
		else
			cp "$tmp/$page" "$dir/$page" && echo "updated $dir/$page"
		fi
	fi
done
exit $status
