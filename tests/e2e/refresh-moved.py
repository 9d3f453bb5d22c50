"""End-to-end: a permanent redirect updates the urls file and the store.

After a refresh in which a feed answered 301 or 308 and the new address
delivered a feed, dateline writes the new URL into the urls file (only
that token: tags, titles, comments, blank lines and every other byte
stay), renames the feed in the store (items, read state and flags kept)
and says so.  302/307, a redirect to a page that is not a feed, a
read-only urls file, a file edited during the refresh, an address already
subscribed and update-moved-urls=no leave the file alone, each with its
reason.  Prints TAP.
"""
import json
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from httpserver import FeedServer, rss  # noqa: E402
from taplib import done, isolated_env, ok  # noqa: E402

DATELINE = os.environ.get("DATELINE", "dateline")


tmp = tempfile.mkdtemp(prefix="dl-moved-")
env = isolated_env(tmp, timeout_scale="0.05")
conf_on = os.path.join(tmp, "config-on")
with open(conf_on, "w") as f:
    f.write("# defaults: update-moved-urls is on\n")
conf_off = os.path.join(tmp, "config-off")
with open(conf_off, "w") as f:
    f.write("set update-moved-urls no\n")


def path(name):
    return os.path.join(tmp, name)


def refresh(urls, cache, conf=conf_on, wait=True):
    cmd = [DATELINE, "--cache", cache, "--config", conf, "--urls", urls,
           "--refresh", "--json"]
    if not wait:
        return subprocess.Popen(cmd, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, env=env)
    p = subprocess.run(cmd, capture_output=True, text=True, env=env,
                       timeout=60)
    return results(p.stdout), p.stderr


def results(out):
    res = {}
    for line in out.splitlines():
        try:
            o = json.loads(line)
        except ValueError:
            continue
        res[o["url"]] = o
    return res


def read(p):
    with open(p, "rb") as f:
        return f.read()


def write(p, data):
    with open(p, "wb") as f:
        f.write(data)


def query(cache, sql, args=()):
    db = sqlite3.connect(cache)
    try:
        return db.execute(sql, args).fetchall()
    finally:
        db.close()


def items(cache, url):
    """(guid, unread, flagged) of a feed's items, by feed URL."""
    return query(cache, "SELECT i.guid, i.unread, i.flagged FROM items i "
                 "JOIN feeds f ON f.id = i.feed_id WHERE f.url = ? "
                 "ORDER BY i.guid", (url,))


def feed_ids(cache):
    return dict(query(cache, "SELECT url, id FROM feeds"))


srv = FeedServer().start()
U = srv.url
two = [("g1", "First story", "one"), ("g2", "Second story", "two")]
three = two + [("g3", "Third story", "three")]

# --- the main urls file: every kind of line around the moving feeds -------
for name in ("p301", "p308", "t302", "t307", "nf", "merge", "dup"):
    srv.route("/%s.xml" % name, body=rss(name, two))
srv.route("/dup-new.xml", body=rss("dup new", two))
srv.route("/merge-new.xml", body=rss("merge new", [("g2", "Second story",
                                                     "two"), ("m9", "Other",
                                                              "x")]))
urls = path("urls")
cache = path("cache.db")


def urls_text(a301, a308, merge):
    return (
        "# my feeds\r\n"
        "\n"
        "%s news \"~The 301 Wire\" \"two words\"   # moves for good\n"
        "   %s\tworld\n"
        "%s quoted-url\n"
        "# %s a comment naming the URL stays a comment\n"
        "%s temp\n"
        "%s temp\n"
        "%s\n"
        "%s\n"
        "%s\n"
        "\n"
        "# the end, no newline after this" % (
            a301, a308, merge, U("/p301.xml"), U("/t302.xml"), U("/t307.xml"),
            U("/nf.xml"), U("/dup.xml"), U("/dup-new.xml"))).encode()


text = urls_text(U("/p301.xml"), U("/p308.xml"), '"%s"' % U("/merge.xml"))
# A quoted URL is written back as a plain word (it needs no quotes).
expect = urls_text(U("/n301.xml"), U("/n308.xml"), U("/merge-new.xml"))
write(urls, text)
os.chmod(urls, 0o640)
# First, merge-new.xml is a feed of its own, later dropped from the file
# (the store keeps it): the store already has the address merge.xml
# moves to.
write(path("urls-merge"), ("%s\n" % U("/merge-new.xml")).encode())
refresh(path("urls-merge"), cache)
mid = feed_ids(cache).get(U("/merge-new.xml"))
db = sqlite3.connect(cache)
db.execute("UPDATE items SET unread = 0 WHERE guid = 'g2' AND feed_id = ?", (mid,))
db.execute("UPDATE items SET flagged = 1 WHERE guid = 'm9' AND feed_id = ?", (mid,))
db.commit()
db.close()

res, err = refresh(urls, cache)
ok(all(r["status"] == "updated" for r in res.values()) and len(res) == 8,
   "run 1: every feed stored", res)
ok(read(urls) == text, "run 1: no redirect, the urls file is untouched")
ids = feed_ids(cache)
# The user reads g1 of the 301 feed and flags g2 of the 308 feed.
db = sqlite3.connect(cache)
db.execute("UPDATE items SET unread = 0 WHERE guid = 'g1' AND feed_id = ?",
           (ids[U("/p301.xml")],))
db.execute("UPDATE items SET flagged = 1 WHERE guid = 'g2' AND feed_id = ?",
           (ids[U("/p308.xml")],))
db.commit()
db.close()

# --- run 2: the feeds move ------------------------------------------------
srv.route("/p301.xml", status=301, location="/n301.xml")
srv.route("/n301.xml", body=rss("p301", three))
srv.route("/p308.xml", status=308, location="/n308.xml")
srv.route("/n308.xml", body=rss("p308", two))
srv.route("/t302.xml", status=302, location="/n302.xml")
srv.route("/n302.xml", body=rss("t302", two))
srv.route("/t307.xml", status=307, location="/n307.xml")
srv.route("/n307.xml", body=rss("t307", two))
srv.route("/nf.xml", status=301, location="/page.html")
srv.route("/page.html", content_type="text/html",
          body="<!DOCTYPE html><html><head><title>Moved</title></head>"
          "<body><p>This site has no feed any more.</p></body></html>")
srv.route("/merge.xml", status=301, location="/merge-new.xml")
srv.route("/dup.xml", status=301, location="/dup-new.xml")
res, err = refresh(urls, cache)
print("# " + err.replace("\n", "\n# "))
got = read(urls)
ok(got == expect, "301 and 308: only the URL tokens changed, every other "
   "byte kept (tags, title, comments, blanks, CRLF, no final newline)",
   "got:\n" + got.decode() + "\nexpected:\n" + expect.decode())
ok(stat.S_IMODE(os.stat(urls).st_mode) == 0o640, "the file's mode is kept",
   oct(os.stat(urls).st_mode))
ok(not [f for f in os.listdir(tmp) if ".tmp" in f], "no temporary file left")
for old, new in (("/p301.xml", "/n301.xml"), ("/p308.xml", "/n308.xml")):
    ok("%s moved permanently to %s: the urls file now says %s" % (
        U(old), U(new), U(new)) in err, "%s: the rewrite is reported" % old)
ids2 = feed_ids(cache)
ok(U("/p301.xml") not in ids2 and ids2.get(U("/n301.xml")) == ids[U("/p301.xml")],
   "301: the store's feed is renamed (same feed id)", ids2)
ok(items(cache, U("/n301.xml")) == [("g1", 0, 0), ("g2", 1, 0), ("g3", 1, 0)],
   "301: items and read state kept under the new URL, the new item added",
   items(cache, U("/n301.xml")))
ok(items(cache, U("/n308.xml")) == [("g1", 1, 0), ("g2", 1, 1)],
   "308: items and flags kept under the new URL", items(cache, U("/n308.xml")))
counts = query(cache, "SELECT total, unread FROM feeds WHERE url = ?",
               (U("/n301.xml"),))
ok(counts == [(3, 2)], "the feed's counts are right", counts)
ok(U("/t302.xml").encode() in got and U("/t307.xml").encode() in got and
   U("/n302.xml").encode() not in got and U("/n307.xml").encode() not in got,
   "302 and 307: the urls file keeps the old URL")
ok(items(cache, U("/t302.xml")) and U("/n302.xml") not in ids2,
   "302: the store keeps the old URL")
ok(U("/nf.xml").encode() in got and U("/page.html").encode() not in got,
   "a 301 to a page that is not a feed: not rewritten")
ok(res.get(U("/nf.xml"), {}).get("status") == "failed" and
   "did not answer with a feed" in err, "... and the user is told why",
   err)
ok(items(cache, U("/nf.xml")) != [], "... and its stored items stay")
# Merge: merge.xml moved onto merge-new.xml, which the store already held.
ok(U("/merge.xml") not in ids2 and
   ids2.get(U("/merge-new.xml")) == ids[U("/merge.xml")],
   "a move onto an address the store has: one feed, the subscription's id",
   ids2)
ok(items(cache, U("/merge-new.xml")) == [("g1", 1, 0), ("g2", 0, 0),
                                         ("m9", 1, 1)],
   "... the items of both, read if read in either, flags kept",
   items(cache, U("/merge-new.xml")))
ok(U("/dup.xml").encode() in got and "already subscribes" in err,
   "a move onto an address already in the urls file: not rewritten, said",
   err)
ok(ids2.get(U("/dup.xml")) == ids[U("/dup.xml")],
   "... and the store keeps both feeds")
state = query(cache + "-refresh", "SELECT url FROM feed_state WHERE "
              "moved_to IS NOT NULL")
ok(sorted(r[0] for r in state) == sorted([U("/nf.xml"), U("/dup.xml")]),
   "the moved-to notes of the rewritten feeds are cleared", state)

# --- run 3: the new addresses are the subscriptions -----------------------
srv.clear_log()
res, err = refresh(urls, cache)
ok(srv.requests("/p301.xml") == [] and len(srv.requests("/n301.xml")) == 1 and
   srv.requests("/p308.xml") == [] and len(srv.requests("/n308.xml")) == 1,
   "run 3: the new URLs are fetched, the old ones not")
ok(res.get(U("/n301.xml"), {}).get("status") == "unchanged" and
   res[U("/n301.xml")]["moved_to"] is None,
   "run 3: the feed is simply unchanged (its body hash moved with it)",
   res.get(U("/n301.xml")))
ok("now says" not in err and "moved permanently to %s" % U("/n301.xml") not in err,
   "run 3: nothing more is said about the rewritten feeds", err)
ok(items(cache, U("/n301.xml")) == [("g1", 0, 0), ("g2", 1, 0), ("g3", 1, 0)],
   "run 3: read state still kept")


def moving_setup(tag):
    """A fresh urls file and store with one feed stored, now moved."""
    u, c = path("urls-" + tag), path("cache-" + tag + ".db")
    srv.route("/%s.xml" % tag, body=rss(tag, two))
    body = ("# %s\n%s keep \"~Mine\"\n" % (tag, U("/%s.xml" % tag))).encode()
    write(u, body)
    refresh(u, c)
    srv.route("/%s.xml" % tag, status=301, location="/%s-new.xml" % tag)
    srv.route("/%s-new.xml" % tag, body=rss(tag, three))
    return u, c, body


# --- a read-only urls file -------------------------------------------------
u, c, body = moving_setup("ro")
os.chmod(u, 0o444)
res, err = refresh(u, c)
ok(read(u) == body, "a read-only urls file is left alone")
ok("read-only" in err and U("/ro.xml") in err, "... and the user is told", err)
ok(items(c, U("/ro.xml")) and items(c, U("/ro-new.xml")) == [],
   "... and the store keeps the feed under the URL the file names",
   feed_ids(c))
ok(res.get(U("/ro.xml"), {}).get("new") == 1,
   "... while the new address is still what is fetched")
os.chmod(u, 0o644)

# --- the urls file edited while the refresh runs ---------------------------
u, c, body = moving_setup("edit")
srv.route("/edit-slow.xml", body=rss("slow", two), delay=1.5)
body += ("%s\n" % U("/edit-slow.xml")).encode()
write(u, body)
p = refresh(u, c, wait=False)
time.sleep(0.6)
with open(u, "ab") as f:
    f.write(b"# added by hand during the refresh\n")
out, err = p.communicate(timeout=60)
ok(read(u) == body + b"# added by hand during the refresh\n",
   "a urls file changed during the refresh is not rewritten")
ok("changed on disk" in err, "... and the user is told", err)
ok(items(c, U("/edit.xml")) != [], "... and the store keeps the old URL")

# --- update-moved-urls no --------------------------------------------------
u, c, body = moving_setup("off")
res, err = refresh(u, c, conf=conf_off)
ok(read(u) == body, "update-moved-urls no: the urls file is left alone")
ok("please update your urls file" in err, "... and the move is reported", err)
ok(items(c, U("/off.xml")) != [], "... the store keeps the old URL")

# --- a symbolic link to the urls file --------------------------------------
u, c, body = moving_setup("link")
real = path("urls-link-real")
os.rename(u, real)
os.symlink(real, u)
res, err = refresh(u, c)
ok(os.path.islink(u) and read(real) == body.replace(
   U("/link.xml").encode(), U("/link-new.xml").encode()),
   "a symbolic link stays one; the file it points to is rewritten", err)

srv.stop()
shutil.rmtree(tmp, ignore_errors=True)
done()
