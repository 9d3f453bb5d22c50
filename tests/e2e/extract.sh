# End-to-end: dateline --extract FILE|URL [--url BASE] [--width N] [--html].
. "$srcdir/tests/tap.sh"
: "${DATELINE:?}"
data=$srcdir/tests/data/extract
page=$data/wire-article.html
base=https://courier.example/world/port-dredging-delay

out=$("$DATELINE" --extract "$page" --url "$base" --width 72); rc=$?
is "--extract prints the story (exit 0)" "$rc" 0
contains "the headline comes from the page" "$out" "Port authority delays harbour dredging"
contains "the byline comes from the metadata" "$out" "Joana Ferraz"
contains "the body is there" "$out" "surprised by the numbers"
contains "the photo caption is there" "$out" "A survey boat crosses the outer harbour"
contains "the photo credit is there" "$out" "Rui Santos"
case $out in
*"Accept all"*|*harbourwatcher*|*"Related stories"*|*"All rights reserved"*) bad=1 ;;
*) bad=0 ;;
esac
is "no cookie banner, comments, related links or footer" "$bad" 0
maxw=$(printf '%s\n' "$out" | wc -L)
ok "--width 72: no line is wider ($maxw columns)" test "$maxw" -le 72 -a "$maxw" -gt 40

html=$("$DATELINE" --extract "$page" --url "$base" --html); rc=$?
is "--extract --html exits 0" "$rc" 0
contains "--html keeps the figure" "$html" '<figure><img src="https://courier.example/images/2026/03/survey-boat.jpg"'
contains "--html marks the credit" "$html" '<span class="credit">Wirecast/Rui Santos</span>'
case $html in
*"<script"*|*"<nav"*|*"<form"*|*"<div"*|*"onclick"*) bad=1 ;;
*) bad=0 ;;
esac
is "--html holds only the safe subset" "$bad" 0

out2=$("$DATELINE" --extract - --url "$base" --html < "$page"); rc=$?
is "--extract - reads standard input" "$rc" 0
is "standard input gives the same HTML" "$out2" "$html"

err=$("$DATELINE" --extract "$data/giveup-login.html" 2>&1 >/dev/null); rc=$?
is "a login wall is refused (exit 1)" "$rc" 1
contains "the refusal says why" "$err" "no article found: the page looks like a login page"
contains "the refusal names the page" "$err" "giveup-login.html"

err=$("$DATELINE" --extract "$data/giveup-index.html" 2>&1 >/dev/null); rc=$?
is "an index page is refused (exit 1)" "$rc" 1
contains "the refusal says index page" "$err" "index page"

err=$("$DATELINE" --extract "$data/no-such-page.html" 2>&1 >/dev/null); rc=$?
is "a missing file fails (exit 1)" "$rc" 1
contains "the error names the file" "$err" "no-such-page.html"

err=$("$DATELINE" --extract 2>&1 >/dev/null); rc=$?
is "--extract without a page is a usage error" "$rc" 2

# A URL, served by a local HTTP server.
if [ -n "$PYTHON3" ] && command -v "$PYTHON3" >/dev/null 2>&1; then
	tmp=$(mktemp -d)
	"$PYTHON3" -c '
import http.server, socketserver, sys, os
os.chdir(sys.argv[1])
class H(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *a): pass
with socketserver.TCPServer(("127.0.0.1", 0), H) as s:
    print(s.server_address[1], flush=True)
    s.serve_forever()
' "$data" > "$tmp/port" 2>/dev/null &
	server=$!
	for i in 1 2 3 4 5 6 7 8 9 10; do
		[ -s "$tmp/port" ] && break
		sleep 0.2
	done
	port=$(cat "$tmp/port")
	out=$("$DATELINE" --extract "http://127.0.0.1:$port/split-by-ads.html" --html); rc=$?
	is "--extract URL fetches and extracts (exit 0)" "$rc" 0
	contains "the fetched page's story is there" "$out" "lead service pipes"
	contains "relative links resolve against the URL" "$out" '<img src="https://tribune.example/media/pipes.jpg"'
	err=$("$DATELINE" --extract "http://127.0.0.1:$port/missing.html" 2>&1 >/dev/null); rc=$?
	is "a URL that answers 404 fails (exit 1)" "$rc" 1
	contains "the error names the URL" "$err" "missing.html"
	err=$("$DATELINE" --extract "http://127.0.0.1:$port/wire-article.txt" 2>&1 >/dev/null); rc=$?
	is "a URL that is not a web page fails (exit 1)" "$rc" 1
	contains "the error gives the type" "$err" "not a web page (text/plain"
	kill "$server" 2>/dev/null
	wait "$server" 2>/dev/null
	rm -rf "$tmp"
else
	tap_n=$((tap_n + 1)); echo "not ok $tap_n - python3 is needed for the URL test"
	tap_failed=$((tap_failed + 1))
fi

tap_done
