"""End-to-end: dateline --refresh against a local HTTP server.

Every server behaviour the issue lists, each with its expected outcome,
and a check after every run that nothing stored before was lost.  Timeouts
are kept short with DATELINE_TIMEOUT_SCALE (multiplies connect, low-speed
and total time limits).  Prints TAP.
"""
import gzip
import json
import os
import pty
import select
import sqlite3
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from httpserver import FeedServer, rss  # noqa: E402
from taplib import done, isolated_env, ok  # noqa: E402

DATELINE = os.environ.get("DATELINE", "dateline")


tmp = tempfile.mkdtemp(prefix="dl-refresh-")
cache = os.path.join(tmp, "cache.db")
urls = os.path.join(tmp, "urls")
conf = os.path.join(tmp, "config")
with open(conf, "w") as f:
    f.write("set max-feed-size 5M\n")
env = isolated_env(tmp, timeout_scale="0.01")


def refresh(extra=(), urls_file=None, environ=None):
    cmd = [DATELINE, "--cache", cache, "--config", conf, "--urls",
           urls_file or urls, "--refresh", "--json"] + list(extra)
    t0 = time.time()
    p = subprocess.run(cmd, capture_output=True, text=True, env=environ or env,
                       timeout=60)
    res = {}
    for line in p.stdout.splitlines():
        try:
            o = json.loads(line)
        except ValueError:
            continue
        res[o["url"]] = o
    print("# refresh took %.2f s" % (time.time() - t0))
    return p.returncode, res, p.stderr, time.time() - t0


def items(url):
    db = sqlite3.connect(cache)
    try:
        rows = db.execute("SELECT i.guid FROM items i JOIN feeds f ON "
                          "f.id = i.feed_id WHERE f.url = ? ORDER BY i.guid",
                          (url,)).fetchall()
    finally:
        db.close()
    return [r[0] for r in rows]


def feed_row(url):
    db = sqlite3.connect(cache)
    try:
        return db.execute("SELECT http_status, error, error_count FROM feeds "
                          "WHERE url = ?", (url,)).fetchone()
    finally:
        db.close()


srv = FeedServer().start()
U = srv.url
two = [("g1", "First story", "one"), ("g2", "Second story", "two")]

# --- the routes of the first run -----------------------------------------
srv.route("/etag.xml", body=rss("ETag feed", two), etag='"v1"')
srv.route("/lm.xml", body=rss("LM feed", two),
          last_modified="Wed, 25 Nov 2026 10:00:00 GMT")
srv.route("/plain.xml", body=rss("Plain feed", two))
cyr = rss("Лента", [("c1", "Новости дня", "текст")]).encode("windows-1251")
srv.route("/charset.xml", body=cyr,
          content_type="application/rss+xml; charset=windows-1251")
srv.route("/textplain.xml", body=rss("Wrong type", two), content_type="text/plain")
srv.route("/page.html", content_type="text/html", body=(
    '<!DOCTYPE html><html><head><title>Site</title>'
    '<link rel="alternate" type="application/rss+xml" title="News" '
    'href="/found.xml"></head><body><p>Hello</p></body></html>'))
srv.route("/found.xml", body=rss("Found feed", [("d1", "Discovered", "x")]))
srv.route("/old1.xml", status=301, location="/old2.xml")
srv.route("/old2.xml", status=308, location="/new.xml")
srv.route("/new.xml", body=rss("Moved feed", [("m1", "Moved story", "m")]))
srv.route("/temp.xml", status=302, location="/temp-target.xml")
srv.route("/temp-target.xml", body=rss("Temp feed", [("t1", "T", "t")]))
srv.route("/loop-a.xml", status=302, location="/loop-b.xml")
srv.route("/loop-b.xml", status=302, location="/loop-a.xml")
srv.route("/gone.xml", status=410, body=b"gone")
srv.route("/error.xml", status=500, body=b"oops")
srv.route("/busy.xml", status=429, body=b"slow down",
          headers={"Retry-After": "3600"})
srv.route("/slow.xml", body=rss("Slow feed", two), delay=0.4)
srv.route("/stall.xml", body=rss("Stalled feed", two), stall=8)
srv.route("/trunc.xml", body=rss("Truncated", two), truncate=60)
srv.route("/gzip.xml", body=rss("Gzip feed", two), gzip_body=True)
bomb = gzip.compress(b"<rss>" + b" " * (40 * 1024 * 1024), compresslevel=9)
srv.route("/bomb.xml", raw_gzip=bomb)
srv.route("/maxage.xml", body=rss("Max-age feed", two),
          headers={"Cache-Control": "public, max-age=3600"})
srv.route("/ttl.xml", body=rss("TTL feed", two, ttl=60))
# /missing.xml has no route: 404.

names = ["etag", "lm", "plain", "charset", "textplain", "page", "old1", "temp",
         "loop-a", "gone", "error", "busy", "slow", "stall", "trunc", "gzip",
         "bomb", "missing", "maxage", "ttl"]
with open(urls, "w") as f:
    f.write("# feeds of the e2e test\n")
    for name in names:
        f.write("%s test \"~%s\"\n" % (U("/%s.%s" % (name, "html" if name == "page" else "xml")), name))


def url(name):
    return U("/%s.%s" % (name, "html" if name == "page" else "xml"))


rc, res, err, secs = refresh()
ok(rc == 3, "run 1: some feeds failed: exit status 3", "rc=%d\n%s" % (rc, err))
ok(len(res) == len(names), "run 1: one result per feed", res.keys())
ok(secs < 10, "run 1 took %.1f s (stalled server cut short)" % secs)


def status(name, r=None):
    return (r or res).get(url(name), {}).get("status")


def error(name, r=None):
    return (r or res).get(url(name), {}).get("error") or ""


for name in ("etag", "lm", "plain", "textplain", "slow", "gzip", "temp"):
    ok(status(name) == "updated", "200 %s: updated" % name, res.get(url(name)))
    ok(items(url(name)) == ["g1", "g2"] if name != "temp" else
       items(url(name)) == ["t1"], "200 %s: items stored" % name)
ok(res[url("etag")]["new"] == 2, "new items are counted")
ok(status("charset") == "updated", "charset only in the HTTP header: parsed")
db = sqlite3.connect(cache)
t = db.execute("SELECT i.title FROM items i JOIN feeds f ON f.id = i.feed_id "
               "WHERE f.url = ?", (url("charset"),)).fetchone()
db.close()
ok(t is not None and t[0] == "Новости дня",
   "charset only in the HTTP header: text converted", t)
ok(status("page") == "updated" and
   res[url("page")]["discovered"] == U("/found.xml"),
   "an HTML page: its advertised feed is used and named", res.get(url("page")))
ok(items(url("page")) == ["d1"], "autodiscovered items stored under the page's URL")
ok("web page" in err and U("/found.xml") in err, "the user is told which URL was used")
ok(status("old1") == "updated" and res[url("old1")]["moved_to"] == U("/new.xml"),
   "301+308 chain: followed, the permanent move is reported",
   res.get(url("old1")))
ok("moved permanently" in err, "the move is shown to the user")
ok(res[url("temp")]["moved_to"] is None, "a 302 is not a permanent move")
ok(status("loop-a") == "failed" and "redirect" in error("loop-a"),
   "redirect loop: failed with a reason", error("loop-a"))
ok(status("gone") == "failed" and res[url("gone")]["gone"] and
   "410" in error("gone"), "410: failed and marked gone", res.get(url("gone")))
ok(status("error") == "failed" and "500" in error("error"), "500: failed")
ok(status("missing") == "failed" and "404" in error("missing"), "404: failed")
ok(status("busy") == "failed" and "429" in error("busy") and
   "wait" in error("busy"), "429: failed, Retry-After reported", error("busy"))
ok(status("stall") == "failed", "stalled server: failed", error("stall"))
print("# stall: " + error("stall") + " / trunc: " + error("trunc") + " / bomb: " + error("bomb"))
ok(status("trunc") == "failed", "truncated body: failed", error("trunc"))
ok(items(url("trunc")) == [], "truncated body: nothing half-stored")
ok(status("bomb") == "failed" and "limit" in error("bomb"),
   "gzip bomb: stopped at the size limit", error("bomb"))
row = feed_row(url("error"))
ok(row is not None and row[0] == 500 and "500" in row[1] and row[2] == 1,
   "a failure is recorded in the store (status, message, count)", row)
for name in ("error", "missing", "loop-a"):
    ok(url(name) in err, "failure listed at the end: %s" % name)
reqs = srv.requests("/etag.xml")
ua = reqs[0][1].get("User-Agent", "") if reqs else ""
ok(ua.startswith("dateline/") and "terminal news reader" in ua,
   "a real User-Agent", ua)
ae = reqs[0][1].get("Accept-Encoding", "") if reqs else ""
ok("gzip" in ae, "gzip is accepted", ae)

# --- run 2: conditional GET, identical bodies, politeness -----------------
srv.clear_log()
rc, res2, err2, secs = refresh()
print("# run 2 (warm) took %.2f s" % secs)
ok(status("etag", res2) == "unchanged" and res2[url("etag")]["http_status"] == 304,
   "ETag: 304, unchanged", res2.get(url("etag")))
ok(srv.requests("/etag.xml")[0][1].get("If-None-Match") == '"v1"',
   "the stored ETag is sent back")
ok(status("lm", res2) == "unchanged" and res2[url("lm")]["http_status"] == 304,
   "Last-Modified: 304, unchanged", res2.get(url("lm")))
ok(status("plain", res2) == "unchanged", "identical body: unchanged")
ok(srv.requests("/busy.xml") == [] and status("busy", res2) == "skipped",
   "429 Retry-After: not asked again before the time", res2.get(url("busy")))
ok(srv.requests("/gone.xml") == [] and status("gone", res2) == "failed",
   "410: not asked again, still reported", res2.get(url("gone")))
ok(srv.requests("/old1.xml") == [] and len(srv.requests("/new.xml")) == 1,
   "a permanent move: the new URL is fetched directly")
ok(items(url("etag")) == ["g1", "g2"], "304: items kept")
for name in ("maxage", "ttl"):
    ok(status(name, res2) == "skipped" and srv.requests("/%s.xml" % name) == [],
       "%s: not asked again within the interval" % name, res2.get(url(name)))
force = os.path.join(tmp, "config-force")
with open(force, "w") as f:
    f.write("set ignore-ttl yes\nset max-feed-size 5M\n")
srv.clear_log()
p = subprocess.run([DATELINE, "--cache", cache, "--config", force, "--urls",
                    urls, "--refresh", "--json"], capture_output=True, text=True,
                   env=env)
ok(len(srv.requests("/ttl.xml")) == 1 and len(srv.requests("/busy.xml")) == 1
   and len(srv.requests("/gone.xml")) == 1,
   "ignore-ttl: every feed is asked again (ttl, Retry-After, gone)")

# --- run 3: feeds that worked now fail; nothing stored is lost ------------
srv.route("/etag.xml", status=500, body=b"broken")
srv.route("/plain.xml", body=rss("Plain feed", two), truncate=50)
srv.route("/lm.xml", body=b"<html><body>not a feed at all</body></html>",
          content_type="text/html")
srv.route("/gzip.xml", body=rss("Gzip feed", two), stall=8)
rc, res3, err3, secs = refresh()
for name in ("etag", "plain", "lm", "gzip"):
    ok(status(name, res3) == "failed", "run 3: %s fails" % name,
       res3.get(url(name)))
    ok(items(url(name)) == ["g1", "g2"], "run 3: %s keeps its stored items" % name)
ok(rc == 3, "run 3: exit status 3")

# --- run 4: a changed feed brings its new item ----------------------------
srv.route("/etag.xml", body=rss("ETag feed", two + [("g3", "Third", "three")]),
          etag='"v2"')
rc, res4, err4, secs = refresh()
ok(status("etag", res4) == "updated" and res4[url("etag")]["new"] == 1,
   "a changed feed: one new item", res4.get(url("etag")))
ok(items(url("etag")) == ["g1", "g2", "g3"], "the new item is stored")

# --- exit statuses --------------------------------------------------------
good = os.path.join(tmp, "urls-good")
with open(good, "w") as f:
    f.write(url("etag") + "\n")
rc, r, e, _ = refresh(urls_file=good)
ok(rc == 0, "every feed fine: exit status 0", e)
bad = os.path.join(tmp, "urls-bad")
with open(bad, "w") as f:
    f.write(url("missing") + "\n" + url("error") + "\n")
rc, r, e, _ = refresh(urls_file=bad)
ok(rc == 1, "every feed failed: exit status 1", e)
broken = os.path.join(tmp, "urls-broken")
with open(broken, "w") as f:
    f.write(url("etag") + "\nnot-a-url tag\n")
rc, r, e, _ = refresh(urls_file=broken)
ok(rc == 1 and "urls-broken:2:" in e, "a bad urls line: file:line and exit 1", e)

# --- politeness: at most 2 requests at once to one host (the default) -----
polite = os.path.join(tmp, "urls-polite")
with open(polite, "w") as f:
    for i in range(8):
        srv.route("/p%d.xml" % i, body=rss("P%d" % i, two), delay=0.15)
        f.write(U("/p%d.xml" % i) + "\n")
srv.count("/p")
rc, r, e, _ = refresh(urls_file=polite)
ok(rc == 0 and srv.max_inflight == 2,
   "8 feeds on one host: 2 requests at a time", srv.max_inflight)
conf4 = os.path.join(tmp, "config4")
with open(conf4, "w") as f:
    f.write("set max-per-host 4\n")
for i in range(8):
    srv.route("/p%d.xml" % i, body=rss("P%d" % i, two + [("x", "x", "x")]),
              delay=0.15)
srv.count("/p")
p = subprocess.run([DATELINE, "--cache", cache, "--config", conf4, "--urls",
                    polite, "--refresh"], capture_output=True, text=True, env=env)
ok(p.returncode == 0 and 2 < srv.max_inflight <= 4,
   "max-per-host 4: up to 4 at a time", srv.max_inflight)

# --- big feeds stream into the store; a cut one leaves nothing half-done --
bigconf = os.path.join(tmp, "config-big")
with open(bigconf, "w") as f:
    f.write("set max-feed-size 20M\n")
para = "<p>" + "Harbour cranes stood idle for a week. " * 70 + "</p>"
bigitems = [("b%04d" % i, "Big story %d" % i, para) for i in range(2000)]
bigdoc = rss("Big feed", bigitems).encode()
srv.route("/big1.xml", body=bigdoc)
srv.route("/big2.xml", body=bigdoc)
bigurls = os.path.join(tmp, "urls-big")
with open(bigurls, "w") as f:
    f.write(U("/big1.xml") + "\n" + U("/big2.xml") + "\n")
    for i in range(4):
        f.write(U("/p%d.xml" % i) + "\n")


bigenv = dict(env)
bigenv["DATELINE_TIMEOUT_SCALE"] = "0.5"     # store writes take real time


def refresh_big():
    p = subprocess.run([DATELINE, "--cache", cache, "--config", bigconf,
                        "--urls", bigurls, "--refresh", "--json"],
                       capture_output=True, text=True, env=bigenv, timeout=120)
    return p.returncode, {json.loads(l)["url"]: json.loads(l)
                          for l in p.stdout.splitlines()}, p.stderr


rc, r, e = refresh_big()
ok(rc == 0 and r[U("/big1.xml")]["new"] == 2000 and
   r[U("/big2.xml")]["new"] == 2000, "two %d MB feeds at once: all items stored"
   % (len(bigdoc) >> 20), e + str(r.get(U("/big1.xml"))))
ok(len(items(U("/big2.xml"))) == 2000, "a big feed's items are in the store")
more = [("b9999", "Late story", para)] + bigitems
srv.route("/big1.xml", body=rss("Big feed", more).encode(),
          truncate=len(bigdoc) - 1000)
srv.route("/big2.xml", body=rss("Big feed", more).encode())
rc, r, e = refresh_big()
ok(r[U("/big1.xml")]["status"] == "failed" and
   len(items(U("/big1.xml"))) == 2000,
   "a big feed cut short: failed, its stored items kept, nothing half-stored",
   r.get(U("/big1.xml")))
ok(r[U("/big2.xml")]["status"] == "updated" and r[U("/big2.xml")]["new"] == 1,
   "the other big feed: its new item stored", r.get(U("/big2.xml")))
ok(all(r[U("/p%d.xml" % i)]["status"] != "failed" for i in range(4)),
   "small feeds beside big ones are fine")

# --- on a terminal: progress and the summary line -------------------------
master, slave = pty.openpty()
p = subprocess.Popen([DATELINE, "--cache", cache, "--config", conf, "--urls",
                      urls, "--refresh"], stdout=slave, stderr=slave, env=env)
os.close(slave)
out = b""
while True:
    r_, _, _ = select.select([master], [], [], 30)
    if not r_:
        break
    try:
        chunk = os.read(master, 65536)
    except OSError:
        break
    if not chunk:
        break
    out += chunk
p.wait(timeout=30)
os.close(master)
text = out.decode("utf-8", "replace")
ok("%d feeds: " % len(names) in text and "new/updated" in text and
   "failed" in text, "a terminal gets the summary line", text[-800:])
ok("Refreshing" in text, "a terminal gets a progress line")
ok(p.returncode == 3, "terminal run: exit status 3")

# --- not a terminal, --quiet: errors only ---------------------------------
p = subprocess.run([DATELINE, "--cache", cache, "--config", conf, "--urls",
                    good, "--refresh"], capture_output=True, text=True, env=env)
ok(p.stdout == "" and p.stderr == "", "not a terminal, all fine: silent",
   p.stdout + p.stderr)

# --- first run: a urls file is created ------------------------------------
first = dict(env)
first["XDG_CONFIG_HOME"] = os.path.join(tmp, "fresh-config")
first["http_proxy"] = first["https_proxy"] = "http://127.0.0.1:9"
p = subprocess.run([DATELINE, "--cache", os.path.join(tmp, "fresh.db"),
                    "--refresh"], capture_output=True, text=True, env=first,
                   timeout=60)
created = os.path.join(tmp, "fresh-config", "dateline", "urls")
ok(os.path.exists(created) and created in p.stderr,
   "first run: a urls file is created and named", p.stderr[:500])
with open(created) as f:
    lines = [l for l in f if l.strip() and not l.startswith("#")]
ok(len(lines) >= 5, "first run: the new file lists public feeds")
ok(p.returncode == 1, "first run through a dead proxy: every feed failed, exit 1",
   p.returncode)

srv.stop()
subprocess.run(["rm", "-rf", tmp])
done()
