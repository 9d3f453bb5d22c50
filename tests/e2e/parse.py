#!/usr/bin/env python3
"""End-to-end tests of `dateline --parse`: golden JSON for the feeds in
tests/data/parse/ (every format, namespace, charset, date form, entity
and recovery case), the exit status and messages of the error cases, and
hostile input generated here (deep nesting, a huge field, many items).

The goldens leave out each item's "story" object (the story module fills
it); this test only checks that it is there with its four keys.  Prints
TAP."""
import json
import os
import subprocess
import sys
import tempfile

DATELINE = os.environ.get("DATELINE", "./dateline")
DATA = os.path.join(os.environ.get("srcdir", "."), "tests", "data", "parse")
URL = "http://feeds.example/dir/feed.xml"

n = 0
failed = 0


def ok(cond, desc, diag=""):
    global n, failed
    n += 1
    print("%s %d - %s" % ("ok" if cond else "not ok", n, desc))
    if not cond:
        failed += 1
        for line in str(diag).splitlines()[:40]:
            print("# " + line)


def run(args, stdin=None):
    p = subprocess.run([DATELINE] + args, input=stdin, capture_output=True,
                       cwd=DATA)
    return p.returncode, p.stdout.decode("utf-8", "replace"), \
        p.stderr.decode("utf-8", "replace")


def strip_story(doc):
    for it in doc.get("items", []):
        story = it.pop("story", None)
        if not isinstance(story, dict) or sorted(story) != \
                ["byline", "captions", "credits", "dateline"]:
            return False
    return True


# Expected warnings (stderr) of the inputs that have any.
WARNINGS = {
    "entities.xml": "a bare '&' was read as \"&amp;\"",
    "charset-unknown.xml": "unknown charset \"x-no-such-charset\", read as UTF-8",
    "recover-truncated.xml": "recover-truncated.xml: line 6, column 1: no element found",
    "recover-mismatched.xml": "recover-mismatched.xml: line 4, column 30: "
                              "mismatched tag; read on from the next item",
    "recover-stray.xml": "recover-stray.xml: line 3, column 59: not well-formed "
                         "(invalid token); read on from the next item",
    "recover-twice.xml": "recover-twice.xml: line 4, column 28: mismatched tag; "
                         "read on from the next item\ndateline: warning: "
                         "recover-twice.xml: line 6, column 28: not well-formed",
    "recover-atom.xml": "recover-atom.xml: line 5, column 118: mismatched tag; "
                        "read on from the next item",
}

FEED_KEYS = ["format", "title", "link", "description", "language", "author",
             "updated", "items"]
ITEM_KEYS = ["guid", "title", "link", "author", "published", "updated",
             "summary", "content", "categories", "enclosures", "media"]


def golden_tests():
    names = sorted(f for f in os.listdir(os.path.join(DATA, "golden"))
                   if f.endswith(".json"))
    ok(len(names) >= 25, "there are golden files", names)
    for g in names:
        inputs = [f for f in os.listdir(DATA)
                  if os.path.splitext(f)[0] == g[:-5] and
                  os.path.isfile(os.path.join(DATA, f))]
        if len(inputs) != 1:
            ok(False, "one input for golden %s" % g, inputs)
            continue
        src = inputs[0]
        rc, out, err = run(["--parse", src, "--url", URL])
        ok(rc == 0, "%s: exit 0" % src, err)
        try:
            doc = json.loads(out)
        except ValueError as e:
            ok(False, "%s: output is JSON" % src, e)
            continue
        ok(sorted(doc) == sorted(FEED_KEYS), "%s: feed keys" % src, sorted(doc))
        ok(all(sorted(k for k in it if k != "story") == sorted(ITEM_KEYS)
               for it in doc["items"]), "%s: item keys" % src)
        ok(strip_story(doc), "%s: every item has a story object" % src)
        with open(os.path.join(DATA, "golden", g), encoding="utf-8") as fp:
            want = json.load(fp)
        ok(doc == want, "%s: matches golden/%s" % (src, g),
           json.dumps(doc, indent=1, ensure_ascii=False))
        w = WARNINGS.get(src)
        if w is None:
            ok(err == "", "%s: no warnings" % src, err)
        else:
            ok(w in err and err.startswith("dateline: warning: %s: " % src),
               "%s: warns" % src, err)


def error_tests():
    rc, out, err = run(["--parse", "missing.xml"])
    ok(rc == 1 and out == "" and
       err == "dateline: missing.xml: No such file or directory\n",
       "missing file: exit 1 and the message", (rc, err))
    rc, out, err = run(["--parse", "page.html", "--url", "http://site.example/news/"])
    ok(rc == 1 and out == "", "HTML page: exit 1, no output", (rc, out))
    ok(err == "dateline: page.html: not a feed: an HTML page; it advertises "
       "http://site.example/rss.xml, https://gazette.example/atom.xml, "
       "http://site.example/news/feed.json\n", "HTML page: names the feeds", err)
    rc, out, err = run(["--parse", "page-nofeed.html"])
    ok(rc == 1 and "an HTML page that advertises no feed" in err,
       "HTML page without feeds", err)
    for f in ("billion-laughs.xml", "xxe.xml"):
        rc, out, err = run(["--parse", f])
        ok(rc == 1 and out == "" and "entity declaration refused" in err,
           "%s: refused" % f, (rc, err))
    with open(os.path.join(DATA, "rss20.xml"), "rb") as fp:
        data = fp.read()
    rc, out, err = run(["--parse", "-", "--url", URL], stdin=data)
    doc = json.loads(out) if rc == 0 else {}
    strip_story(doc)
    with open(os.path.join(DATA, "golden", "rss20.json"), encoding="utf-8") as fp:
        ok(doc == json.load(fp), "stdin gives the same as the file", err)
    rc, out, err = run(["--parse", "-"], stdin=b"")
    ok(rc == 1 and err == "dateline: stdin: empty document\n", "empty input", err)
    rc, out, err = run(["--parse", "-"], stdin=b"<opml version='2.0'/>")
    ok(rc == 1 and "not a feed: the document is <opml>" in err, "not a feed", err)
    rc, out, err = run(["--parse", "-"], stdin=b"<rss><channel><title>x</tit")
    ok(rc == 0 and json.loads(out)["title"] == "" and "warning" in err or
       rc == 1 and "line 1" in err, "cut before anything was read", (rc, err))


def order_tests():
    """Keys known at the first item come before "items", the rest after,
    each once, with its final value."""
    rc, out, err = run(["--parse", "late-fields.xml"])
    pairs = json.loads(out, object_pairs_hook=lambda kv: kv) if rc == 0 else []
    keys = [k for k, _ in pairs]
    ok(keys == ["format", "title", "items", "link", "description", "language",
                "author", "updated"], "late feed fields follow the items", keys)
    ok(out.count('"title":"Late Fields"') == 1 and "second title" not in out,
       "a repeated feed field keeps its first value", out)
    rc, out, err = run(["--parse", "rss20.xml"])
    pairs = json.loads(out, object_pairs_hook=lambda kv: kv) if rc == 0 else []
    ok([k for k, _ in pairs] == FEED_KEYS, "fields before items in the usual case",
       [k for k, _ in pairs])
    ok(out.count("\n") == 5 and out.endswith("}\n"), "one item a line", out[:300])


def hostile_tests():
    deep = b"<rss><channel><title>deep</title><item><title>kept</title></item>" + \
        b"<x>" * 200000
    rc, out, err = run(["--parse", "-"], stdin=deep)
    ok(rc == 0 and [i["title"] for i in json.loads(out)["items"]] == ["kept"] and
       "nested deeper than 256" in err, "deep nesting stops at the limit", err)
    huge = b"<rss><channel><item><title>big</title><description>" + \
        b"x" * (5 << 20) + b"</description></item></channel></rss>"
    rc, out, err = run(["--parse", "-"], stdin=huge)
    items = json.loads(out)["items"] if rc == 0 else []
    ok(len(items) == 1 and len(items[0]["summary"]) == 1 << 20 and
       "longer than 1048576 bytes was cut" in err, "a huge field is cut", err)
    many = b"<rss><channel><title>many</title>" + b"".join(
        b"<item><title>%d</title><guid>g%d</guid></item>" % (i, i)
        for i in range(100000)) + b"</channel></rss>"
    rc, out, err = run(["--parse", "-"], stdin=many)
    items = json.loads(out)["items"] if rc == 0 else []
    ok(len(items) == 100000 and items[-1]["guid"] == "g99999",
       "100000 items stream out", err)
    # A token expat would have to hold whole: refused at 4 MB, items kept.
    for what, head, tail in (("comment", b"<!-- ", b" -->"),
                             ("attribute", b'<x a="', b'"/>')):
        doc = b"<rss><channel><item><title>kept</title></item>" + head + \
            b"x" * (8 << 20) + tail + b"</channel></rss>"
        rc, out, err = run(["--parse", "-"], stdin=doc)
        ok(rc == 0 and len(json.loads(out)["items"]) == 1 and
           "more than 4194304 bytes in one tag" in err,
           "a huge %s is refused" % what, err)
    # Every byte value in the input: still valid UTF-8 JSON, exit 0.
    allbytes = b"<rss><channel><item><title>" + bytes(
        b for b in range(256) if b not in b"<&") + b"</title></item></channel></rss>"
    rc, out, err = run(["--parse", "-"], stdin=allbytes)
    ok(rc == 0 and len(json.loads(out)["items"]) == 1, "every byte value", err)


golden_tests()
order_tests()
error_tests()
hostile_tests()
print("1..%d" % n)
sys.exit(1 if failed else 0)
