# End-to-end: `dateline --search` prints every hit once, newest first,
# exactly what one full query over the store gives (Python's sqlite3 reads
# the same index, independently of dateline's code), for searches with
# more hits than a page and more than the 10,000 a search considers.
. "$srcdir/tests/tap.sh"
: "${DATELINE:?}" "${DATELINE_BUILDDIR:?}" "${PYTHON3:?}"

gen=$DATELINE_BUILDDIR/tests/store-gen
tmp=$(mktemp -d "${TMPDIR:-/tmp}/dl-search-all.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
HOME=$tmp XDG_CONFIG_HOME=$tmp/config XDG_DATA_HOME=$tmp/data
export HOME XDG_CONFIG_HOME XDG_DATA_HOME
db=$tmp/cache.db

# What --search must print for TERMS (--json with a second argument):
# the 10,000 most recently stored hits, sorted by date then id, newest
# first; "(untitled)" for an empty title; dates in UTC to the minute.
expect() {
	"$PYTHON3" - "$db" "$@" <<'EOF'
import json, sqlite3, sys, time
db, terms = sys.argv[1], sys.argv[2]
as_json = len(sys.argv) > 3
c = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
rows = c.execute(
    "SELECT i.id, i.date, coalesce(nullif(f.user_title, ''), nullif(f.title, ''), f.url),"
    " i.title, coalesce(i.link, ''), coalesce(i.author, ''), i.unread, i.flagged"
    " FROM items i JOIN feeds f ON f.id = i.feed_id WHERE i.id IN"
    " (SELECT rowid FROM items_fts WHERE items_fts MATCH ? ORDER BY rowid DESC"
    " LIMIT 10000) ORDER BY i.date DESC, i.id DESC", (terms,)).fetchall()
out = sys.stdout
for id_, date, feed, title, link, author, unread, flagged in rows:
    if as_json:
        out.write(json.dumps({"id": id_, "date": time.strftime("%Y-%m-%dT%H:%M:%SZ",
            time.gmtime(date)), "feed": feed, "title": title, "link": link,
            "author": author, "unread": bool(unread), "flagged": bool(flagged)},
            sort_keys=True) + "\n")
    else:
        out.write("%s\t%s\t%s\t%s\n" % (time.strftime("%Y-%m-%d %H:%M", time.gmtime(date)),
            feed, title or "(untitled)", link))
EOF
}

# dateline's --json lines with their keys sorted, to compare.
norm_json() {
	"$PYTHON3" -c '
import json, sys
for line in sys.stdin:
    sys.stdout.write(json.dumps(json.loads(line), sort_keys=True) + "\n")'
}

count() {
	if [ -s "$1" ]; then wc -l <"$1" | tr -d ' '; else echo 0; fi
}

ok "store-gen fills a store of 3,000 items" "$gen" --items 3000 --feeds 5 --words 60 \
    --read 30 "$db"

for terms in wen 'mi*' '"kim putin"' vladivostok 'gezi OR wen' zzzznothing; do
	# dateline first: a search brings the index up to date before it looks.
	"$DATELINE" --cache "$db" --search "$terms" >"$tmp/got"; rc=$?
	is "--search '$terms' exits 0" "$rc" 0
	expect "$terms" >"$tmp/want"
	n=$(count "$tmp/want")
	ok "--search '$terms' prints the $n hits of one full query" cmp "$tmp/got" "$tmp/want"
	dups=$(cut -f4 "$tmp/got" | sort | uniq -d | wc -l | tr -d ' ')
	is "--search '$terms': no link twice" "$dups" 0
done
n=$(count "$tmp/got")
is "a word in no item prints nothing" "$n" 0
"$DATELINE" --cache "$db" --search wen >"$tmp/got"
n=$(count "$tmp/got")
ok "a common word has more hits than a page of 500 ($n)" test "$n" -gt 500
"$DATELINE" --cache "$db" --search wen --json | norm_json >"$tmp/got"
expect wen json >"$tmp/want"
ok "--search --json: the same hits, every field" cmp "$tmp/got" "$tmp/want"

# More hits than the search considers: the newest 10,000, each once.
ok "store-gen fills a store of 12,000 items" "$gen" --items 12000 --feeds 5 --words 60 \
    "$tmp/big.db"
db=$tmp/big.db
"$DATELINE" --cache "$db" --search do >"$tmp/got"
expect do >"$tmp/want"
is "a word in 12,000 items prints 10,000 hits" "$(count "$tmp/got")" 10000
ok "... the 10,000 of one full query, in its order" cmp "$tmp/got" "$tmp/want"
"$DATELINE" --cache "$db" --search do --json | norm_json >"$tmp/got"
ids=$("$PYTHON3" -c '
import json, sys
ids = [json.loads(l)["id"] for l in open(sys.argv[1])]
print(len(ids), len(set(ids)))' "$tmp/got")
is "--json: 10,000 hits, 10,000 different items" "$ids" "10000 10000"

tap_done
