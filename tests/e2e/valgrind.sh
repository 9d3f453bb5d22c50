# End-to-end: the commands a user runs most, under valgrind (memcheck):
# no invalid read/write, no use of uninitialised memory, no definite leak.
# Skipped (not passed) when valgrind is missing or the build uses the
# sanitizers, which cannot run under valgrind.
. "$srcdir/tests/tap.sh"
: "${DATELINE:?}" "${DATELINE_BUILDDIR:?}"

if ! command -v valgrind >/dev/null 2>&1; then
	echo "1..0 # SKIP valgrind is not installed"; exit 0
fi
if grep -q -- '-fsanitize=address' "$DATELINE_BUILDDIR/Makefile"; then
	echo "1..0 # SKIP sanitizer build"; exit 0
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
vg() {	# vg NAME COMMAND...: run under memcheck, log to $tmp/NAME.vg
	name=$1; shift
	valgrind -q --error-exitcode=99 --leak-check=full \
	    --errors-for-leak-kinds=definite --log-file="$tmp/$name.vg" "$@" \
	    >"$tmp/$name.out" 2>"$tmp/$name.err"
	rc=$?
	tap_n=$((tap_n + 1))
	if [ "$rc" -ne 99 ] && [ ! -s "$tmp/$name.vg" ]; then
		echo "ok $tap_n - valgrind-clean: $name (exit $rc)"
	else
		echo "not ok $tap_n - valgrind-clean: $name (exit $rc)"
		sed 's/^/# /' "$tmp/$name.vg" | head -40
		tap_failed=$((tap_failed + 1))
	fi
}

demo=$srcdir/demo/dateline-wire.xml
vg help "$DATELINE" --help
vg parse-demo "$DATELINE" --parse "$demo"
vg render-demo "$DATELINE" --render "$demo" --width 60
for f in atom10.xml charset-koi8-r.xml billion-laughs.xml; do
	[ -f "$srcdir/tests/data/parse/$f" ] &&
	    vg "parse-$f" "$DATELINE" --parse "$srcdir/tests/data/parse/$f"
done
vg extract "$DATELINE" --extract "$srcdir/tests/data/extract/wire-article.html" \
    --url https://news.example/a
printf 'file://%s\n' "$demo" "$srcdir/demo/harbour-gazette.xml" >"$tmp/urls"
vg refresh "$DATELINE" --urls "$tmp/urls" --cache "$tmp/c.db" --config /dev/null --refresh --quiet
vg refresh-again "$DATELINE" --urls "$tmp/urls" --cache "$tmp/c.db" --config /dev/null --refresh --quiet
vg search "$DATELINE" --cache "$tmp/c.db" --search ferry
vg stats "$DATELINE" --cache "$tmp/c.db" --stats
contains "the search under valgrind found the demo story" "$(cat "$tmp/search.out")" "ferry"
tap_done
