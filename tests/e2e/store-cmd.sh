# End-to-end: the store's commands (--search, --mark-read, --cleanup,
# --stats) on a store filled by tests/store-gen, and their refusals.
. "$srcdir/tests/tap.sh"
: "${DATELINE:?}" "${DATELINE_BUILDDIR:?}"

gen=$DATELINE_BUILDDIR/tests/store-gen
tmp=$(mktemp -d "${TMPDIR:-/tmp}/dl-store-cmd.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
HOME=$tmp XDG_CONFIG_HOME=$tmp/config XDG_DATA_HOME=$tmp/data
export HOME XDG_CONFIG_HOME XDG_DATA_HOME
db=$tmp/cache.db
dl() { "$DATELINE" --cache "$db" "$@"; }

ok "store-gen fills a store" "$gen" --items 2000 --feeds 5 --words 60 --read 0 "$db"

out=$(dl --stats); rc=$?
is "--stats exits 0" "$rc" 0
contains "--stats counts feeds" "$out" "feeds:   5"
contains "--stats counts items" "$out" "items:   2000"
contains "--stats counts unread" "$out" "unread:  2000"
contains "--stats names the store" "$out" "store:   $db"
json=$(dl --stats --json)
is "--stats --json is one JSON object" \
    "$("$PYTHON3" -c 'import json,sys; d=json.loads(sys.argv[1]); print(d["items"], d["feeds"], d["file_bytes"] > 0)' "$json")" \
    "2000 5 True"

# The generator plants "Kim Putin" in 1 item of 100 and "Vladivostok" in
# 1 of 1000: phrase and plain searches find about that many.
lines=$(dl --search '"kim putin"' | wc -l)
ok "a phrase search finds the planted items ($lines)" test "$lines" -ge 5 -a "$lines" -le 60
out=$(dl --search '"kim putin"' | head -1)
fields=$(printf '%s\n' "$out" | awk -F'\t' '{ print NF }')
is "each result is date, feed, title, link" "$fields" 4
ok "the date comes first" sh -c "printf '%s' '$out' | grep -Eq '^20[0-9][0-9]-[01][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]	Wire [0-9]	'"
contains "the link comes last" "$out" "	https://wire"
prefix=$(dl --search 'vladi*' | wc -l)
plain=$(dl --search 'vladivostok' | wc -l)
is "a prefix finds what the word finds" "$prefix" "$plain"
dates=$(dl --search 'putin' | cut -f1)
is "results are newest first" "$dates" "$(printf '%s\n' "$dates" | sort -r)"
jl=$(dl --search '"kim putin"' --json | "$PYTHON3" -c '
import json, sys
n = 0
for line in sys.stdin:
    d = json.loads(line)
    assert d["title"] and d["link"].startswith("https://") and d["feed"].startswith("Wire")
    n += 1
print(n)')
is "--json prints one JSON object a line, same hits" "$jl" "$lines"
out=$(dl --search 'zzzznothing'); rc=$?
is "no hits: nothing printed, exit 0" "$rc:$out" "0:"
out=$(dl --search 'covid-19 (' 2>&1); rc=$?
is "text that is not query syntax is searched as words" "$rc" 0
dl --search '' >/dev/null 2>&1; rc=$?
is "an empty search is a usage error" "$rc" 2

out=$(dl --mark-read 'Wire 1'); rc=$?
is "--mark-read FEED exits 0" "$rc" 0
n=$(printf '%s' "$out" | cut -d' ' -f1)
ok "--mark-read says how many ($out)" test "$n" -gt 100
unread=$(dl --stats --json | "$PYTHON3" -c 'import json,sys; print(json.load(sys.stdin)["unread"])')
is "the feed's items are read" "$unread" "$((2000 - n))"
out=$(dl --mark-read 'https://wire2.example/rss.xml')
contains "--mark-read takes a URL too" "$out" "marked read"
err=$(dl --mark-read 'No Such Feed' 2>&1); rc=$?
is "an unknown feed fails" "$rc" 1
contains "the failure names the store and the feed" "$err" "$db: no feed has the address or title 'No Such Feed'"
dl --mark-read all >/dev/null
contains "--mark-read all" "$(dl --stats)" "unread:  0"

printf 'set keep-items 100\n' >"$tmp/config.keep"
out=$(dl --config "$tmp/config.keep" --cleanup); rc=$?
is "--cleanup exits 0" "$rc" 0
contains "--cleanup reports what it deleted" "$out" "1500 items deleted"
contains "retention applied (100 a feed)" "$(dl --stats)" "items:   500"

# Refusals: the file is named, the exit status is 1, nothing is touched.
printf 'my notes\n' >"$tmp/notes.txt"
err=$("$DATELINE" --cache "$tmp/notes.txt" --stats 2>&1); rc=$?
is "a text file is refused" "$rc" 1
contains "the refusal names the file" "$err" "$tmp/notes.txt: this file is not a dateline store"
is "the text file is untouched" "$(cat "$tmp/notes.txt")" "my notes"
err=$("$DATELINE" --cache "$tmp/missing.db" --search x 2>&1); rc=$?
is "a missing store is an error for --search" "$rc" 1
ok "and is not created" test ! -e "$tmp/missing.db"
"$PYTHON3" -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute("PRAGMA application_id=1148472430"); c.execute("PRAGMA user_version=42"); c.execute("CREATE TABLE feeds(x)"); c.commit()' "$tmp/newer.db"
sum=$(cksum <"$tmp/newer.db")
err=$("$DATELINE" --cache "$tmp/newer.db" --mark-read all 2>&1); rc=$?
is "a store from a newer dateline is refused" "$rc" 1
contains "the refusal says why" "$err" "newer dateline (store version 42"
is "the newer store is untouched" "$(cksum <"$tmp/newer.db")" "$sum"

tap_done
