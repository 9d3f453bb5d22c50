# End-to-end: the reader, --render, --parse, --search, --stats and the
# error messages on feeds full of hostile text (tests/data/ui-hostile/
# make-feeds.py: escape sequences of every kind, C1 controls, bidi
# overrides, invisible characters, emoji sequences, wide CJK at the edge,
# invalid UTF-8, a 5,000-character word), plus raw escape bytes written
# straight into the store behind the parser's back.  Every byte the reader
# writes to its terminal is recorded (tmux pipe-pane) and scanned: only
# curses's own sequences and OSC 52 with a clean payload may be there.
. "$srcdir/tests/tap.sh"
: "${DATELINE:?}"
PY=${PYTHON3:-python3}
TMUX_BIN=${TMUX_BIN:-tmux}
if [ "$TMUX_BIN" = ":" ] || ! command -v "$TMUX_BIN" >/dev/null 2>&1; then
	echo "1..0 # SKIP tmux is not installed"
	exit 77
fi

T=$(mktemp -d "${TMPDIR:-/tmp}/dateline-hostile.XXXXXX")
SOCK="$T/tmux.sock"
cleanup() {
	"$TMUX_BIN" -S "$SOCK" kill-server >/dev/null 2>&1
	rm -rf "$T"
}
trap cleanup EXIT INT TERM
unset TMUX
export HOME="$T/home" XDG_CONFIG_HOME="$T/config" XDG_DATA_HOME="$T/data"
export DATELINE_THEMEDIR="$srcdir/themes" NO_COLOR=
mkdir -p "$HOME" "$XDG_CONFIG_HOME" "$XDG_DATA_HOME"
data="$srcdir/tests/data/ui-hostile"
SCAN="$PY $data/scan.py"
# scan_ok DESCRIPTION MODE ARGS...: scan.py finds nothing (its findings and,
# for a screen, the screen itself are shown when it does)
scan_ok() {
	desc=$1; shift
	if $SCAN "$@" >"$T/scan.msg" 2>&1; then
		ok "$desc" true
	else
		ok "$desc" false
		sed 's/^# //; s/^/# /' "$T/scan.msg"
		[ "$1" = bars ] && sed "s/$esc/^[/g; s/^/# | /" "$3"
	fi
}
$PY "$data/make-feeds.py" "$T"
is "the hostile feeds are written" "$(ls "$T"/hostile.* | wc -l)" 2
esc=$(printf '\033')
{
	printf 'file://%s/hostile.xml hostile\n' "$T"
	printf 'file://%s/hostile.json hostile\n' "$T"
	# a subscription whose URL itself is hostile: it fails, and the error
	# names it
	printf 'file://%s/gone%s]52;c;SGk=\a%s[31m\342\200\256x.xml\n' "$T" "$esc" "$esc"
} >"$T/urls"
# the selection in plain reverse video, which the bars check finds
printf 'set refresh-on-start no\ncolor selected default default reverse\n' >"$T/config.txt"
DL="$DATELINE --urls $T/urls --cache $T/cache.db --config $T/config.txt"

# --- the commands that print ---
$DL --refresh >"$T/refresh.out" 2>"$T/refresh.err"
is "refresh stores the hostile feeds (the hostile URL fails)" "$?" 3
scan_ok "refresh's output and errors are clean text" text "$T/refresh.out" "$T/refresh.err"
for f in hostile.xml hostile.json; do
	for w in 41 72; do
		"$DATELINE" --render "$T/$f" --width $w >"$T/render.out" 2>"$T/render.err"
		is "--render $f --width $w exits 0" "$?" 0
		scan_ok "--render $f --width $w: clean text" text "$T/render.out" "$T/render.err"
		scan_ok "--render $f --width $w: no line wider than $w" width $w "$T/render.out"
	done
	"$DATELINE" --parse "$T/$f" >"$T/parse.out" 2>"$T/parse.err"
	is "--parse $f exits 0" "$?" 0
	scan_ok "--parse $f: JSON whose every string is clean" json "$T/parse.out"
	scan_ok "--parse $f: clean warnings" text "$T/parse.err"
done
# on a terminal --render colours its roles: the same scan as the reader's
if command -v script >/dev/null 2>&1; then
	TERM=xterm script -q -c "$DATELINE --render $T/hostile.xml --width 60" /dev/null \
		</dev/null >"$T/render.tty" 2>&1
	ok "--render on a terminal writes colour" grep -q "$esc\[" "$T/render.tty"
	scan_ok "--render on a terminal: only its own escapes, clean text" pty "$T/render.tty"
fi
$DL --search Controls >"$T/search.out" 2>&1
is "--search finds the hostile stories" "$(grep -c . "$T/search.out")" 2
scan_ok "--search prints clean text" text "$T/search.out"
$DL --search Controls --json >"$T/search.json" 2>&1
scan_ok "--search --json prints clean text" text "$T/search.json"
$DL --stats >"$T/stats.out" 2>&1
scan_ok "--stats prints clean text" text "$T/stats.out"
"$DATELINE" --render "$T/no$esc]52;c;SGk=$(printf '\a')such$(printf '\302\233')31m.xml" \
	>"$T/err.out" 2>"$T/err.err"
ok "a hostile file name fails" [ "$?" -ne 0 ]
scan_ok "and its error message is clean" text "$T/err.out" "$T/err.err"
contains "the error names the file" "$(cat "$T/err.err")" "no]52;c;SGk=such"

# --- raw escape bytes straight into the store (behind the parser) ---
$PY - "$T/cache.db" <<'PYEOF'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
raw = (b"Raw \x1b[31mred\x1b[0m \x1b]52;c;UmF3\x07 \x1bP1;2q\x1b\\ \xc2\x9b2J "
       b"\x9b31m \xe2\x80\xae\xe2\x81\xa6 \xff\xfe bad \x08\x08 \r\t end")
t = lambda s: sqlite3.Binary(s)
db.execute("UPDATE items SET title = CAST(? AS TEXT), author = CAST(? AS TEXT), "
           "link = CAST(? AS TEXT) WHERE guid = 'hostile-1'",
           (t(raw), t(b"Who " + raw), t(b"http://raw.example/" + raw)))
db.execute("UPDATE feeds SET title = CAST(? AS TEXT), tags = CAST(? AS TEXT), "
           "error = CAST(? AS TEXT) WHERE url LIKE '%hostile.json'",
           (t(b"Raw Feed " + raw), t(b"tag\x1b[5m"), t(b"failed " + raw)))
db.commit()
PYEOF
is "the store takes the raw bytes" "$?" 0

# --- the reader ---
tm() { "$TMUX_BIN" -S "$SOCK" "$@"; }
S=hostile
COLS=100
screen() { tm capture-pane -p -t "$S" 2>/dev/null; }
fast=0
wait_for() {
	n=$(( ${2:-10} * 20 ))
	[ "$fast" -eq 1 ] && n=20
	while [ "$n" -gt 0 ]; do
		case $(screen) in *"$1"*) return 0 ;; esac
		sleep 0.05
		n=$((n - 1))
	done
	return 1
}
check() {
	if wait_for "$2"; then
		ok "$1" true
	else
		ok "$1" false
		fast=1
		screen | sed 's/^/# | /'
	fi
}
keys() { tm send-keys -t "$S" "$@" 2>/dev/null; sleep 0.1; }
# settled: what the screen shows once it stops changing
settled() {
	prev= n=40
	while [ "$n" -gt 0 ]; do
		cur=$(tm capture-pane -p -e -t "$S" 2>/dev/null)
		[ "$cur" = "$prev" ] && break
		prev=$cur
		sleep 0.1
		n=$((n - 1))
	done
	printf '%s\n' "$cur"
}
# sound DESCRIPTION: the screen is what a full repaint (^L) draws, fits
# the width, shows no control picture, and keeps the status line in place
sound() {
	settled | sed "s/$esc\[[0-9;:]*m//g" >"$T/before"
	keys C-l
	settled >"$T/after"
	# ^L also clears the status line's message: compare the rows above
	sed "s/$esc\[[0-9;:]*m//g" "$T/after" >"$T/text"
	if cmp -s "$T/before" "$T/text" ||
	    [ "$(sed '$d' "$T/before")" = "$(sed '$d' "$T/text")" ]; then
		ok "$1: the screen is what a full repaint draws" true
	else
		ok "$1: the screen is what a full repaint draws" false
		diff "$T/before" "$T/text" | sed "s/^/# /" | head -20
	fi
	scan_ok "$1: no line wider than $COLS columns" width "$COLS" "$T/text"
	bars "$1"
	is "$1: the screen has all its rows" "$(wc -l <"$T/text")" "$ROWS"
}
# bars DESCRIPTION: the title bar, the status bar and the selected row
# each reach the last column in one attribute
bars() {
	settled >/dev/null
	tm capture-pane -p -e -N -t "$S" >"$T/bars"
	scan_ok "$1: the bars and the selection reach the last column" \
		bars "$COLS" "$T/bars"
}
# walk DESCRIPTION N: move the selection down N rows, checking the bars
walk() {
	w=0
	while [ "$w" -lt "$2" ]; do
		keys j
		bars "$1, row $w selected"
		w=$((w + 1))
	done
	keys g
}

printf '#!/bin/sh\nfor a; do printf "%%s\\n" "$a"; done >"%s/opened"\n' "$T" >"$T/browser"
chmod +x "$T/browser"
export BROWSER="$T/browser"

run_reader() {	# COLS ROWS
	COLS=$1 ROWS=$2
	: >"$T/pty.raw"
	tm -f /dev/null new-session -d -s "$S" -x "$COLS" -y "$ROWS" \
		"sleep 0.5; $DL 2>$T/stderr; echo \"exit=\$?\" >$T/exit; sleep 30"
	tm pipe-pane -o -t "$S" "cat >>$T/pty.raw"
}
run_reader 100 30

# feed list
check "the reader opens on the hostile feeds" "Hostile Wire"
check "the raw feed title shows as text" "Raw Feed Raw [31mred[0m ]52;c;UmF3"
sound "feed list"
walk "feed list" 5
# the error of the feed with the hostile URL
i=0
while [ "$i" -lt 6 ]; do keys j; i=$((i + 1)); done
keys e
check "e shows the failed feed's error, cleaned" "gone]52;c;SGk=[31mx.xml: "
sound "error on the status line"
keys g j j j
keys e
check "e on the raw feed shows its raw error, cleaned" "failed Raw"
sound "raw error on the status line"

# every headline, every story, every link
keys g Enter
check "the river lists the hostile stories" "Controls"
sound "river"
walk "river" 15
sound "river after moving the selection through every row"
keys g Enter
check "the first story opens" "dateline:"
sound "story"
i=0
while [ "$i" -lt 14 ]; do
	keys G
	sound "story $i, its end"
	keys L
	sound "story $i, its links"
	keys q J
	i=$((i + 1))
done

# open and copy a hostile link: the first story's
keys q g Enter
check "the first story again" "dateline:"
keys L
check "the links of a hostile story" "links of the story"
keys y
check "y copies a hostile link" "Copied http"
keys o
n=100
while [ ! -s "$T/opened" ] && [ "$n" -gt 0 ]; do sleep 0.05; n=$((n - 1)); done
ok "o hands the link to the browser" [ -s "$T/opened" ]
scan_ok "as one clean argument" text "$T/opened"
is "one argument" "$(wc -l <"$T/opened")" 1
check "the reader comes back after the browser" "Opened http"
sound "status after opening"
keys q q q
check "back on the feed list" "dateline: feeds"

# search: the prompt echoes what is typed; the results are headlines
keys /
check "/ asks for search terms" "Search:"
keys -l "Controls 漢字👍🏽 é$(printf '\342\200\256')x"
sound "search prompt"
keys Escape
check "Escape leaves the prompt" "?: help"
keys /
keys -l "Controls"
keys Enter
check "search results" "search: Controls"
sound "search results"
keys Enter G
sound "a story from the search"
keys q q

# a link that is no web link is not handed to the browser
rm -f "$T/opened"
keys /
keys -l "Scripted"
keys Enter
check "the scripted story is found" "Scripted link"
keys o
check "o refuses a javascript: link" "Not opening 'javascript:alert(1)//]52;c;SGFja2Vk"
sound "the refusal on the status line"
ok "the browser was not run" [ ! -e "$T/opened" ]
keys q

# help
keys '?'
check "help opens" "keys of the"
sound "help"
keys q

# an odd, narrow width: wide characters meet the last column
tm resize-window -t "$S" -x 41 -y 12 >/dev/null 2>&1
COLS=41 ROWS=12
keys g Enter
check "the river at 41 columns" "dateline:"
sound "river at 41 columns"
walk "river at 41 columns" 15
i=0
while [ "$i" -lt 14 ]; do
	keys Enter G
	sound "story $i at 41 columns"
	keys q j
	i=$((i + 1))
done
keys Q
n=100
while [ ! -s "$T/exit" ] && [ "$n" -gt 0 ]; do sleep 0.05; n=$((n - 1)); done
is "Q quits with status 0" "$(cat "$T/exit" 2>/dev/null)" "exit=0"
scan_ok "nothing hostile on stderr" text "$T/stderr"
tm kill-session -t "$S" >/dev/null 2>&1

# what the reader wrote to the terminal, every byte
ok "the reader wrote (pipe-pane recorded it)" [ -s "$T/pty.raw" ]
if $SCAN pty "$T/pty.raw" >"$T/scan.out"; then
	ok "no escape, C1, bidi or width-ambiguous character from a feed reached the terminal" true
else
	ok "no escape, C1, bidi or width-ambiguous character from a feed reached the terminal" false
fi
sed -n 's/^# /# /p' "$T/scan.out"
contains "the copy was one OSC 52 sequence" "$(cat "$T/scan.out")" "1 OSC 52 copies"

tap_done
