# End-to-end: dateline --render on feeds written for the tests, against
# golden files checked by hand; stdin, colour only on a terminal, no
# escape sequence ever from feed text, errors.
. "$srcdir/tests/tap.sh"
: "${DATELINE:?}"
data=$srcdir/tests/data/story
tmp=${TMPDIR:-/tmp}/dateline-render.$$
mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT

for feed in wire intl agencies; do
	for w in 30 72 100; do
		"$DATELINE" --render "$data/$feed.xml" --width "$w" >"$tmp/out" 2>"$tmp/err"
		is "$feed.xml at width $w exits 0" "$?" 0
		if diff -u "$data/$feed.$w.txt" "$tmp/out" >"$tmp/diff"; then
			is "$feed.xml at width $w matches $feed.$w.txt" same same
		else
			sed 's/^/# /' "$tmp/diff" | head -40
			is "$feed.xml at width $w matches $feed.$w.txt" differs same
		fi
		is "$feed.xml at width $w: nothing on stderr" "$(cat "$tmp/err")" ""
	done
done

# Widths checked by an independent measure: Python's East Asian Width
# table (wide and fullwidth 2 columns, combining marks and ZWJ 0).
cat >"$tmp/width.py" <<'EOF'
import sys, unicodedata
def width(s):
    n = 0
    for c in s:
        if unicodedata.combining(c) or c in "\u200d\ufe0f" or unicodedata.category(c) == "Mn":
            continue
        n += 2 if unicodedata.east_asian_width(c) in "WF" else 1
    return n
limit = int(sys.argv[2])
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
print(sum(1 for l in lines if width(l) > limit))
EOF
have_python=no
[ -n "${PYTHON3:-}" ] && [ "$PYTHON3" != : ] && have_python=yes
if [ $have_python = yes ]; then
	for feed in wire intl agencies; do
		for w in 30 72 100; do
			wide=$("$PYTHON3" "$tmp/width.py" "$data/$feed.$w.txt" "$w")
			is "$feed.$w.txt: no line wider than $w columns" "$wide" 0
		done
	done
fi

# The same text from stdin.
"$DATELINE" --render - --width 72 <"$data/wire.xml" >"$tmp/stdin"
is "--render - reads stdin" "$?" 0
ok "stdin output equals the file's" cmp -s "$tmp/stdin" "$data/wire.72.txt"

# Not a terminal: default width 80 and no colour.
"$DATELINE" --render "$data/wire.xml" >"$tmp/plain"
if [ $have_python = yes ]; then
	is "without --width a pipe gets 80 columns" \
	    "$("$PYTHON3" "$tmp/width.py" "$tmp/plain" 80)" 0
	contains "... and the rule between stories is 80 wide" "$(cat "$tmp/plain")" \
	    "$(printf '%80s' '' | sed 's/ /─/g')"
fi
esc=$(printf '\033')
if grep -q "$esc" "$tmp/plain"; then
	is "no escape sequence in plain output" found none
else
	is "no escape sequence in plain output" none none
fi
if grep -q "$esc" "$data/wire.30.txt" "$data/wire.72.txt" "$data/wire.100.txt"; then
	is "the hostile story's ESC bytes never reach the output" found none
else
	is "the hostile story's ESC bytes never reach the output" none none
fi
contains "a hostile escape's text remains, harmless" "$(cat "$tmp/plain")" "Escapes [31mred[0m"

# On a terminal: colour, unless NO_COLOR is set.
if [ $have_python = yes ]; then
	cat >"$tmp/on-tty.py" <<'EOF'
import os, pty, sys
pid, fd = pty.fork()
if pid == 0:
    os.execv(sys.argv[1], sys.argv[1:])
out = b""
while True:
    try:
        chunk = os.read(fd, 65536)
    except OSError:
        break
    if not chunk:
        break
    out += chunk
os.waitpid(pid, 0)
sys.stdout.write("colour" if b"\x1b[" in out else "plain")
EOF
	got=$(env -u NO_COLOR TERM=xterm "$PYTHON3" "$tmp/on-tty.py" "$DATELINE" --render "$data/wire.xml" --width 72)
	is "a terminal gets colour" "$got" colour
	got=$(NO_COLOR=1 TERM=xterm "$PYTHON3" "$tmp/on-tty.py" "$DATELINE" --render "$data/wire.xml" --width 72)
	is "NO_COLOR turns colour off" "$got" plain
fi

# Errors.
err=$("$DATELINE" --render "$tmp/no-such-file.xml" 2>&1 >/dev/null); rc=$?
is "a missing file fails (exit 1)" "$rc" 1
contains "the error names the file" "$err" "no-such-file.xml"
printf 'hello, not a feed\n' >"$tmp/not-a-feed.txt"
err=$("$DATELINE" --render "$tmp/not-a-feed.txt" 2>&1 >/dev/null); rc=$?
is "a file that is not a feed fails (exit 1)" "$rc" 1
contains "the error names the file" "$err" "not-a-feed.txt"

# A Chinese, Japanese or Korean locale: terminals there often draw East
# Asian ambiguous characters in two columns, so our own decoration (list
# bullets, quote bars, table rules, the separators, the rule between
# stories) is ASCII of the same width; DATELINE_AMBIGUOUS=narrow keeps it.
decor='│|•|·|—|─|…'
for loc in ja_JP.UTF-8 zh_CN.UTF-8 ko_KR.UTF-8; do
	env -u LC_ALL -u LC_CTYPE LANG=$loc "$DATELINE" --render "$data/wire.xml" --width 72 \
		>"$tmp/cjk.out" 2>/dev/null
	is "$loc: no ambiguous-width decoration" "$(grep -cE "$decor" "$tmp/cjk.out")" 0
done
contains "ja: the bullet is an asterisk" "$(cat "$tmp/cjk.out")" "* North Bridge"
contains "ja: the table rule is a bar" "$(cat "$tmp/cjk.out")" "Train | Departs"
contains "ja: the dateline's dash is a hyphen" "$(cat "$tmp/cjk.out")" "(Agency) - The first"
"$DATELINE" --render "$data/wire.xml" --width 72 >"$tmp/plain.out" 2>/dev/null
is "the ASCII form is as wide: the text wraps into the same lines" \
	"$(sed 's/[^ ]*//g' "$tmp/cjk.out" | cksum)" "$(sed 's/[^ ]*//g' "$tmp/plain.out" | cksum)"
env -u LC_ALL DATELINE_AMBIGUOUS=wide LANG=en_GB.UTF-8 "$DATELINE" --render "$data/wire.xml" \
	--width 72 >"$tmp/wide.out" 2>/dev/null
is "DATELINE_AMBIGUOUS=wide anywhere" "$(grep -cE "$decor" "$tmp/wide.out")" 0
env -u LC_ALL DATELINE_AMBIGUOUS=narrow LANG=ja_JP.UTF-8 "$DATELINE" --render "$data/wire.xml" \
	--width 72 >"$tmp/narrow.out" 2>/dev/null
ok "DATELINE_AMBIGUOUS=narrow keeps the box drawing" grep -q "│" "$tmp/narrow.out"
ok "and the bullets" grep -q "•" "$tmp/narrow.out"

# The demo feeds render (./quickstart shows them).
for f in "$srcdir"/demo/*.xml; do
	n=$("$DATELINE" --render "$f" --width 72 2>&1 >/dev/null | wc -l)
	is "demo $(basename "$f") renders without a warning" "$n" 0
done

tap_done
