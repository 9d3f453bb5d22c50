"""End-to-end: the reader's background refresh follows a permanent
redirect as --refresh does (refresh-moved.h): the urls file gets the new
address on that one line, the store's feed is renamed with its items and
read state, and the status line says so.  Runs the reader in tmux.
Prints TAP.
"""
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
TMUX = os.environ.get("TMUX_BIN", "tmux")

tmp = tempfile.mkdtemp(prefix="dl-ui-moved-")
env = isolated_env(tmp, timeout_scale="0.2")
env["DATELINE_THEMEDIR"] = os.path.join(os.environ.get("srcdir", "."), "themes")
sock = os.path.join(tmp, "tmux.sock")
urls = os.path.join(tmp, "urls")
cache = os.path.join(tmp, "cache.db")
conf = os.path.join(tmp, "config")
with open(conf, "w") as f:
    f.write("set refresh-on-start yes\nset confirm-quit no\n")

srv = FeedServer().start()
U = srv.url
stories = [("g1", "Harbour reopens", "one"), ("g2", "Ferry timetable", "two")]
srv.route("/old.xml", body=rss("Moving wire", stories))
srv.route("/other.xml", body=rss("Staying wire", stories))
text = ("# my feeds\n%s news \"~The Wire\"   # it moves\n%s local\n"
        % (U("/old.xml"), U("/other.xml")))
with open(urls, "w") as f:
    f.write(text)

# First: the feed where it was, one story read.
p = subprocess.run([DATELINE, "--urls", urls, "--cache", cache, "--config",
                    conf, "--refresh", "-q"], env=env, capture_output=True,
                   text=True, timeout=60)
ok(p.returncode == 0, "the feeds are stored at their first address", p.stderr)
db = sqlite3.connect(cache)
db.execute("UPDATE items SET unread = 0 WHERE guid = 'g1'")
db.commit()
db.close()

# Then it moves for good; the reader refreshes when it opens.
srv.route("/old.xml", status=301, location="/new.xml")
srv.route("/new.xml", body=rss("Moving wire", stories + [
    ("g3", "Quay repairs", "three")]))


def tmux(*args):
    return subprocess.run([TMUX, "-S", sock] + list(args), env=env,
                          capture_output=True, text=True, timeout=30)


def screen():
    return tmux("capture-pane", "-p", "-t", "ui").stdout


tmux("new-session", "-d", "-s", "ui", "-x", "120", "-y", "20",
     "%s --urls %s --cache %s --config %s" % (DATELINE, urls, cache, conf))
seen = ""
for _ in range(300):
    seen = screen()
    if "moved permanently" in seen:
        break
    time.sleep(0.05)
ok("moved permanently" in seen and U("/old.xml") in seen.replace("\n", ""),
   "the status line says the feed moved", seen)
with open(urls) as f:
    after = f.read()
ok(after == text.replace(U("/old.xml"), U("/new.xml")),
   "the urls file has the new address on that line, every other byte kept",
   after)
db = sqlite3.connect(cache)
rows = db.execute("SELECT i.guid, i.unread FROM items i JOIN feeds f ON "
                  "f.id = i.feed_id WHERE f.url = ? ORDER BY i.guid",
                  (U("/new.xml"),)).fetchall()
old = db.execute("SELECT count(*) FROM feeds WHERE url = ?",
                 (U("/old.xml"),)).fetchone()[0]
db.close()
ok(rows == [("g1", 0), ("g2", 1), ("g3", 1)],
   "the store's feed is renamed: its stories, read state and the new one", rows)
ok(old == 0, "no feed is left at the old address", old)
tmux("send-keys", "-t", "ui", "q")
for _ in range(100):
    if tmux("has-session", "-t", "ui").returncode != 0:
        break
    time.sleep(0.05)
ok(tmux("has-session", "-t", "ui").returncode != 0, "the reader quits")
tmux("kill-server")
srv.stop()
shutil.rmtree(tmp, ignore_errors=True)
done()
