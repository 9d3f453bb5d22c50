# End-to-end: the command line itself (options, help, version, exit codes).
. "$srcdir/tests/tap.sh"
: "${DATELINE:?}"

out=$("$DATELINE" --version); rc=$?
is "--version exits 0" "$rc" 0
contains "--version names the program" "$out" "dateline "

out=$("$DATELINE" --help); rc=$?
is "--help exits 0" "$rc" 0
for opt in --parse --render --refresh --search --cache --urls --config --width; do
	contains "--help lists $opt" "$out" "$opt"
done

err=$("$DATELINE" --no-such-option 2>&1 >/dev/null); rc=$?
is "an unknown option is a usage error (exit 2)" "$rc" 2
contains "an unknown option is named" "$err" "--no-such-option"

err=$("$DATELINE" --width 3 --render - </dev/null 2>&1 >/dev/null); rc=$?
is "a bad --width is a usage error" "$rc" 2
contains "a bad --width says what it wants" "$err" "10 to 1000"

err=$("$DATELINE" --parse x --render y 2>&1 >/dev/null); rc=$?
is "two commands at once are refused" "$rc" 2

err=$("$DATELINE" stray-word 2>&1 >/dev/null); rc=$?
is "a stray operand is a usage error" "$rc" 2

demo=$srcdir/demo/dateline-wire.xml
full=$("$DATELINE" --parse "$demo")
bare=$("$DATELINE" --parse "$demo" --no-story)
contains "--parse fills the story object" "$full" '"dateline":"PORT ELLEN, Nov 27 (Dateline Wire)"'
contains "--parse --no-story leaves it empty" "$bare" '"story":{"dateline":"","byline":"","captions":[],"credits":""}'
strip() { sed 's/,"story":{.*}}$/}/; s/,"story":{.*}},$/},/'; }
is "--no-story changes nothing but the story" "$(printf '%s\n' "$full" | strip | md5sum)" "$(printf '%s\n' "$bare" | strip | md5sum)"

tap_done
