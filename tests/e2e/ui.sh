# End-to-end: the reader driven in tmux (send-keys, capture-pane) through
# every view, resize, search, flag, back and quit, a background refresh of
# file:// feeds and another process's writes.  Private tmux socket,
# temporary HOME and XDG dirs; every wait polls the screen with a timeout.
. "$srcdir/tests/tap.sh"
: "${DATELINE:?}"
TMUX_BIN=${TMUX_BIN:-tmux}
if [ "$TMUX_BIN" = ":" ] || ! command -v "$TMUX_BIN" >/dev/null 2>&1; then
	echo "1..0 # SKIP tmux is not installed"
	exit 77
fi

T=$(mktemp -d "${TMPDIR:-/tmp}/dateline-ui.XXXXXX")
SOCK="$T/tmux.sock"
server=
cleanup() {
	"$TMUX_BIN" -S "$SOCK" kill-server >/dev/null 2>&1
	[ -n "$server" ] && kill "$server" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT INT TERM
unset TMUX
export HOME="$T/home" XDG_CONFIG_HOME="$T/config" XDG_DATA_HOME="$T/data"
export DATELINE_THEMEDIR="$srcdir/themes" NO_COLOR=
mkdir -p "$HOME" "$XDG_CONFIG_HOME" "$XDG_DATA_HOME"
cp "$srcdir/tests/data/ui/wire.xml" "$srcdir/tests/data/ui/notes.xml" "$T/"
# a local HTTP server for a summary-only feed and its article page
mkdir "$T/www"
cp "$srcdir/tests/data/ui/article.html" "$T/www/"
${PYTHON3:-python3} "$srcdir/tests/data/ui/server.py" "$T/www" "$T/port" &
server=$!
n=100
while [ ! -s "$T/port" ] && [ "$n" -gt 0 ]; do sleep 0.05; n=$((n - 1)); done
host="127.0.0.1:$(cat "$T/port")"
sed "s#HOST#$host#g" "$srcdir/tests/data/ui/local.xml.in" >"$T/www/local.xml"
{
	printf 'file://%s/wire.xml news\n' "$T"
	printf 'file://%s/notes.xml science "~Field Notes"\n' "$T"
	printf 'http://%s/local.xml local\n' "$host"
	printf 'file://%s/missing.xml news "~Gone Feed"\n' "$T"
} >"$T/urls"
# the config's own color line wins over the theme: the selection is
# plain reverse video, which the test finds in capture-pane -e
printf 'color selected default default reverse\n' >"$T/config.txt"
DL="$DATELINE --urls $T/urls --cache $T/cache.db --config $T/config.txt"

$DL --refresh >"$T/refresh.out" 2>&1
is "the test feeds are stored (one fails on purpose)" "$?" 3

tm() { "$TMUX_BIN" -S "$SOCK" "$@"; }
S=ui	# the session the helpers look at
screen() { tm capture-pane -p -t "$S" 2>/dev/null; }
# wait_for TEXT [SECONDS]: poll the screen until TEXT shows
# After the first failure every wait is cut to a second: a reader that
# broke fails the remaining checks quickly instead of in 10 s each.
fast=0
wait_for() {
	n=$(( ${2:-10} * 20 ))
	[ "$fast" -eq 1 ] && n=20
	while [ "$n" -gt 0 ]; do
		s=$(screen)
		case $s in *"$1"*) return 0 ;; "") tm has-session -t "$S" 2>/dev/null || return 1 ;; esac
		sleep 0.05
		n=$((n - 1))
	done
	return 1
}
wait_gone() {
	n=$(( ${2:-10} * 20 ))
	[ "$fast" -eq 1 ] && n=20
	while [ "$n" -gt 0 ]; do
		case $(screen) in *"$1"*) ;; *) return 0 ;; esac
		sleep 0.05
		n=$((n - 1))
	done
	return 1
}
# check DESCRIPTION TEXT: the screen shows TEXT (waiting for it)
check() {
	if wait_for "$2"; then
		ok "$1" true
	else
		ok "$1" false
		fast=1
		screen | sed 's/^/# | /'
	fi
}
# check_selected DESCRIPTION TEXT: the selected line shows TEXT (waiting)
check_selected() {
	n=200
	while [ "$n" -gt 0 ]; do
		case $(selected) in *"$2"*) ok "$1" true; return ;; esac
		sleep 0.05
		n=$((n - 1))
	done
	ok "$1" false
	printf '# selected: %s\n' "$(selected)"
}
check_gone() {
	if wait_gone "$2"; then
		ok "$1" true
	else
		ok "$1" false
		screen | sed 's/^/# | /'
	fi
}
keys() { tm send-keys -t "$S" "$@" 2>/dev/null; sleep 0.05; }
esc=$(printf '\033')
# the text of the selected line
selected() {
	tm capture-pane -p -e -t ui | grep "$esc\[\(0;\)\?7m" | head -1 |
		sed "s/$esc\[[0-9;]*m//g"
}
# goto_feed NAME: select the feed list's row showing NAME (the list starts
# on the screen's second line)
goto_feed() {
	wait_for "$1" 5
	idx=$(screen | grep -n -F "$1" | head -1 | cut -d: -f1)
	keys g
	i=2
	while [ "$i" -lt "${idx:-2}" ]; do keys j; i=$((i + 1)); done
}

# o runs $BROWSER with the link as its one argument (no shell)
printf '#!/bin/sh\nprintf "%%s %%s" "$1" "$2" >"%s/opened"\n' "$T" >"$T/browser"
chmod +x "$T/browser"
export BROWSER="$T/browser --new-window"

tm -f /dev/null new-session -d -s ui -x 100 -y 30 \
	"$DL 2>$T/stderr; echo \"exit=\$?\" >$T/exit; sleep 30"

# --- the feed list ---
check "the reader opens on the feed list" "dateline: feeds"
check "the river comes first" "All headlines (river)"
check "Flagged follows" "Flagged"
check "a feed with its unread/total counts" "5/5"
check "a feed's tags" "(news)"
check "a feed's title from the urls file" "Field Notes"
line=$(screen | grep "Gone Feed")
contains "a feed whose refresh failed is marked" "$line" "!"
goto_feed "Gone Feed"
keys e
check "e shows why its refresh failed" "Gone Feed: "
keys g

# --- help ---
keys '?'
check "? shows the help of the feeds view" "keys of the feeds view"
check "help lists the keys and what they do" "move down"
keys q
check "q leaves the help" "All headlines (river)"

# --- headlines of the river ---
keys Enter
check "Enter opens the river" "dateline: All headlines"
check "headlines show their feed" "Harbour Wire"
check "headlines show date and time" "27 Nov 09:15"
check "CJK and emoji titles are shown" "港の新しい時刻表が発表された"
check "a long title ends in an ellipsis" "meeting that went o…"
check "controls from a feed are removed" "Alert31m 0;HACKED tide tables"
line=$(screen | grep "Ferry crews")
contains "unread headlines are marked N" "$line" "N  27 Nov"

# --- a story ---
keys Enter
check "Enter opens the story" "PORTSMOUTH, Nov 27 (Harbour Wire)"
check "the story shows its byline" "By Mara Quill"
check "the story's date is in the locale's form (story-date-format %c)" "Fri Nov 27 09:15:00 2026"
check "the story shows the photo caption with its credit" "(Harbour Wire/Ola Brandt)"
check "the story shows the credits" "(Reporting by Mara Quill; Editing by Tom Reyes)"
check "the story numbers its links" "[1] https://harbour.example/notes"
keys L
check "L lists the story's links" "links of the story"
keys q
check "q goes back to the story" "By Mara Quill"
keys J
check "J opens the next story" "one hundred this week"
keys K
check "K opens the previous story" "By Mara Quill"
keys q
check "q goes back to the headlines" "dateline: All headlines"
line=$(screen | grep "Ferry crews")
contains "an opened story is marked read" "$line" "   27 Nov 09:15"

# --- flag ---
keys j s
check "s flags the selected story" "Flagged."
line=$(screen | grep "Lighthouse keepers")
contains "a flagged headline shows !" "$line" " ! 27 Nov 08:00"
keys q
check "q goes back to the feed list" "dateline: feeds"
goto_feed "Flagged"
keys Enter
check "the Flagged view opens" "dateline: Flagged"
check "it lists the flagged story" "Lighthouse keepers"
check_gone "and only it" "Ferry crews"
keys q

# --- a feed of its own ---
goto_feed "Field Notes"
keys Enter
check "a feed's own headlines" "dateline: Field Notes"
check "show its stories" "Kelp forest survey"
keys h
check "h goes back too" "dateline: feeds"

# --- the full article behind a summary ---
goto_feed "Quayside Local"
keys Enter
check "the local feed's headlines" "dateline: Quayside Local"
keys Enter
check "its story shows the summary" "The old quay lamps shine again."
keys f
check "f fetches the full article in the background" "Full article stored."
check "and the story shows it" "cast-iron lamps that lined the old quay"
keys q q g

# --- links: the browser, the clipboard, the mouse ---
tm set -g set-clipboard on
keys Enter
check "the river" "dateline: All headlines"
# a click (xterm mouse report: button 1 at column 6, row 4) selects
tm send-keys -t ui -l "$(printf '\033[M %s%s' "$(printf '\046')" "$(printf '\044')")"
check_selected "a mouse click selects the row under it" "Seabird counts rise"
keys y
check "y copies the link" "Copied https://notes.example/seabirds"
is "the link reached the clipboard with OSC 52" "$(tm show-buffer 2>/dev/null)" \
	"https://notes.example/seabirds"
keys o
n=100
while [ ! -s "$T/opened" ] && [ "$n" -gt 0 ]; do sleep 0.05; n=$((n - 1)); done
is "o hands the link to \$BROWSER (its words, no shell)" "$(cat "$T/opened" 2>/dev/null)" \
	"--new-window https://notes.example/seabirds"
check "and the reader comes back" "Opened https://notes.example/seabirds"
keys u
check "u marks a story read" "Marked read."
contains "and the N goes" "$(selected)" "   27 Nov 07:00"
keys u
check "u again marks it unread" "Marked unread."
keys q

# --- search ---
keys /
check "/ asks for search terms" "Search:"
keys -l "lighthouse"
keys Enter
check "search results are a headline view" "search: lighthouse"
check "the matching story is found" "Lighthouse keepers"
check_gone "stories that do not match are not listed" "Kelp forest"
keys q

# --- resize ---
tm resize-window -t ui -x 40 -y 10 >/dev/null 2>&1
check "a 40x10 window still shows the feed list" "All headlines"
size=$(tm display -p -t ui '#{pane_width}x#{pane_height}')
is "the window is 40x10" "$size" "40x10"
keys g Enter
check "headlines at 40 columns" "dateline: All headlines"
check "a wide title is cut at 40 columns" "港の"
widest=$(screen | wc -L)
ok "nothing is drawn past column 40" [ "$widest" -le 40 ]
tm resize-window -t ui -x 100 -y 30 >/dev/null 2>&1
check "growing the window again redraws everything" "Seabird counts rise on the outer islands"
keys q

# --- a background refresh picks up a new story ---
sed 's#<item>#<item><title>Breakwater repairs finish early</title><link>https://harbour.example/2026/breakwater</link><guid>hw-6</guid><pubDate>Fri, 27 Nov 2026 11:00:00 +0000</pubDate><description>Done.</description></item><item>#' \
	"$T/wire.xml" >"$T/wire.new" && mv "$T/wire.new" "$T/wire.xml"
keys g Enter
check "the river again" "dateline: All headlines"
keys j j
contains "the third headline is selected" "$(selected)" "Seabird counts rise"
keys R
check "R refreshes every feed and sums up" "Refreshed 4 feeds: 1 new story, 1 failed"
contains "the selection stays on its story" "$(selected)" "Seabird counts rise"
keys g
check "the new story is in the river" "Breakwater repairs finish early"
contains "it came in above" "$(selected)" "Breakwater repairs finish early"
keys q
check "the new story's feed counts it" "4/6"

# --- filter by tag, hide read feeds ---
keys t
check "t asks for a tag" "Tag (empty for all feeds):"
keys -l science
keys Enter
check "the filtered list says so" "feeds tagged science"
check "it keeps the feeds with the tag" "Field Notes"
check_gone "and drops the others" "Harbour Wire"
keys t Enter
check "an empty tag shows every feed again" "Harbour Wire"

# --- another process's writes show up ---
$DL --mark-read all >/dev/null 2>&1
check "a mark-read from another process updates the counts" "0/6"

# --- hide read feeds, mark a feed read ---
goto_feed "Field Notes"
keys A
check "A marks the feed read" "stories marked read."
keys H
check_gone "H hides feeds with nothing unread" "Field Notes"
keys H
check "H again shows them" "Field Notes"

# --- quit ---
keys Q
n=100
while [ ! -s "$T/exit" ] && [ "$n" -gt 0 ]; do sleep 0.05; n=$((n - 1)); done
is "Q quits with status 0" "$(cat "$T/exit" 2>/dev/null)" "exit=0"
is "nothing was written to stderr" "$(cat "$T/stderr" 2>/dev/null)" ""

# --- other terminals: TERM=linux, NO_COLOR, a tiny window ---
tm new-session -d -s plain -x 40 -y 10 \
	"env TERM=linux NO_COLOR=1 $DL 2>$T/stderr2; sleep 30"
n=100
while [ "$n" -gt 0 ]; do
	case $(tm capture-pane -p -t plain) in *"All headlines"*"help"*) break ;; esac
	sleep 0.05; n=$((n - 1))
done
contains "the reader draws on TERM=linux at 40x10" "$(tm capture-pane -p -t plain)" \
	"All headlines (river)"
colours=$(tm capture-pane -p -e -t plain | grep -c "$esc\[[34][0-7]m")
is "NO_COLOR: no colours, attributes only" "$colours" 0
reverse=$(tm capture-pane -p -e -t plain | grep -c "$esc\[\(0;\)\?7m")
ok "NO_COLOR: the selection (and bars) still show in reverse video" [ "$reverse" -ge 2 ]
tm send-keys -t plain Q

# --- auto-refresh and a theme chosen in the config ---
printf 'set auto-refresh 1s\nset theme solarized\n' >"$T/auto.conf"
tm new-session -d -s auto -x 80 -y 20 \
	"$DATELINE --urls $T/urls --cache $T/cache.db --config $T/auto.conf 2>$T/stderr3; sleep 30"
S=auto
check "the reader opens with the solarized theme" "All headlines (river)"
sed 's#<entry>#<entry><title>Storm petrels return early</title><id>urn:test:fn-9</id><link href="https://notes.example/petrels"/><updated>2026-11-27T10:00:00Z</updated><content type="html">Early.</content></entry><entry>#' \
	"$T/notes.xml" >"$T/notes.new" && mv "$T/notes.new" "$T/notes.xml"
check "auto-refresh runs by itself and sums up" "1 new story"
keys g Enter
check "the new story shows in the river" "Storm petrels return early"
keys Q
is "no errors from the config or the theme" "$(cat "$T/stderr3" 2>/dev/null)" ""

tap_done
