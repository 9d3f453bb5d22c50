#!/usr/bin/env python3
"""Word-level precision and recall of `dateline --extract` (issue 10).

For every page tests/data/extract/NAME.html with an expected article text
NAME.txt, runs `dateline --extract PAGE --html`, turns the cleaned HTML into
text and compares its words (lower-cased, as a multiset) with the expected
words.  Prints per-page figures and one TAP point per page (both figures at
least PAGE_MIN), then the figures across the set (micro-averaged: all words
of all pages), which must both be at least SET_MIN.  Pages named
giveup-*.html must be refused: exit status 1 and "no article found".

Usage: DATELINE=path/to/dateline srcdir=top/srcdir extract-score.py [NAME...]
"""
import collections
import glob
import html.parser
import os
import re
import subprocess
import sys

SET_MIN = 0.9
PAGE_MIN = 0.8
BASE = "https://news.example/section/story"


class Text(html.parser.HTMLParser):
    """The text of the cleaned HTML; every element boundary is a space."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []

    def handle_data(self, data):
        self.parts.append(data)

    def handle_starttag(self, tag, attrs):
        self.parts.append(" ")

    def handle_endtag(self, tag):
        self.parts.append(" ")


def words(text):
    return collections.Counter(w.lower() for w in re.findall(r"\w+", text))


def run(dateline, page):
    return subprocess.run([dateline, "--extract", page, "--html", "--url", BASE],
                          capture_output=True, text=True, timeout=60)


def main():
    dateline = os.environ.get("DATELINE")
    srcdir = os.environ.get("srcdir", ".")
    if not dateline:
        print("1..0 # SKIP DATELINE is not set")
        return 1
    data = os.path.join(srcdir, "tests", "data", "extract")
    names = sys.argv[1:] or sorted(
        os.path.basename(p)[:-5] for p in glob.glob(os.path.join(data, "*.html")))
    n = failed = 0
    tot_hit = tot_got = tot_want = 0
    print("# %-24s %9s %9s %7s %7s" % ("page", "precision", "recall", "got", "want"))
    for name in names:
        page = os.path.join(data, name + ".html")
        n += 1
        r = run(dateline, page)
        if name.startswith("giveup-"):
            good = r.returncode == 1 and "no article found" in r.stderr
            print("%s %d - %s is refused (%s)" % ("ok" if good else "not ok", n, name,
                                                 r.stderr.strip().split(": ", 1)[-1]))
            failed += not good
            continue
        want_path = os.path.join(data, name + ".txt")
        if not os.path.exists(want_path):
            print("not ok %d - %s has no expected text %s" % (n, name, want_path))
            failed += 1
            continue
        if r.returncode != 0:
            print("not ok %d - %s: exit %d: %s" % (n, name, r.returncode, r.stderr.strip()))
            failed += 1
            continue
        p = Text()
        p.feed(r.stdout)
        got = words("".join(p.parts))
        with open(want_path, encoding="utf-8") as f:
            want = words(f.read())
        hit = sum((got & want).values())
        ngot, nwant = sum(got.values()), sum(want.values())
        prec = hit / ngot if ngot else 0.0
        rec = hit / nwant if nwant else 0.0
        tot_hit += hit
        tot_got += ngot
        tot_want += nwant
        print("# %-24s %9.3f %9.3f %7d %7d" % (name, prec, rec, ngot, nwant))
        good = prec >= PAGE_MIN and rec >= PAGE_MIN
        print("%s %d - %s: precision %.3f, recall %.3f (each at least %.2f)" % (
            "ok" if good else "not ok", n, name, prec, rec, PAGE_MIN))
        if not good:
            extra = got - want
            missing = want - got
            print("#   extra words: %s" % " ".join(sorted(extra)[:40]))
            print("#   missing words: %s" % " ".join(sorted(missing)[:40]))
        failed += not good
    n += 1
    prec = tot_hit / tot_got if tot_got else 0.0
    rec = tot_hit / tot_want if tot_want else 0.0
    print("# %-24s %9.3f %9.3f %7d %7d" % ("ALL PAGES", prec, rec, tot_got, tot_want))
    good = tot_want > 0 and prec >= SET_MIN and rec >= SET_MIN
    print("%s %d - across the set: precision %.3f, recall %.3f (each at least %.2f)" % (
        "ok" if good else "not ok", n, prec, rec, SET_MIN))
    failed += not good
    print("1..%d" % n)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
