# End-to-end: the "story" object of --parse output (dateline, byline,
# captions with credits, credits tail) for the story test feed.
. "$srcdir/tests/tap.sh"
: "${DATELINE:?}"
data=$srcdir/tests/data/story

if [ -z "${PYTHON3:-}" ] || [ "$PYTHON3" = : ]; then
	echo "1..0 # SKIP python3 is needed to read the JSON"
	exit 0
fi
json=$("$DATELINE" --parse "$data/wire.xml"); rc=$?
is "--parse of the story feed exits 0" "$rc" 0

# One line per item: dateline | byline | captions (text / credit; …) | credits
got=$(printf '%s' "$json" | "$PYTHON3" -c '
import json, sys
for it in json.load(sys.stdin)["items"]:
    s = it["story"]
    caps = "; ".join("%s / %s" % (c["text"], c["credit"]) for c in s["captions"])
    print("%s | %s | %s | %s" % (s["dateline"], s["byline"], caps, s["credits"]))
')
line() { printf '%s\n' "$got" | sed -n "${1}p"; }

is "Reuters form: all four fields" "$(line 1)" \
    "VALLEN/ORSA (Test Wire) | Ada Lind, Bo Kask and Cai Moreno | FILE PHOTO: A container ship waits outside the port of Vallen, Nov 2, 2026. / TESTWIRE/Ada Lind/File Photo | (Reporting by Ada Lind in Vallen and Bo Kask in Orsa; Editing by Cai Moreno)"
is "the author element is the byline; a credits tail inside a paragraph" "$(line 2)" \
    "LINDHOLM, Sept 11 (Test Wire) | Dee Okafor |  | (Additional reporting by Eli Park; Editing by Dee Okafor)"
is "Media RSS caption before the figure's; AP credits line" "$(line 3)" \
    "MAPLE FALLS, Ore. (Test Wire) |  | Residents raise their hands to vote in the school gym. / Fay Ito/Test Wire; The bakery on Main Street, closed since October. / Test Wire Photo/Fay Ito | Test Wire writer Hal Ibsen in Portland contributed to this report."
is "AFP form" "$(line 4)" "New Harbour, Nov 24 (Test Wire) |  |  | "
is "agency with a region" "$(line 5)" "KHASAN, Russia (Agency) |  |  | "
is "an escaped &mdash; left in the text" "$(line 6)" "TOKYO (Wire) |  |  | "
is "TASS form" "$(line 7)" "MOSCOW, September 12. /TASS/. |  |  | "
is "look-alikes are left alone" "$(line 8)" " |  |  | "

# The world's wires: one line per item of agencies.xml, title first,
# against agencies.fields (checked by hand).
json=$("$DATELINE" --parse "$data/agencies.xml"); rc=$?
is "--parse of the agencies feed exits 0" "$rc" 0
got=$(printf '%s' "$json" | "$PYTHON3" -c '
import json, sys
for it in json.load(sys.stdin)["items"]:
    s = it["story"]
    caps = "; ".join("%s / %s" % (c["text"], c["credit"]) for c in s["captions"])
    print("%s | %s | %s | %s | %s" % (it["title"], s["dateline"], s["byline"], caps, s["credits"]))
')
n=0
while IFS= read -r want; do
	n=$((n + 1))
	is "agencies.xml item $n: ${want%% | *}" \
	    "$(printf '%s\n' "$got" | sed -n "${n}p")" "$want"
done <"$data/agencies.fields"
is "agencies.xml: as many items as agencies.fields lines" \
    "$(printf '%s\n' "$got" | wc -l | tr -d ' ')" "$n"

tap_done
