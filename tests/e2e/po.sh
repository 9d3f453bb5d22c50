# End-to-end: the translations.  Every catalogue passes msgfmt --check and
# translates every message of the current sources; POTFILES.in lists every
# source file with messages; and dateline speaks German, Russian and Korean
# (--help, --help-options, --check-config errors) with the catalogues
# compiled here and found through DATELINE_LOCALEDIR.
. "$srcdir/tests/tap.sh"
: "${DATELINE:?}"

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
po=$srcdir/po

for tool in msgfmt msgcmp xgettext; do
	ok "$tool is installed (gettext tools)" command -v $tool
done

linguas=$(sed 's/#.*//' "$po/LINGUAS" | tr -s ' \n' '  ')
for l in de ru ko; do
	contains "LINGUAS lists $l" " $linguas " " $l "
done

# POTFILES.in: exactly the source files that have messages.
(cd "$srcdir" && grep -l -E '\b(N_|P_|_)\(' src/*.c src/*/*.c | sort) >"$tmp/with"
sed 's/#.*//; /^[[:space:]]*$/d' "$po/POTFILES.in" | sort >"$tmp/listed"
missing=$(comm -23 "$tmp/with" "$tmp/listed" | tr '\n' ' ')
is "POTFILES.in lists every file with messages" "$missing" ""
gone=$(while read -r f; do [ -f "$srcdir/$f" ] || printf '%s ' "$f"; done <"$tmp/listed")
is "every file in POTFILES.in exists" "$gone" ""

# A template of the sources as they are now, with the options of po/Makevars.
(cd "$srcdir" && xgettext --keyword=_ --keyword=N_ --keyword=P_:1,2 --from-code=UTF-8 \
	--language=C --add-comments=TRANSLATORS: -o "$tmp/now.pot" \
	$(sed 's/#.*//; /^[[:space:]]*$/d' po/POTFILES.in)) 2>"$tmp/xgettext.err"
is "xgettext reads the sources" "$?" 0
n=$(grep -c '^msgid ' "$tmp/now.pot")
ok "the sources have messages ($n)" test "$n" -gt 100

for l in $linguas; do
	mkdir -p "$tmp/locale/$l/LC_MESSAGES"
	msgfmt --check --statistics -o "$tmp/locale/$l/LC_MESSAGES/dateline.mo" \
		"$po/$l.po" >"$tmp/stat" 2>&1
	is "msgfmt --check $l.po" "$?" 0
	stat=$(cat "$tmp/stat")
	contains "$l.po: all translated ($stat)" "$stat" "translated message"
	case $stat in *untranslated*|*fuzzy*) r=1 ;; *) r=0 ;; esac
	is "$l.po has no untranslated or fuzzy message" "$r" 0
	msgcmp "$po/$l.po" "$tmp/now.pot" >"$tmp/cmp" 2>&1
	is "$l.po translates every message of the current sources" "$?" 0
	[ -s "$tmp/cmp" ] && head -20 "$tmp/cmp" | sed 's/^/# /'
done

# dateline in each language.
C=$tmp/locale
"$DATELINE" --help >"$tmp/help.C"
descs=$(sed -n 's/^  .\{26\} //p' "$tmp/help.C")
ok "the English --help has option descriptions" test -n "$descs"
printf 'set max-paralel 4\nset mouse maybe\ncolor headline purple default\n' >"$tmp/bad.conf"
for l in de ru ko; do
	case $l in
	de) usage="Aufruf:"; cmds="Befehle:"; unk="unbekannte Option" ;;
	ru) usage="Использование:"; cmds="Команды:"; unk="неизвестный параметр" ;;
	ko) usage="사용법:"; cmds="명령:"; unk="알 수 없는 옵션" ;;
	esac
	out=$(LANGUAGE=$l LC_ALL=C.UTF-8 DATELINE_LOCALEDIR=$C "$DATELINE" --help)
	is "[$l] --help exits 0" "$?" 0
	contains "[$l] --help starts with the translated usage" "$out" "$usage dateline"
	contains "[$l] --help has the translated headings" "$out" "$cmds"
	left=$(printf '%s\n' "$descs" | while IFS= read -r d; do
		case $out in *"$d"*) printf '%s; ' "$d" ;; esac
	done)
	is "[$l] --help has no English description left" "$left" ""
	# the descriptions start in one column, counted in display cells
	bad=$(printf '%s\n' "$out" | "${PYTHON3:-python3}" -c '
import re, sys, unicodedata
def width(s):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
for line in sys.stdin:
    m = re.match(r"^(  \S.*?\S)( {2,})\S", line)
    if m and line.lstrip().startswith("-") and width(m.group(1)) < 28:
        if width(m.group(1)) + len(m.group(2)) != 29:
            print(line.strip()[:30])
')
	is "[$l] --help descriptions line up" "$bad" ""

	out=$(LANGUAGE=$l LC_ALL=C.UTF-8 DATELINE_LOCALEDIR=$C "$DATELINE" --help-options)
	en=$("$DATELINE" --help-options | sed -n '2p' | sed 's/^ *//')
	case $out in *"$en"*) r=1 ;; *) r=0 ;; esac
	is "[$l] --help-options explains options in $l" "$r" 0

	err=$(LANGUAGE=$l LC_ALL=C.UTF-8 DATELINE_LOCALEDIR=$C "$DATELINE" --check-config \
		--config "$tmp/bad.conf" --urls /dev/null 2>&1)
	is "[$l] --check-config still fails on a bad config" "$?" 1
	contains "[$l] config errors are translated" "$err" "bad.conf:1: $unk"
	contains "[$l] config errors keep the names" "$err" "max-parallel"
done

# An unknown language falls back to English.
out=$(LANGUAGE=xx LC_ALL=C.UTF-8 DATELINE_LOCALEDIR=$C "$DATELINE" --help)
contains "an unknown language gets English" "$out" "Usage: dateline"

tap_done
