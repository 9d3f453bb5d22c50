# End-to-end: the reader on the terminal types people use, in tmux: it
# starts, draws, opens a story, scrolls and quits cleanly on each; on a
# terminal it cannot draw on (dumb, unknown, no TERM) it says why and exits
# with status 2.  Then the colours a theme gives, as the terminal receives
# them (capture-pane -e): 256-colour indexes on xterm-256color, the nearest
# of 8 on xterm, RGB on a direct-colour terminal, none under NO_COLOR.
. "$srcdir/tests/tap.sh"
: "${DATELINE:?}"
TMUX_BIN=${TMUX_BIN:-tmux}
if [ "$TMUX_BIN" = ":" ] || ! command -v "$TMUX_BIN" >/dev/null 2>&1; then
	echo "1..0 # SKIP tmux is not installed"
	exit 77
fi

T=$(mktemp -d "${TMPDIR:-/tmp}/dateline-terms.XXXXXX")
SOCK="$T/tmux.sock"
cleanup() {
	"$TMUX_BIN" -S "$SOCK" kill-server >/dev/null 2>&1
	rm -rf "$T"
}
trap cleanup EXIT INT TERM
unset TMUX COLORTERM
export HOME="$T/home" XDG_CONFIG_HOME="$T/config" XDG_DATA_HOME="$T/data"
export DATELINE_THEMEDIR="$srcdir/themes" NO_COLOR=
mkdir -p "$HOME" "$XDG_CONFIG_HOME" "$XDG_DATA_HOME"
cp "$srcdir/tests/data/ui/wire.xml" "$T/"
printf 'file://%s/wire.xml news\n' "$T" >"$T/urls"
printf 'set refresh-on-start no\n' >"$T/config.txt"
DL="$DATELINE --urls $T/urls --cache $T/cache.db --config $T/config.txt"
$DL --refresh >/dev/null 2>&1
is "the test feed is stored" "$?" 0
esc=$(printf '\033')

tm() { "$TMUX_BIN" -S "$SOCK" "$@"; }
screen() { tm capture-pane -p -t t 2>/dev/null; }
wait_for() {
	n=100
	while [ "$n" -gt 0 ]; do
		case $(screen) in *"$1"*) return 0 ;; esac
		sleep 0.05
		n=$((n - 1))
	done
	return 1
}
wait_exit() {
	n=100
	while [ ! -s "$T/exit" ] && [ "$n" -gt 0 ]; do sleep 0.05; n=$((n - 1)); done
	cat "$T/exit" 2>/dev/null
}
keys() { tm send-keys -t t "$@" 2>/dev/null; sleep 0.1; }
# start ENV...: the reader (with $ARGS) in a new 80x12 session named t
ARGS=
start() {
	rm -f "$T/exit" "$T/stderr"
	tm kill-session -t t >/dev/null 2>&1
	tm new-session -d -s t -x 80 -y 12 \
		"env $* $DL $ARGS 2>$T/stderr; echo \"exit=\$?\" >$T/exit; sleep 30"
}
# a session that keeps the server up between the readers
tm -f /dev/null new-session -d -s keep -x 20 -y 5 "sleep 300"

for term in xterm-256color xterm screen screen-256color tmux-256color linux \
    vt100 vt220 xterm-direct; do
	start TERM=$term COLORTERM=truecolor
	wait_for "All headlines (river)"
	ok "$term: the feed list is drawn" wait_for "?: help"
	keys Enter
	ok "$term: the river opens" wait_for "Lighthouse keepers"
	keys Enter
	ok "$term: a story opens" wait_for "By Mara Quill"
	keys Space
	ok "$term: it scrolls to its end" wait_for "100%"
	keys q q Q
	is "$term: quits with status 0" "$(wait_exit)" "exit=0"
	is "$term: nothing on stderr" "$(cat "$T/stderr" 2>/dev/null)" ""
done

# terminals it cannot draw on: a reason and status 2, no curses garbage
for term in dumb no-such-terminal ""; do
	start TERM=$term
	is "TERM='$term': exits with status 2" "$(wait_exit)" "exit=2"
	case $term in
	dumb) want="cannot move the cursor" ;;
	"") want="TERM is not set" ;;
	*) want="not in the terminfo database" ;;
	esac
	contains "TERM='$term': says why" "$(cat "$T/stderr")" "$want"
	contains "TERM='$term': points to --render" "$(cat "$T/stderr")" "--render"
done

# a Japanese locale: a cut title ends in "...", not the ambiguous-width
# "…" that a CJK terminal may draw in two columns
start TERM=xterm-256color LC_ALL= LANG=ja_JP.UTF-8
wait_for "All headlines (river)"
keys Enter
ok "ja_JP: the river opens" wait_for "Lighthouse keepers"
contains "ja_JP: a cut title ends in three dots" "$(screen)" "..."
case $(screen) in *"…"*) r=yes ;; *) r=no ;; esac
is "ja_JP: no ellipsis character" "$r" no
keys Q
is "ja_JP: quits with status 0" "$(wait_exit)" "exit=0"

# colours: the title bar of a theme, as the terminal gets it
# title_bar THEME ENV...: the first row of the screen with its escapes
title_bar() {
	ARGS="--theme $1"
	shift
	start "$@"
	wait_for "?: help"
	tm capture-pane -p -e -t t | head -1
	keys Q
	wait_exit >/dev/null
}
# dark-256: title-bar colour231 on colour24, status-bar colour252 on colour237
bar=$(title_bar dark-256 TERM=xterm-256color)
contains "256 colours: the title bar's foreground is colour231" "$bar" "38;5;231"
contains "256 colours: its background colour24" "$bar" "48;5;24"
# xterm has 8: colour231 (white) is 7, colour24 (0,95,135) is cyan, 6
bar=$(title_bar dark-256 TERM=xterm)
contains "8 colours: the nearest foreground (white, 37)" "$bar" "${esc}[37m"
contains "8 colours: the nearest background (cyan, 46)" "$bar" "${esc}[46m"
case $bar in *"38;5;"*|*"48;5;"*) r=yes ;; *) r=no ;; esac
is "8 colours: no 256-colour sequence" "$r" no
# solarized is true colour: title-bar #fdf6e3 on #073642
bar=$(title_bar solarized TERM=xterm-direct COLORTERM=truecolor)
contains "true colour: the foreground is #fdf6e3" "$bar" "38;2;253;246;227"
contains "true colour: the background is #073642" "$bar" "48;2;7;54;66"
# a palette colour on a direct-colour terminal is its RGB, not a blue
bar=$(title_bar dark-256 TERM=xterm-direct COLORTERM=truecolor)
contains "true colour: colour231 is sent as 255;255;255" "$bar" "38;2;255;255;255"
contains "true colour: colour24 as 0;95;135" "$bar" "48;2;0;95;135"
# the same theme reduced to the nearest of 256
bar=$(title_bar solarized TERM=xterm-256color COLORTERM=truecolor)
case $bar in *"38;2;"*) r=yes ;; *) r=no ;; esac
is "256 colours: a true-colour theme sends no RGB" "$r" no
contains "256 colours: #fdf6e3 is colour230" "$bar" "38;5;230"
# NO_COLOR: attributes only
bar=$(title_bar dark-256 TERM=xterm-256color NO_COLOR=1)
case $bar in *"38;"*|*"48;"*|*"${esc}[3"[0-7]m*|*"${esc}[4"[0-7]m*) r=yes ;; *) r=no ;; esac
is "NO_COLOR: no colour at all" "$r" no
case $bar in *"${esc}["*7m*) r=yes ;; *) r=no ;; esac
is "NO_COLOR: the bar is reverse video" "$r" yes

tap_done
