# End-to-end: --help-options, --check-config and --import-newsboat on files
# written here, in a private HOME with XDG directories.
. "$srcdir/tests/tap.sh"
: "${DATELINE:?}"

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
HOME=$tmp/home; export HOME
XDG_CONFIG_HOME=$tmp/xdg-config; export XDG_CONFIG_HOME
XDG_DATA_HOME=$tmp/xdg-data; export XDG_DATA_HOME
unset DATELINE_THEMEDIR
mkdir -p "$HOME"

# --help-options: every option of the table, with type and default.
out=$("$DATELINE" --help-options); rc=$?
is "--help-options exits 0" "$rc" 0
contains "--help-options shows max-parallel and its default" "$out" \
	"max-parallel (int, 1-256, default 16)"
contains "--help-options shows a size default" "$out" "default 50M)"
contains "--help-options shows enum choices" "$out" "feed-sort (enum: none|title|unread|updated"
contains "--help-options explains options" "$out" "Feeds downloaded at the same time."
n=$(printf '%s\n' "$out" | grep -c '^[a-z]')
ok "--help-options lists at least 30 options ($n)" test "$n" -ge 30

# --check-config with no files at all: fine, the defaults apply.
out=$("$DATELINE" --check-config); rc=$?
is "--check-config without files exits 0" "$rc" 0
contains "it names the XDG config path" "$out" "$XDG_CONFIG_HOME/dateline/config: not there"
contains "it names the XDG urls path" "$out" "$XDG_CONFIG_HOME/dateline/urls: not there yet"

# A good config and urls file in the XDG place.
mkdir -p "$XDG_CONFIG_HOME/dateline"
cat >"$XDG_CONFIG_HOME/dateline/config" <<'EOF'
# written by the test
set max-parallel 8
set auto-refresh 30
set date-format "%d %b %H:%M"
include colours
bind j down
unbind feeds q
EOF
cat >"$XDG_CONFIG_HOME/dateline/colours" <<'EOF'
color headline brightwhite default bold
color dateline #cc6600 default
EOF
cat >"$XDG_CONFIG_HOME/dateline/urls" <<'EOF'
# my feeds
https://news.example.org/world.xml world "~World desk"
https://wire.example.net/rss europe
EOF
out=$("$DATELINE" --check-config 2>&1); rc=$?
is "a good config passes --check-config" "$rc" 0
contains "the config is reported ok" "$out" "dateline/config: ok"
contains "the urls file is counted" "$out" "dateline/urls: ok, 2 feeds"

# A config with several errors: every one listed with file:line, exit 1.
cat >"$tmp/bad.conf" <<'EOF'
set max-paralel 4
set fulltext perhaps
reload-threads 8

color headline purple default
include nowhere.conf
set theme nosuchtheme
bind zz down
bind j explode
bind nowhere j down
EOF
printf 'https://ok.example.org/feed\nnot a url\nftp://example.org/x\n' >"$tmp/bad.urls"
err=$("$DATELINE" --check-config --config "$tmp/bad.conf" --urls "$tmp/bad.urls" 2>&1 >/dev/null); rc=$?
is "a bad config exits 1" "$rc" 1
contains "an unknown option suggests the closest" "$err" \
	"bad.conf:1: unknown option 'max-paralel' (did you mean 'max-parallel'?)"
contains "a bad value says what was expected" "$err" "bad.conf:2: option 'fulltext' needs yes or no, not 'perhaps'"
contains "a newsboat line gets a hint" "$err" "bad.conf:3: 'reload-threads' is a newsboat setting"
contains "a bad colour is named" "$err" "bad.conf:5: 'purple' is not a colour"
contains "a missing include names the include line" "$err" "bad.conf:6: $tmp/nowhere.conf: cannot open"
contains "a missing theme is reported" "$err" "theme 'nosuchtheme' not found"
contains "the first bad urls line is listed" "$err" "bad.urls:2:"
contains "the second bad urls line is listed too" "$err" "bad.urls:3:"
contains "an unknown key is named" "$err" "bad.conf:8: unknown key 'zz'"
contains "an unknown action is named" "$err" "bad.conf:9: unknown action 'explode'"
contains "an unknown view is named" "$err" "bad.conf:10: unknown view 'nowhere'"
contains "the errors are counted" "$err" "11 errors"

err=$("$DATELINE" --check-config --config "$tmp/none.conf" 2>&1); rc=$?
is "a --config file that is missing is an error" "$rc" 1
contains "it names the file" "$err" "$tmp/none.conf: cannot open"

err=$("$DATELINE" --check-config --theme "bad/../x" 2>&1); rc=$?
is "a --theme path that is missing is an error" "$rc" 1

# Every theme that comes with dateline reads cleanly with this parser.
n=0
for f in "$srcdir"/themes/*; do
	name=${f##*/}
	case $name in *.mk|*.am|*.in|README*) continue ;; esac
	n=$((n + 1))
	err=$(DATELINE_THEMEDIR="$srcdir/themes" "$DATELINE" --check-config --theme "$name" 2>&1)
	is "theme $name passes --check-config" "$?" 0
done
ok "themes were found ($n)" test "$n" -ge 1
mkdir -p "$tmp/themes"
printf 'color body white black\nset max-parallel 3\ncolor nope red blue\n' >"$tmp/themes/broken"
err=$(DATELINE_THEMEDIR="$tmp/themes" "$DATELINE" --check-config --theme broken 2>&1); rc=$?
is "a broken theme fails --check-config" "$rc" 1
contains "a theme's set line is refused with file:line" "$err" "themes/broken:2: a theme has only 'color' lines"
contains "a theme's bad role is named with file:line" "$err" "themes/broken:3: unknown role 'nope'"

# ~/.dateline wins over XDG when it exists.
mkdir "$HOME/.dateline"
out=$("$DATELINE" --check-config); rc=$?
is "with ~/.dateline, --check-config still passes" "$rc" 0
contains "~/.dateline is used" "$out" "$HOME/.dateline/config: not there"
rmdir "$HOME/.dateline"

# --import-newsboat: a newsboat directory with config and urls.
nb=$tmp/newsboat
mkdir "$nb"
cat >"$nb/config" <<'EOF'
# newsboat
reload-threads 6
auto-reload yes
reload-time 45
max-items 500
browser "w3m %u"
bind-key ^D pagedown
color listfocus black yellow bold
highlight article "^Feed:.*" blue
macro v set browser "mpv %u"
EOF
cat >"$nb/urls" <<'EOF'
https://a.example.org/feed.xml tech "~Tech A"
https://b.example.org/rss
EOF
rm -rf "$XDG_CONFIG_HOME/dateline"
out=$("$DATELINE" --import-newsboat "$nb" 2>&1); rc=$?
is "--import-newsboat exits 0" "$rc" 0
contains "it says where it wrote" "$out" "$nb/config: converted into $XDG_CONFIG_HOME/dateline/config"
contains "it counts the settings" "$out" "settings:     4"
contains "it counts the bindings" "$out" "key bindings: 1"
contains "it counts the colours" "$out" "colours:      1"
contains "it lists the highlight line" "$out" "$nb/config:9: highlight article"
contains "it lists the macro line" "$out" "$nb/config:10: macro v"
contains "it copies the urls" "$out" "copied to $XDG_CONFIG_HOME/dateline/urls (2 feeds)"
conf=$(cat "$XDG_CONFIG_HOME/dateline/config" 2>/dev/null)
contains "reload-threads became max-parallel" "$conf" "set max-parallel 6"
contains "auto-reload + reload-time became auto-refresh" "$conf" "set auto-refresh 45"
contains "max-items became keep-items" "$conf" "set keep-items 500"
contains "the browser was kept" "$conf" 'set browser w3m'
contains "the binding was converted" "$conf" "bind ^D page-down"
contains "the colour was converted" "$conf" "color selected black yellow bold"
cmp -s "$nb/urls" "$XDG_CONFIG_HOME/dateline/urls"
is "the urls file was copied as it is" "$?" 0
out=$("$DATELINE" --check-config 2>&1); rc=$?
is "the imported config passes --check-config" "$rc" 0

# A second import does not overwrite the config; the feeds are merged.
printf 'https://c.example.org/atom\n' >>"$nb/urls"
out=$("$DATELINE" --import-newsboat "$nb" 2>&1); rc=$?
is "a second import fails for the config" "$rc" 1
contains "it will not overwrite the config" "$out" "exists already"
contains "it merges the new feed" "$out" "1 new feed added"
n=$(grep -c '^https://' "$XDG_CONFIG_HOME/dateline/urls")
is "the urls file has three feeds" "$n" 3

# Every newsboat operation and key dateline maps is one the reader knows.
nb2=$tmp/newsboat2
mkdir "$nb2"
echo 'https://example.org/feed' >"$nb2/urls"
set -- a b c d e f g h i j k l m n o p q r s t u v w x y z
for op in up down pageup pagedown home end open quit hard-quit next-unread \
	prev-unread next prev toggle-article-read mark-feed-read reload reload-all \
	search set-tag select-tag toggle-show-read-feeds open-in-browser show-urls \
	help redraw; do
	echo "bind-key $1 $op"
	shift
done >"$nb2/config"
for k in ENTER SPACE TAB ESC BACKSPACE UP DOWN LEFT RIGHT HOME END PPAGE NPAGE DEL ^X; do
	echo "bind-key $k open articlelist"
done >>"$nb2/config"
for d in feedlist articlelist searchresultslist article help urlview all; do
	echo "unbind-key x $d"
done >>"$nb2/config"
out=$("$DATELINE" --import-newsboat "$nb2" --config "$tmp/nb2.conf" --urls "$tmp/nb2.urls" 2>&1); rc=$?
is "a config of every mapped operation imports" "$rc" 0
contains "all 47 bindings are converted" "$out" "key bindings: 47"
out=$("$DATELINE" --check-config --config "$tmp/nb2.conf" --urls "$tmp/nb2.urls" 2>&1); rc=$?
is "and every converted binding passes --check-config" "$rc" 0

err=$("$DATELINE" --import-newsboat "$tmp/empty-dir" 2>&1); rc=$?
is "an empty directory is an error" "$rc" 1
contains "it says what is missing" "$err" "neither a newsboat config nor a urls file"

tap_done
