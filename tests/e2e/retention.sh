# End-to-end: retention (keep-items, keep-days) is applied by --refresh once
# every feed is done; items it deleted do not come back on the next refresh.
. "$srcdir/tests/tap.sh"
: "${DATELINE:?}"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for f in dateline-wire.xml harbour-gazette.xml; do
	printf 'file://%s\n' "$srcdir/demo/$f"
done >"$tmp/urls"
items() { "$DATELINE" --cache "$1" --config "$2" --stats | sed -n 's/^items: *//p'; }

: >"$tmp/plain"
"$DATELINE" --urls "$tmp/urls" --cache "$tmp/all.db" --config "$tmp/plain" --refresh -q
is "without retention every demo item is kept" "$(items "$tmp/all.db" "$tmp/plain")" 12

echo "set keep-items 3" >"$tmp/keep3"
"$DATELINE" --urls "$tmp/urls" --cache "$tmp/k.db" --config "$tmp/keep3" --refresh -q
rc=$?
is "a refresh with keep-items succeeds" "$rc" 0
is "keep-items 3 leaves 3 items a feed (2 feeds)" "$(items "$tmp/k.db" "$tmp/keep3")" 6
"$DATELINE" --urls "$tmp/urls" --cache "$tmp/k.db" --config "$tmp/keep3" --refresh -q
is "a second refresh does not bring deleted items back" "$(items "$tmp/k.db" "$tmp/keep3")" 6
out=$("$DATELINE" --cache "$tmp/k.db" --config "$tmp/keep3" --search ferry)
contains "the newest story is one of those kept" "$out" "Island ferry operator"

echo "set keep-days 36500" >"$tmp/old"
"$DATELINE" --urls "$tmp/urls" --cache "$tmp/d.db" --config "$tmp/old" --refresh -q
is "keep-days far in the past deletes nothing" "$(items "$tmp/d.db" "$tmp/old")" 12

tap_done
