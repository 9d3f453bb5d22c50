"""End-to-end: filter:PROGRAM:URL feeds (newsboat's syntax).

dateline downloads URL from a local HTTP server (conditional GET and all),
runs PROGRAM with the body on its standard input and reads the feed from
its standard output.  Checked: a filter that rewrites titles, one that
fails (the error names it), one that hangs (killed at the time limit), one
that writes 60 MB (stopped at the size cap), a 304 that runs no filter, a
program found under ~/, and that nothing stored is lost by a failure.
Prints TAP.
"""
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from httpserver import FeedServer, rss  # noqa: E402
from taplib import done, isolated_env, ok  # noqa: E402

DATELINE = os.environ.get("DATELINE", "dateline")
PYTHON = os.environ.get("PYTHON3", sys.executable)


tmp = tempfile.mkdtemp(prefix="dl-filter-")
cache = os.path.join(tmp, "cache.db")
urls = os.path.join(tmp, "urls")
conf = os.path.join(tmp, "config")
with open(conf, "w") as f:
    # The hanging filter is killed at the total time limit: 100 s scaled
    # by DATELINE_TIMEOUT_SCALE is 2 s in its own run; the other runs get
    # 25 s, which a slow (sanitised) build needs to read 50 MB.
    f.write("set timeout-total 100\n")
env = isolated_env(tmp, timeout_scale="0.25")

# The filters, written by the test.
bindir = os.path.join(tmp, "bin")
os.mkdir(bindir)
runs = os.path.join(tmp, "runs.log")


def script(name, text):
    path = os.path.join(bindir, name)
    with open(path, "w") as f:
        f.write("#!%s\n%s" % (PYTHON, text))
    os.chmod(path, 0o755)
    return path


upper = script("upper-titles", """import re, sys
data = sys.stdin.buffer.read()
with open(%r, "a") as log:
    log.write("ran %%d\\n" %% len(data))
sys.stdout.buffer.write(re.sub(rb"<title>([^<]*)</title>",
    lambda m: b"<title>[filtered] " + m.group(1).upper() + b"</title>", data))
""" % runs)
fail = script("fails", """import sys
sys.stdin.read()
sys.stderr.write("cannot make sense of this feed\\n")
sys.exit(3)
""")
hang = script("hangs", """import time
time.sleep(60)
""")
huge = script("huge", """import sys
sys.stdin.buffer.read()
out = sys.stdout.buffer
out.write(b'<?xml version="1.0"?><rss version="2.0"><channel><title>Big</title>')
chunk = b"<x>padding padding padding padding padding padding</x>\\n" * 1000
for _ in range(60 * 1024 * 1024 // len(chunk) + 1):
    out.write(chunk)
out.write(b"</channel></rss>\\n")
""")
# Echoes only part of its input and exits: a program that stops reading
# early must not hurt dateline (no SIGPIPE) when its output is a feed.
early = script("early", """import os, sys
sys.stdin.buffer.read(10)
sys.stdout.write('<?xml version="1.0"?><rss version="2.0"><channel>'
    '<title>Early</title><item><guid>e1</guid><title>Early bird</title>'
    '</item></channel></rss>\\n')
sys.stdout.flush()
os._exit(0)
""")

srv = FeedServer().start()
U = srv.url
two = [("g1", "First story", "one"), ("g2", "Second story", "two")]
srv.route("/a.xml", body=rss("Wire", two), etag='"v1"')
srv.route("/b.xml", body=rss("Broken", two))
srv.route("/c.xml", body=rss("Slow", two))
srv.route("/d.xml", body=rss("Huge", two))
# A body much bigger than a pipe's buffer (1 MB), read only in part.
big_items = [("b%d" % i, "Story %d" % i, "x" * 200) for i in range(5000)]
srv.route("/e.xml", body=rss("Early", big_items))
srv.route("/f.xml", body=rss("Home", two))
srv.route("/g.xml", body=rss("Big in", big_items))

lines = {
    "upper": '"filter:%s:%s" wire' % (upper, U("/a.xml")),
    "fail": '"filter:%s:%s"' % (fail, U("/b.xml")),
    "hang": '"filter:%s:%s"' % (hang, U("/c.xml")),
    "huge": '"filter:%s:%s"' % (huge, U("/d.xml")),
    "early": '"filter:%s:%s"' % (early, U("/e.xml")),
    "home": '"filter:%s upper-titles:%s"' % (PYTHON, U("/f.xml")),
    "bigin": '"filter:~/bin/upper-titles:%s"' % U("/g.xml"),
}
# "home": the program's arguments are split on blanks; ~/ is $HOME.
lines["home"] = '"filter:%s ~/bin/upper-titles:%s"' % (PYTHON, U("/f.xml"))
with open(urls, "w") as f:
    f.write("# filter feeds\n" + "\n".join(v for k, v in lines.items()
                                            if k != "hang") + "\n")
urls_hang = os.path.join(tmp, "urls-hang")
with open(urls_hang, "w") as f:
    f.write(lines["hang"] + "\n")


def key(name):
    line = lines[name]
    return line[1:line.index('"', 1)]


def refresh(urls_file=urls, scale="0.25"):
    cmd = [DATELINE, "--cache", cache, "--config", conf, "--urls", urls_file,
           "--refresh", "--json"]
    t0 = time.time()
    e = dict(env)
    e["DATELINE_TIMEOUT_SCALE"] = scale
    p = subprocess.run(cmd, capture_output=True, text=True, env=e,
                       timeout=120)
    res = {}
    for line in p.stdout.splitlines():
        try:
            o = json.loads(line)
        except ValueError:
            continue
        res[o["url"]] = o
    return p.returncode, res, p.stderr, time.time() - t0


def titles(url):
    db = sqlite3.connect(cache)
    try:
        rows = db.execute("SELECT i.title FROM items i JOIN feeds f ON "
                          "f.id = i.feed_id WHERE f.url = ? ORDER BY i.guid",
                          (url,)).fetchall()
    finally:
        db.close()
    return [r[0] for r in rows]


rc, res, err, secs = refresh()
print("# first refresh took %.2f s" % secs)
rc_hang, res_hang, err_hang, secs_hang = refresh(urls_hang, "0.02")
print("# the hanging filter's refresh took %.2f s" % secs_hang)


def get(name, field, r=None):
    return (r or res).get(key(name), {}).get(field)


ok(get("upper", "status") == "updated" and get("upper", "new") == 2,
   "a filter that rewrites titles: updated", res.get(key("upper")))
ok(titles(key("upper")) == ["[filtered] FIRST STORY", "[filtered] SECOND STORY"],
   "its output is what is stored", titles(key("upper")))
ok(get("upper", "title") == "[filtered] WIRE", "the feed title is the filter's",
   get("upper", "title"))
ok(get("upper", "http_status") == 200, "the download was HTTP (status 200)")
ok(get("fail", "status") == "failed", "a failing filter: the feed failed")
e = get("fail", "error") or ""
ok("fails" in e and "status 3" in e and "cannot make sense" in e,
   "its error names the program, the exit status and its message", e)
ok(titles(key("fail")) == [], "a failing filter stores nothing")
e = get("hang", "error", res_hang) or ""
ok(get("hang", "status", res_hang) == "failed" and "timed out" in e and
   "hangs" in e, "a hanging filter: killed at the time limit, named", e)
ok(secs_hang < 20, "the hanging filter (sleeps 60 s) did not hold the "
   "refresh up", secs_hang)
e = get("huge", "error") or ""
ok(get("huge", "status") == "failed" and "limit" in e,
   "a filter writing 60 MB: stopped at the size cap", e)
ok(get("early", "status") == "updated" and titles(key("early")) == ["Early bird"],
   "a filter that reads part of a big body and exits: its feed is used",
   res.get(key("early")))
ok(get("home", "status") == "updated" and
   titles(key("home")) == ["[filtered] FIRST STORY", "[filtered] SECOND STORY"],
   "program words split on blanks, ~/ is the home directory",
   res.get(key("home")))
ok(get("bigin", "status") == "updated" and len(titles(key("bigin"))) == 5000,
   "a 1 MB body goes through a filter whole (no deadlock)",
   res.get(key("bigin")))
ok(rc == 3, "some feeds failed: exit status 3", rc)
with open(runs) as f:
    ran = f.read().splitlines()
ok(len(ran) == 3, "the rewriting filter ran once per feed that uses it", ran)

# Run 2: the server answers 304 to the stored ETag: no filter runs, the
# stored items stay.  A filter that now fails keeps what was stored.
open(runs, "w").close()
srv.clear_log()
srv.route("/f.xml", body=rss("Home", two + [("g3", "Third", "3")]))
with open(upper, "a") as f:
    f.write("if b'Third' in data:\n    sys.exit(9)\n")
rc, res2, err2, secs = refresh()
ok(get("upper", "status", res2) == "unchanged" and
   get("upper", "http_status", res2) == 304,
   "304: unchanged", res2.get(key("upper")))
reqs = srv.requests("/a.xml")
ok(reqs and reqs[0][1].get("If-None-Match") == '"v1"',
   "the ETag is sent back (conditional GET)")
with open(runs) as f:
    ran = f.read().splitlines()
ok(not any(r == "ran %d" % len(rss("Wire", two)) for r in ran),
   "no filter runs for a 304", ran)
ok(titles(key("upper")) == ["[filtered] FIRST STORY", "[filtered] SECOND STORY"],
   "304: items kept")
ok(get("home", "status", res2) == "failed" and "status 9" in
   (get("home", "error", res2) or ""), "a filter that now fails: failed",
   res2.get(key("home")))
ok(len(titles(key("home"))) == 2, "a failing filter loses nothing stored")

# exec: and filter: commands are refused where commands may not run.
with open(urls, "w") as f:
    f.write('"filter:%s:%s" x\n' % (upper, "ftp://example.invalid/a"))
p = subprocess.run([DATELINE, "--cache", cache, "--config", conf, "--urls", urls,
                    "--refresh", "--json"], capture_output=True, text=True,
                   env=env, timeout=60)
ok(p.returncode != 0 and "filter:PROGRAM:URL" in p.stdout,
   "a filter: line without an http(s):// or file:// URL is an error",
   p.stdout + p.stderr)

srv.stop()
shutil.rmtree(tmp, ignore_errors=True)
done()
