# End-to-end: the reader in German, Russian and Korean, driven in tmux with
# the catalogues compiled here (DATELINE_LOCALEDIR): the feed list, the
# river, the help view and a status message are read in each language.
. "$srcdir/tests/tap.sh"
: "${DATELINE:?}"
TMUX_BIN=${TMUX_BIN:-tmux}
if [ "$TMUX_BIN" = ":" ] || ! command -v "$TMUX_BIN" >/dev/null 2>&1; then
	echo "1..0 # SKIP tmux is not installed"
	exit 77
fi

T=$(mktemp -d "${TMPDIR:-/tmp}/dateline-po-ui.XXXXXX")
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
cp "$srcdir/tests/data/ui/wire.xml" "$srcdir/tests/data/ui/notes.xml" "$T/"
printf 'file://%s/wire.xml news\nfile://%s/notes.xml science\n' "$T" "$T" >"$T/urls"
: >"$T/config"
DL="$DATELINE --urls $T/urls --cache $T/cache.db --config $T/config"
$DL --refresh --quiet >/dev/null 2>&1
is "the test feeds are stored" "$?" 0

for l in de ru ko; do
	mkdir -p "$T/locale/$l/LC_MESSAGES"
	msgfmt -o "$T/locale/$l/LC_MESSAGES/dateline.mo" "$srcdir/po/$l.po"
	is "$l.po compiles" "$?" 0
done

tm() { "$TMUX_BIN" -S "$SOCK" "$@"; }
screen() { tm capture-pane -p -t ui 2>/dev/null; }
wait_for() {	# wait_for TEXT: poll the screen for up to 10 s
	n=200
	while [ "$n" -gt 0 ]; do
		case $(screen) in *"$1"*) return 0 ;; esac
		sleep 0.05
		n=$((n - 1))
	done
	return 1
}
check() {	# check DESCRIPTION TEXT
	if wait_for "$2"; then
		ok "$1" true
	else
		ok "$1" false
		screen | sed 's/^/# | /'
	fi
}
keys() { tm send-keys -t ui "$@"; sleep 0.05; }

for l in de ru ko; do
	case $l in
	de) feeds="dateline: Feeds"; river="Alle Schlagzeilen (Strom)"
	    help="dateline: Tasten der Ansicht feeds"; down="nach unten"
	    headlines="dateline: Alle Schlagzeilen"; last="Das ist die" ;;
	ru) feeds="dateline: ленты"; river="Все заголовки (общая лента)"
	    help="dateline: клавиши вида feeds"; down="на страницу вниз"
	    headlines="dateline: Все заголовки"; last="Это " ;;
	ko) feeds="dateline: 피드"; river="전체 헤드라인 (최신순)"
	    help="dateline: feeds 화면의 키"; down="한 페이지 아래로"
	    headlines="dateline: 전체 헤드라인"; last="기사입니다" ;;
	esac
	tm -f /dev/null new-session -d -s ui -x 100 -y 30 \
	    "LANGUAGE=$l DATELINE_LOCALEDIR=$T/locale $DL; sleep 30"
	check "[$l] the feed list's title is translated" "$feeds"
	check "[$l] the river is translated" "$river"
	keys '?'
	check "[$l] the help view's title is translated" "$help"
	check "[$l] the actions' help is translated" "$down"
	keys q
	check "[$l] back on the feed list" "$river"
	keys Enter
	check "[$l] the river's headlines view is translated" "$headlines"
	keys Enter
	keys K
	check "[$l] a status message is translated" "$last"
	keys Q
	tm kill-session -t ui >/dev/null 2>&1
done

tap_done
