# End-to-end: the manual pages render without warnings and document every
# command, option, config option, action, view, role, exit status and
# environment variable that the code has.
. "$srcdir/tests/tap.sh"
: "${DATELINE:?}" "${DATELINE_BUILDDIR:?}"

man1=$DATELINE_BUILDDIR/man/dateline.1
man5=$DATELINE_BUILDDIR/man/dateline.5
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

ok "dateline.1 was made by configure" test -s "$man1"
ok "dateline.5 was made by configure" test -s "$man5"

# groff -ww: every warning; -z: no output.  Any message is a failure.
if command -v groff >/dev/null 2>&1; then
	for page in "$man1" "$man5"; do
		name=${page##*/}
		groff -ww -z -man "$page" >"$tmp/out" 2>&1; rc=$?
		is "groff -ww -z -man $name exits 0" "$rc" 0
		is "groff -ww -z -man $name says nothing" "$(cat "$tmp/out")" ""
		groff -ww -man -Tutf8 "$page" >"$tmp/txt" 2>"$tmp/err"
		is "groff -Tutf8 $name says nothing" "$(cat "$tmp/err")" ""
		ok "$name renders to text" test -s "$tmp/txt"
		ok "$name has no configure placeholder left" sh -c "! grep -q '@[A-Za-z_]*@' '$page'"
	done
else
	echo "not ok - groff is needed to check the manual pages"
	tap_failed=$((tap_failed + 1)); tap_n=$((tap_n + 1))
fi

# The generated lists are up to date with the tables in the code.
"$srcdir/man/update-man.sh" "$DATELINE_BUILDDIR/man/gen-man" "$srcdir/man" --check >"$tmp/diff" 2>&1
is "the keys, options and roles lists match the code (make update-man)" "$?" 0
[ -s "$tmp/diff" ] && sed 's/^/# /' "$tmp/diff" | head -40

# roff escapes hyphens: compare against a page with \- turned back into -.
sed 's/\\-/-/g; s/\\(aq/'"'"'/g' "$man1" >"$tmp/1"
sed 's/\\-/-/g' "$man5" >"$tmp/5"

# Every command and option of --help is in dateline.1.
for opt in $("$DATELINE" --help | grep -o -- '--[a-z][a-z-]*' | sort -u); do
	ok "dateline.1 documents $opt" grep -q -- "$opt" "$tmp/1"
done
for short in $("$DATELINE" --help | grep -o '^  -[a-zA-Z],' | tr -d ' ,' | sort -u); do
	ok "dateline.1 documents $short" grep -q -- "^\.BR $short\"* " "$tmp/1"
done

# Every option of the table is in dateline.5, as a heading of its own.
n=0
for opt in $("$DATELINE" --help-options | grep -o '^[a-z][a-z0-9-]*'); do
	n=$((n + 1))
	ok "dateline.5 documents option $opt" grep -qx "\.B $opt" "$tmp/5"
done
ok "the option table has options ($n)" test "$n" -gt 20

# Every action of the reader's table (read from the source, not from the
# generator) is in dateline.1, with every one of its default keys.
actions=$(sed -n 's/^[[:space:]]*{ ACT_[A-Z_]*, "\([a-z-]*\)", "\([^"]*\)".*/\1:\2/p' \
	"$srcdir/src/ui/ui-action.c")
ok "the action table was found in src/ui/ui-action.c" test -n "$actions"
for a in $(printf '%s\n' "$actions" | tr ' ' '+'); do
	name=${a%%:*} keys=$(printf '%s' "${a#*:}" | tr '+' ' ')
	[ "$name" = none ] && continue
	ok "dateline.1 documents action $name" grep -q "^\.RB ( $name )" "$tmp/1"
	for k in $keys; do
		ok "dateline.1 shows key $k of $name" grep -q -- "^\.BR* .*$(printf '%s' "$k" | sed 's/[]^$.*[\\/]/\\&/g')" "$tmp/1"
	done
done

# Views (bind VIEW ...) and screen roles (color ROLE ...) are in dateline.5.
views=$(sed -n '/ui_view_names\[VIEW_COUNT\] = {/,/};/p' "$srcdir/src/ui/ui-action.c" |
	grep -o '"[a-z]*"' | tr -d '"')
ok "the view names were found" test -n "$views"
for v in $views; do
	ok "dateline.5 documents view $v" grep -q "^\.BR* $v" "$tmp/5"
done
roles=$(sed -n '/role_names\[ROLE_COUNT\] = {/,/};/p' "$srcdir/src/util/roles.h" |
	grep -o '"[a-z-]*"' | tr -d '"')
ok "the role names were found" test -n "$roles"
for r in $roles; do
	ok "dateline.5 documents role $r" grep -q "^\.BR $r [,.]" "$tmp/5"
done

# Exit statuses of src/cli.h are in dateline.1's EXIT STATUS.
sed -n '/^\.SH EXIT STATUS/,/^\.SH /p' "$tmp/1" >"$tmp/exit"
for code in $(sed -n 's/^[[:space:]]*EXIT_[A-Z]*[[:space:]]*= \([0-9]*\),.*/\1/p' "$srcdir/src/cli.h"); do
	ok "dateline.1 documents exit status $code" grep -qx "\.B $code" "$tmp/exit"
done

# Environment variables the code reads are in dateline.1 (test hooks aside).
sed -n '/^\.SH ENVIRONMENT/,/^\.SH /p' "$tmp/1" >"$tmp/env"
for v in $(grep -rhoE 'getenv\("[A-Za-z_]+"\)' "$srcdir/src" | sed 's/getenv("\(.*\)")/\1/' | sort -u) \
    XDG_CONFIG_HOME; do
	case $v in
	DATELINE_STARTUP_TIME|DATELINE_TIMEOUT_SCALE) continue ;;	# test hooks
	esac
	ok "dateline.1 documents environment variable $v" grep -q "$v" "$tmp/env"
done

tap_done
