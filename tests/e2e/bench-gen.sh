# End-to-end: the benchmark corpus generator (bench/gen-corpus) is
# deterministic and writes well-formed feeds of every kind it promises.
. "$srcdir/tests/tap.sh"
: "${PYTHON3:=python3}"
gen="$srcdir/bench/gen-corpus"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/dl-bench-gen.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT

args="--feeds 20 --items 3 --big-mb 1"
ok "the generator runs" "$PYTHON3" "$gen" $args "$tmp/a"
ok "it runs again" "$PYTHON3" "$gen" $args "$tmp/b"
ok "the same arguments give the same bytes" diff -r "$tmp/a" "$tmp/b"
ok "another seed gives other bytes" "$PYTHON3" "$gen" $args --seed 2 "$tmp/c"
if diff -r "$tmp/a/feeds" "$tmp/c/feeds" >/dev/null 2>&1; then same=yes; else same=no; fi
is "another seed's feeds differ" "$same" no
ok "a bad size is refused" sh -c '! "$1" "$2" --feeds 0 "$3/d" 2>/dev/null' sh "$PYTHON3" "$gen" "$tmp"

# Check every file with python's expat binding (it knows windows-1251, which
# xmlwf does not): well-formed, the declared charset, the promised formats,
# item counts equal to the manifest, dates in both forms, sizes in range.
out=$("$PYTHON3" - "$tmp/a" <<'PY' 2>&1
import json, os, re, sys
import xml.etree.ElementTree as ET
d = sys.argv[1]
m = json.load(open(os.path.join(d, "manifest.json")))
kinds, encs, total = set(), set(), 0
for f in m["feeds"]:
    p = os.path.join(d, f["path"])
    raw = open(p, "rb").read()
    root = ET.fromstring(raw)
    enc = re.match(rb'<\?xml version="1.0" encoding="([^"]+)"', raw).group(1).decode()
    assert enc == f["encoding"], (p, enc)
    n = sum(1 for e in root.iter() if e.tag in ("item", "{http://purl.org/rss/1.0/}item",
                                                "{http://www.w3.org/2005/Atom}entry"))
    assert n == f["items"] == m["items"] // len(m["feeds"]), (p, n)
    assert len(raw) == f["bytes"]
    total += n
    kinds.add(f["format"]); encs.add(enc)
    text = raw.decode(enc)
    if f["format"] == "rss2.0":
        assert re.search(r"<pubDate>(\w{3}, )?\d\d? \w{3} \d{4} \d\d:\d\d", text), p
        if enc == "utf-8":
            assert "media:description" in text and "media:credit" in text, p
            assert "content:encoded" in text, p
    else:
        assert re.search(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", text), p
    if f["format"] == "atom1.0-xhtml":
        assert 'type="xhtml"' in text, p
assert total == m["items"], total
assert kinds == {"rss2.0", "rss1.0", "atom1.0-html", "atom1.0-xhtml"}, kinds
assert encs == {"utf-8", "iso-8859-1", "windows-1251"}, encs
big = os.path.join(d, "big.xml")
root = ET.parse(big).getroot()
assert sum(1 for _ in root.iter("item")) == m["big"]["items"]
assert 1 << 20 <= os.path.getsize(big) < 2 << 20
art = ET.parse(os.path.join(d, "article-200k.xml")).getroot()
body = art.find("channel/item/{http://purl.org/rss/1.0/modules/content/}encoded").text
assert 200 << 10 <= len(body) < 300 << 10
assert open(os.path.join(d, "article-200k.html"), encoding="utf-8").read() == body
page = open(os.path.join(d, "page-500k.html"), encoding="utf-8").read()
assert 450 << 10 <= len(page) < 600 << 10 and "NewsArticle" in page and "<article" in page
print("ok")
PY
)
is "every file is well-formed and as promised" "$out" ok

if command -v xmlwf >/dev/null 2>&1; then
	bad=$(cd "$tmp/a" && for f in feeds/*.xml big.xml article-200k.xml; do
		grep -q 'encoding="windows-1251"' "$f" && continue
		xmlwf "$f"; done 2>&1)
	is "xmlwf finds nothing wrong" "$bad" ""
fi

tap_done
