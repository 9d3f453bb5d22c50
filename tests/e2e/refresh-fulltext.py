"""End-to-end: full texts at refresh time.

A summary-only feed tagged `fulltext` in the urls file points at article
pages (tests/data/extract/*.html) served by a local HTTP server: after
--refresh the store holds each article (found by --search with a word that
is only in the article), a 404, a page that is not HTML and a login wall
keep the feed's summary and are reported; an untagged feed's pages are not
fetched; a second refresh fetches no page again, a third one only the page
of the item that is new; the `fulltext` option fetches for every feed.
Prints TAP.
"""
import ctypes
import ctypes.util
import os
import sqlite3
import subprocess
import sys
import tempfile
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from httpserver import FeedServer  # noqa: E402
from taplib import done, isolated_env, ok  # noqa: E402

DATELINE = os.environ.get("DATELINE", "dateline")
SRCDIR = os.environ.get("srcdir", os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", ".."))
PAGES = os.path.join(SRCDIR, "tests", "data", "extract")
def page(name):
    with open(os.path.join(PAGES, name), "rb") as f:
        return f.read()


def feed(title, items):
    """RSS with summary-only items: (guid, title, link, summary)."""
    out = ['<?xml version="1.0"?>\n<rss version="2.0"><channel>'
           '<title>%s</title><link>http://example.invalid/</link>' % title]
    for guid, t, link, text in items:
        out.append("<item><guid>%s</guid><title>%s</title><link>%s</link>"
                   "<description>%s</description></item>"
                   % (guid, t, link, text))
    out.append("</channel></rss>\n")
    return "".join(out)


tmp = tempfile.mkdtemp(prefix="dl-fulltext-")
env = isolated_env(tmp, timeout_scale="0.05")
conf = os.path.join(tmp, "config")
with open(conf, "w") as f:
    f.write("set max-per-host 2\n")
conf_all = os.path.join(tmp, "config-all")
with open(conf_all, "w") as f:
    f.write("set fulltext yes\n")


def run(cache, urls, config=conf, args=("--refresh",), tty=False):
    cmd = [DATELINE, "--cache", cache, "--config", config, "--urls", urls]
    cmd += list(args)
    if not tty:
        p = subprocess.run(cmd, capture_output=True, text=True, env=env,
                           timeout=60)
        return p.returncode, p.stdout, p.stderr
    # stderr on a terminal: the summary line goes to stdout.
    master, slave = os.openpty()
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=slave, env=env,
                       timeout=60, text=True)
    os.close(slave)
    err = b""
    try:
        while True:
            chunk = os.read(master, 65536)
            if not chunk:
                break
            err += chunk
    except OSError:
        pass
    os.close(master)
    return p.returncode, p.stdout, err.decode("utf-8", "replace")


def body(v):
    """The store keeps long HTML as a BLOB: 4 bytes of length
    (little-endian), then a zstd frame (a zlib stream in stores before
    0.2); short HTML as TEXT.  Python has no zstd module: libzstd's own
    ZSTD_decompress (through ctypes) reads the frame."""
    if isinstance(v, bytes):
        if v[4:8] == b"\x28\xb5\x2f\xfd":
            size = int.from_bytes(v[:4], "little")
            lib = ctypes.CDLL(ctypes.util.find_library("zstd") or "libzstd.so.1")
            lib.ZSTD_decompress.restype = ctypes.c_size_t
            out = ctypes.create_string_buffer(size + 1)
            got = lib.ZSTD_decompress(out, ctypes.c_size_t(size + 1),
                                      ctypes.c_char_p(v[4:]),
                                      ctypes.c_size_t(len(v) - 4))
            raw = out.raw[:got]
        else:
            raw = zlib.decompress(v[4:])
        text = raw.decode("utf-8")
        assert len(raw) == int.from_bytes(v[:4], "little")
        return text
    return v


def fulltext_of(cache, guid):
    db = sqlite3.connect(cache)
    try:
        row = db.execute("SELECT fulltext, summary FROM items WHERE guid = ?",
                         (guid,)).fetchone()
    finally:
        db.close()
    return row and (body(row[0]), body(row[1]))


srv = FeedServer().start()
html = "text/html; charset=utf-8"
srv.route("/art/wire.html", body=page("wire-article.html"), content_type=html,
          delay=0.2)
srv.route("/art/german.html", body=page("german-classes.html"),
          content_type=html, delay=0.2)
srv.route("/art/login.html", body=page("giveup-login.html"),
          content_type=html, delay=0.2)
srv.route("/art/notes.txt", body=b"Plain notes, not a page.\n",
          content_type="text/plain")
srv.route("/art/spanish.html", body=page("spanish-classes.html"),
          content_type=html)
srv.route("/art/untagged.html", body=page("wordpress-main.html"),
          content_type=html)
tagged_items = [
    ("t1", "Harbour dredging postponed", srv.url("/art/wire.html"),
     "Port work waits. Tagsummaryone."),
    ("t2", "Solar park approved", srv.url("/art/german.html"),
     "A solar park. Tagsummarytwo."),
    ("t3", "Missing page", srv.url("/art/missing.html"),
     "Gone away. Keptsummarythree."),
    ("t4", "Not a page", srv.url("/art/notes.txt"), "Notes. Tagsummaryfour."),
    ("t5", "Behind a wall", srv.url("/art/login.html"),
     "Members only. Tagsummaryfive."),
    ("t6", "No link at all", "", "Nothing to fetch. Tagsummarysix."),
    ("t7", "Not a web link", "mailto:desk@example.invalid",
     "Write to us. Tagsummaryseven."),
    ("t9", "A local file", "file://" + os.path.abspath(
        os.path.join(PAGES, "div-soup.html")), "Buses. Tagsummarynine."),
]
srv.route("/tagged.xml", body=feed("Tagged wire", tagged_items))
srv.route("/plain.xml", body=feed("Plain wire", [
    ("p1", "Untagged story", srv.url("/art/untagged.html"),
     "Summary only. Plainsummary.")]))

urls = os.path.join(tmp, "urls")
with open(urls, "w") as f:
    f.write("%s news fulltext \"~Tagged wire\"\n" % srv.url("/tagged.xml"))
    f.write("%s news\n" % srv.url("/plain.xml"))
cache = os.path.join(tmp, "cache.db")

# --- first refresh ---------------------------------------------------------
srv.count("/art/")
rc, out, err = run(cache, urls, tty=True)
ok(rc == 0, "first refresh succeeds (full-text failures are not feed "
   "failures)", "rc=%d\n%s\n%s" % (rc, out, err))
ok("2 full texts fetched, 3 failed" in out,
   "summary line counts the full texts fetched and failed", out + err)
ok("3 full texts could not be fetched" in err, "failures are reported", err)
ok("/art/missing.html" in err and "404" in err, "the 404 is named with its "
   "reason", err)
ok("/art/notes.txt" in err and "text/plain" in err,
   "a page that is not HTML is named with its type", err)
ok("/art/login.html" in err and "no article" in err,
   "a login wall is reported as no article", err)
ok(srv.max_inflight <= 2, "at most 2 pages at once from one host",
   "max in flight: %d" % srv.max_inflight)

for path in ("/art/wire.html", "/art/german.html", "/art/missing.html",
             "/art/notes.txt", "/art/login.html"):
    ok(len(srv.requests(path)) == 1, "%s fetched once" % path,
       srv.requests())
ok(len(srv.requests("/art/untagged.html")) == 0,
   "an untagged feed's item page is not fetched", srv.requests())
ok(len([r for r in srv.requests() if "mailto" in r[0]]) == 0,
   "a link that is not a web link is skipped", srv.requests())

row = fulltext_of(cache, "t1")
ok(row is not None and row[0] and "Quintela" in row[0],
   "the store holds the article as the item's full text", row)
ok(row is not None and "Tagsummaryone" in (row[1] or ""),
   "the feed's summary is kept beside it", row)
row = fulltext_of(cache, "t2")
ok(row is not None and row[0] and "Nordring" in row[0],
   "the second article is stored too", row)
for guid in ("t3", "t4", "t5", "t6", "t7", "t9"):
    row = fulltext_of(cache, guid)
    ok(row is not None and row[0] is None and row[1],
       "%s: no full text, the summary stays" % guid, row)
rc, out, err = run(cache, urls, args=("--search", "suburbs"))
ok(rc == 0 and out == "",
   "a web feed's file:// link is not read (no local files)", out + err)
row = fulltext_of(cache, "p1")
ok(row is not None and row[0] is None, "the untagged item has no full text",
   row)

rc, out, err = run(cache, urls, args=("--search", "Quintela"))
ok(rc == 0 and "Harbour dredging postponed" in out and out.count("\n") == 1,
   "--search finds a word that is only in the article", out + err)
rc, out, err = run(cache, urls, args=("--search", "Keptsummarythree"))
ok(rc == 0 and "Missing page" in out,
   "--search still finds the summary of the item whose page was 404",
   out + err)

# --- second refresh: nothing new, no page fetched again -------------------
srv.clear_log()
rc, out, err = run(cache, urls)
ok(rc == 0, "second refresh succeeds", out + err)
ok(not [r for r in srv.requests() if r[0].startswith("/art/")],
   "a second refresh fetches no article page", srv.requests())
ok("full text" not in err, "nothing to report about full texts", err)

# --- third refresh: one new item, only its page is fetched ----------------
srv.route("/tagged.xml", body=feed("Tagged wire", tagged_items + [
    ("t8", "Neighbourhood market", srv.url("/art/spanish.html"),
     "Market. Tagsummaryeight.")]))
srv.clear_log()
rc, out, err = run(cache, urls, tty=True)
pages = [r[0] for r in srv.requests() if r[0].startswith("/art/")]
ok(rc == 0 and pages == ["/art/spanish.html"],
   "a changed feed fetches only the page of its new item", pages)
ok("1 full text fetched, 0 failed" in out, "summary counts the one page",
   out + err)
row = fulltext_of(cache, "t8")
ok(row is not None and row[0], "the new item's article is stored", row)

# --- a feed read from a file may point at local pages ----------------------
local_feed = os.path.join(tmp, "local.xml")
with open(local_feed, "w") as f:
    f.write(feed("Local wire", [
        ("l1", "Runway closed", "file://" + os.path.abspath(
            os.path.join(PAGES, "table-layout.html")), "Short. Localsummary.")]))
urls_local = os.path.join(tmp, "urls-local")
with open(urls_local, "w") as f:
    f.write("file://%s fulltext\n" % local_feed)
rc, out, err = run(cache, urls_local)
row = fulltext_of(cache, "l1")
ok(rc == 0 and row is not None and row[0] and "resurfac" in row[0],
   "a file:// feed's file:// page is read", "%s\n%s" % (row, err))
rc, out, err = run(cache, urls_local, args=("--search", "resurfacing"))
ok(rc == 0 and "Runway closed" in out, "and found by --search", out + err)

# --- the fulltext option: every feed --------------------------------------
cache2 = os.path.join(tmp, "cache2.db")
srv.clear_log()
rc, out, err = run(cache2, urls, config=conf_all)
ok(len(srv.requests("/art/untagged.html")) == 1,
   "with `set fulltext yes` an untagged feed's pages are fetched too",
   srv.requests())
row = fulltext_of(cache2, "p1")
ok(row is not None and row[0], "and its article is stored", row)

# --- an article over three pages; a page in windows-1251 --------------------
def part(marker, head="", extra=""):
    return ('<!DOCTYPE html><html><head>%s<title>Paged</title></head><body>'
            '<article><h1>Paged</h1><p>%s: the ferry company said on Monday '
            'that the winter timetable, which islanders had asked to keep, '
            'would change, and that the early sailing would go.</p><p>The '
            'council, which pays part of the cost, said it would meet the '
            'company, and the school asked for a bus.</p>%s</article>'
            '</body></html>' % (head, marker, extra)).encode("utf-8")


srv.route("/paged/story", content_type=html, body=part(
    "Pageonemarker", head='<link rel="next" href="/paged/story/2">'))
srv.route("/paged/story/2", content_type=html, body=part(
    "Pagetwomarker", extra='<a rel="next" href="/paged/story/3">More</a>'))
srv.route("/paged/story/3", content_type=html, body=part("Pagethreemarker"))
# Cyrillic, named only by the HTTP header
ru = ("<html><body><article><p>" +
      ("\u041f\u0430\u0440\u043e\u043c "
       "\u0445\u043e\u0434\u0438\u0442 \u0434\u0432\u0430\u0436\u0434\u044b, "
       "\u043b\u0451\u0434 \u0443 \u043f\u0440\u0438\u0447\u0430\u043b\u0430. ")
      * 8 + "</p></article></body></html>")
srv.route("/ru/story.html", content_type="text/html; charset=windows-1251",
          body=ru.encode("cp1251"))
srv.route("/paged.xml", body=feed("Paged wire", [
    ("m1", "Ferry timetable", srv.url("/paged/story"), "Short. Pagedsummary."),
    ("m2", "Parom", srv.url("/ru/story.html"), "Short. Rusummary.")]))
urls3 = os.path.join(tmp, "urls3")
with open(urls3, "w") as f:
    f.write("%s fulltext\n" % srv.url("/paged.xml"))
cache3 = os.path.join(tmp, "cache3.db")
srv.clear_log()
rc, out, err = run(cache3, urls3)
row = fulltext_of(cache3, "m1")
text = row[0] if row is not None and row[0] else ""
pos = [text.find(m) for m in ("Pageonemarker", "Pagetwomarker",
                              "Pagethreemarker")]
ok(rc == 0 and -1 not in pos and pos == sorted(pos),
   "refresh: an article over three pages is stored whole, in order",
   "%s\n%s" % (text, err))
ok([r[0] for r in srv.requests() if r[0].startswith("/paged/story")] ==
   ["/paged/story", "/paged/story/2", "/paged/story/3"],
   "refresh: each page fetched once", srv.requests())
row = fulltext_of(cache3, "m2")
want = "\u043b\u0451\u0434 \u0443 \u043f\u0440\u0438\u0447\u0430\u043b\u0430"
ok(row is not None and row[0] and want in row[0] and "\ufffd" not in row[0],
   "refresh: a windows-1251 page named only by the HTTP header is stored "
   "in UTF-8", row)

srv.stop()
done()
