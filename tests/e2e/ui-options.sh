# End-to-end: reader options feed-sort and confirm-quit, in tmux.
. "$srcdir/tests/tap.sh"
: "${DATELINE:?}" "${TMUX_BIN:?}"

T=$(mktemp -d)
# Every session gets its own server and socket: a server that is still
# shutting down must not swallow the next session.
nsock=0
SOCK=$T/tmux.0.sock
tm() { "$TMUX_BIN" -S "$SOCK" "$@"; }
trap 'for s in "$T"/tmux.*.sock; do "$TMUX_BIN" -S "$s" kill-server 2>/dev/null; done; rm -rf "$T"' EXIT
export HOME="$T/home" XDG_CONFIG_HOME="$T/config" XDG_DATA_HOME="$T/data"
export DATELINE_THEMEDIR="$srcdir/themes"
mkdir -p "$HOME"
# The Gazette is subscribed first: the default order shows it first.
printf 'file://%s\n' "$srcdir/demo/harbour-gazette.xml" "$srcdir/demo/dateline-wire.xml" >"$T/urls"
: >"$T/none"
"$DATELINE" --urls "$T/urls" --cache "$T/c.db" --config "$T/none" --refresh -q

screen() { tm capture-pane -p -t ui 2>/dev/null; }
wait_for() {	# wait_for TEXT: poll for up to 10 s
	n=200
	while [ "$n" -gt 0 ]; do
		case $(screen) in *"$1"*) return 0 ;; esac
		sleep 0.05; n=$((n - 1))
	done
	return 1
}
# first_feed CONFIG: the first feed line of the feed list with that config
first_feed() {
	tm kill-server 2>/dev/null
	nsock=$((nsock + 1))
	SOCK=$T/tmux.$nsock.sock
	tm new-session -d -s ui -x 80 -y 12 \
	    "$DATELINE --urls $T/urls --cache $T/c.db --config $1"
	wait_for "Flagged" || return 1
	screen | sed -n '/Flagged/{n;p;q;}'
}
# (never in $(...): a subshell would lose the socket counter)
order() { printf 'set feed-sort %s\n' "$1" >"$T/$1"; first_feed "$T/$1" >"$T/first"; }

first_feed "$T/none" >"$T/first"
contains "feed-sort none keeps the urls order" "$(cat "$T/first")" "Harbour Gazette"
order title
contains "feed-sort title puts Dateline Wire first" "$(cat "$T/first")" "Dateline Wire"
order updated
contains "feed-sort updated puts the feed with the newest story first" "$(cat "$T/first")" "Dateline Wire"
order unread
contains "feed-sort unread puts the feed with more unread first" "$(cat "$T/first")" "Dateline Wire"
"$DATELINE" --cache "$T/c.db" --config "$T/none" --mark-read "Dateline Wire" >/dev/null
order unread
contains "after the Wire is read, feed-sort unread puts the Gazette first" "$(cat "$T/first")" "Harbour Gazette"
order title
contains "and feed-sort title still the Wire" "$(cat "$T/first")" "Dateline Wire"

printf 'set confirm-quit yes\n' >"$T/confirm"
first_feed "$T/confirm" >/dev/null
tm send-keys -t ui Q
ok "confirm-quit: Q asks first" wait_for "Quit dateline? (y/n)"
tm send-keys -t ui n Enter
sleep 0.3
ok "answering n keeps the reader open" wait_for "Flagged"
tm send-keys -t ui Q
wait_for "Quit dateline?" >/dev/null
tm send-keys -t ui y Enter
n=100; while [ "$n" -gt 0 ] && tm has-session -t ui 2>/dev/null; do sleep 0.05; n=$((n - 1)); done
ok "answering y quits" sh -c '! "$0" -S "$1" has-session -t ui' "$TMUX_BIN" "$SOCK"

: >"$T/noconfirm"
first_feed "$T/noconfirm" >/dev/null
tm send-keys -t ui Q
n=100; while [ "$n" -gt 0 ] && tm has-session -t ui 2>/dev/null; do sleep 0.05; n=$((n - 1)); done
ok "without confirm-quit, Q quits at once" sh -c '! "$0" -S "$1" has-session -t ui' "$TMUX_BIN" "$SOCK"
tap_done
