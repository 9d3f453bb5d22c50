# End-to-end: --import-opml and --export-opml (folders <-> tags), and the
# urls file's errors as --refresh reports them.
. "$srcdir/tests/tap.sh"
: "${DATELINE:?}"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
opml="$srcdir/tests/data/fetch/subscriptions.opml"
urls="$tmp/urls"

printf '# my own comment stays\nhttps://loose.example/index.xml mine\n' > "$urls"
out=$("$DATELINE" --urls "$urls" --import-opml "$opml" 2>&1); rc=$?
is "--import-opml exits 0" "$rc" 0
contains "--import-opml says what it did" "$out" "4 feeds in"
contains "--import-opml counts the feeds already there" "$out" "1 already there"
text=$(cat "$urls")
contains "the user's comment is kept" "$text" "# my own comment stays"
contains "a feed in two folders gets both tags" "$text" \
	'https://harbour.example/rss.xml World "Tech & Science"'
contains "a nested folder gives every level as a tag" "$text" \
	"https://north.example/feed.atom World Europe"
contains "a category attribute adds tags" "$text" \
	'http://lab.example/notes.xml "Tech & Science" science "long reads"'
lines=$(grep -c '^[a-z]' "$urls")
is "outlines that are not feeds are left out" "$lines" 4

out=$("$DATELINE" --urls "$urls" --import-opml "$opml" 2>&1); rc=$?
contains "importing twice adds nothing" "$out" "0 added"

"$DATELINE" --urls "$urls" --export-opml > "$tmp/out.opml"; rc=$?
is "--export-opml exits 0" "$rc" 0
exported=$(cat "$tmp/out.opml")
contains "export: a folder per tag" "$exported" '<outline text="Tech &amp; Science" title="Tech &amp; Science">'
contains "export: tags kept in category" "$exported" 'category="World,Europe"'
"$PYTHON3" -c 'import sys, xml.dom.minidom; xml.dom.minidom.parse(sys.argv[1])' \
	"$tmp/out.opml"
is "export: well-formed XML" "$?" 0

# Round trip: import the export into an empty file; same feeds, same tags.
"$DATELINE" --urls "$tmp/urls2" --import-opml "$tmp/out.opml" >/dev/null 2>&1
sort "$urls" | grep -v '^#' > "$tmp/a"
sort "$tmp/urls2" > "$tmp/b"
is "export then import gives the same feeds and tags" "$(cat "$tmp/b")" "$(cat "$tmp/a")"

err=$("$DATELINE" --urls "$urls" --import-opml "$srcdir/tests/e2e/refresh-opml.sh" 2>&1); rc=$?
is "a file that is not OPML: exit 1" "$rc" 1
contains "a file that is not OPML: says where" "$err" "refresh-opml.sh:"

err=$("$DATELINE" --urls "$tmp/none" --export-opml 2>&1); rc=$?
is "--export-opml without a urls file: exit 1" "$rc" 1
contains "--export-opml without a urls file: names it" "$err" "$tmp/none"

tap_done
