# End-to-end: the refresh pipeline.  Feeds are parsed on a second thread
# and written by the first, many feeds to a transaction; a feed over 1 MB
# is taken back and streamed into the store.  Every item of every feed
# must arrive exactly once, searchable, whatever the path, and a second
# refresh (same bytes, then changed bytes) must keep the counts right.
. "$srcdir/tests/tap.sh"
: "${DATELINE:?}" "${PYTHON3:?}"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# gen FILE ITEMS WORDS TAG [CHANGED]: an RSS feed of ITEMS items; item i
# says "TAGmark" once and "uniqTAGi" once; CHANGED changes items 0-9.
gen() {
	"$PYTHON3" - "$@" <<'EOF'
import sys
path, n, words, tag = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
changed = len(sys.argv) > 5
pool = ("harbour ferry council grain river market north weather strike "
        "minister shares south bridge tunnel orchard quarry").split()
with open(path, "w") as f:
    f.write('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
            '<title>%s feed</title><link>http://%s.example/</link>'
            '<description>d</description>\n' % (tag, tag))
    for i in range(n):
        body = " ".join(pool[(i * 7 + k * 3) % len(pool)] for k in range(words))
        extra = " revised" if changed and i < 10 else ""
        f.write("<item><title>%s story %d%s</title><link>http://%s.example/%d</link>"
                "<description>&lt;p&gt;%smark uniq%s%d %s%s&lt;/p&gt;</description>"
                "</item>\n" % (tag, i, extra, tag, i, tag, tag, i, body, extra))
    f.write("</channel></rss>\n")
EOF
}

gen "$tmp/big.xml" 3000 120 bigf		# about 3 MB: taken back
for i in 1 2 3 4 5 6 7 8; do
	gen "$tmp/small$i.xml" 60 80 "smallf$i"
done
{
	printf 'file://%s\n' "$tmp/big.xml"
	for i in 1 2 3 4 5 6 7 8; do printf 'file://%s\n' "$tmp/small$i.xml"; done
} >"$tmp/urls"
: >"$tmp/config"
db="$tmp/cache.db"
dl() { "$DATELINE" --urls "$tmp/urls" --cache "$db" --config "$tmp/config" "$@"; }
items() { dl --stats | sed -n 's/^items: *//p'; }
hits() { dl --search "$1" | wc -l | tr -d ' '; }

size=$(wc -c <"$tmp/big.xml")
ok "the big feed is over 1 MB ($size bytes)" test "$size" -gt 1048576
dl --refresh -q
is "a cold refresh succeeds" "$?" 0
# What a cold refresh writes (no search index yet): the disk-full test
# below allows half of it.
stored_bytes=$(cat "$db" "$db-wal" 2>/dev/null | wc -c)
is "every item of the nine feeds is stored once" "$(items)" 3480
is "the big feed's items are all searchable" "$(hits bigfmark)" 3000
is "its last item too" "$(hits uniqbigf2999)" 1
is "a small feed's items are all searchable" "$(hits smallf5mark)" 60
is "each small feed's items once" "$(hits 'smallf1mark OR smallf8mark')" 120

dl --refresh -q
is "a second refresh of the same bytes succeeds" "$?" 0
is "it adds nothing" "$(items)" 3480
is "the index holds each item once still" "$(hits bigfmark)" 3000

gen "$tmp/big.xml" 3000 120 bigf changed
gen "$tmp/small3.xml" 60 80 smallf3 changed
# Shorter than last time: held back, found changed at the end, then
# parsed (the other way into the parse thread).
old4=$(wc -c <"$tmp/small4.xml")
gen "$tmp/small4.xml" 60 70 smallf4 changed
ok "the fourth small feed is shorter now" test "$(wc -c <"$tmp/small4.xml")" -lt "$old4"
out=$(dl --refresh 2>&1)
is "a refresh of changed feeds succeeds" "$?" 0
is "changed items are updated, not added" "$(items)" 3480
is "the changed text is searchable (10 a feed, 3 feeds)" "$(hits revised)" 30
is "the shorter feed's items are all there once" "$(hits smallf4mark)" 60
is "the old text of the changed items is gone from the index" \
    "$(hits 'bigfmark NOT revised')" 2990
read_state=$(dl --mark-read "file://$tmp/small2.xml" 2>&1)
contains "read state can be set afterwards" "$read_state" "60"

# The disk fills up in the middle of a cold refresh (a file size limit):
# feeds whose shared transaction is lost are reported as failed, and the
# store never holds an item that is neither in the search index nor
# waiting for it.  The next refresh stores everything.
db="$tmp/full.db"
limited() {
	"$PYTHON3" -c 'import os, resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
n = int(sys.argv[1])
resource.setrlimit(resource.RLIMIT_FSIZE, (n, n))
os.execvp(sys.argv[2], sys.argv[2:])' "$@"
}
# rows: items, items indexed or waiting for the index, waiting ids whose
# item is gone.
rows() {
	"$PYTHON3" -c 'import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
one = lambda q: db.execute(q).fetchone()[0]
print("%d %d %d" % (one("SELECT count(*) FROM items"),
    one("SELECT count(*) FROM items_fts_docsize") +
    one("SELECT count(*) FROM search_todo"),
    one("SELECT count(*) FROM search_todo WHERE id NOT IN (SELECT id FROM items)")))' "$db"
}
limit=$((stored_bytes / 2))
err=$(limited "$limit" "$DATELINE" --urls "$tmp/urls" --cache "$db" \
    --config "$tmp/config" --refresh 2>&1)
rc=$?
ok "a refresh that runs out of disk ($limit bytes) fails (exit $rc)" test "$rc" -ne 0
contains "it says the disk failed" "$err" "disk"
set -- $(rows)
ok "some items were not stored ($1 of 3480)" test "$1" -lt 3480
is "every stored item is indexed or waits for the index" "$2" "$1"
is "nothing waits for the index that is not stored" "$3" 0
dl --refresh -q
is "the next refresh succeeds" "$?" 0
is "and stores every item" "$(items)" 3480
set -- $(rows)
is "each indexed or waiting" "$2" 3480
contains "--stats says how many wait for the index" "$(dl --stats)" "waiting: 3480"
is "--stats --json too" "$(dl --stats --json | "$PYTHON3" -c 'import json, sys
print(json.load(sys.stdin)["index_waiting"])')" 3480
indexed=$(dl --index)
is "--index then indexes what waits" "$?" 0
contains "and says how many" "$indexed" "articles indexed"
is "all searchable" "$(hits bigfmark)" 3000

# Every feed of the parser's tests and fuzz seeds (broken, hostile,
# empty, other charsets) through the parse thread into a store: no crash,
# no sanitizer report, and items and index rows agree.
for f in "$srcdir"/tests/data/parse*/* "$srcdir"/fuzz/corpus/parse/*; do
	[ -f "$f" ] && printf 'file://%s\n' "$(cd "$(dirname "$f")" && pwd)/$(basename "$f")"
done >"$tmp/hostile-urls"
db="$tmp/hostile.db"
err=$("$DATELINE" --urls "$tmp/hostile-urls" --cache "$db" --config "$tmp/config" \
    --refresh 2>&1)
rc=$?
ok "the parser's test feeds refresh without a crash (exit $rc)" test "$rc" -le 3
case $err in
*Sanitizer*|*"runtime error"*) sanitizer=yes ;;
*) sanitizer=no ;;
esac
is "and without a sanitizer report" "$sanitizer" no
"$DATELINE" --cache "$db" --config "$tmp/config" --index -q
is "and indexed" "$?" 0
set -- $(rows)
ok "their items are stored ($1)" test "$1" -gt 0
is "each with its index row" "$2" "$1"
is "none waiting" "$("$PYTHON3" -c 'import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM search_todo").fetchone()[0])' "$db")" 0

tap_done
