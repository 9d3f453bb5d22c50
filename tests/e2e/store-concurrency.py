#!/usr/bin/env python3
# Many processes at once: two writers (a cron refresh and the UI's own
# refresh, say) and a reader (the UI) on one store.  Nobody may see
# "database is locked" or any other error, and afterwards the store is
# intact and holds everything both writers committed.
import os, subprocess, sys, tempfile

builddir = os.environ.get("DATELINE_BUILDDIR", ".")
torture = os.path.join(builddir, "tests", "store-torture")
n = 0
failed = 0


def ok(cond, desc, detail=""):
    global n, failed
    n += 1
    print(("ok %d - %s" if cond else "not ok %d - %s") % (n, desc))
    if not cond:
        failed += 1
        for line in detail.splitlines():
            print("# " + line)


with tempfile.TemporaryDirectory(prefix="dl-conc.") as tmp:
    store = os.path.join(tmp, "cache.db")
    log = os.path.join(tmp, "committed.log")
    procs = [
        ("writer 1", subprocess.Popen([torture, "write", store, log, "1", "400"],
                                      stderr=subprocess.PIPE, text=True)),
        ("writer 2", subprocess.Popen([torture, "write", store, log, "2", "400"],
                                      stderr=subprocess.PIPE, text=True)),
        ("reader", subprocess.Popen([torture, "read", store, "300"],
                                    stderr=subprocess.PIPE, text=True)),
    ]
    for name, p in procs:
        _, err = p.communicate(timeout=240)
        ok(p.returncode == 0 and "locked" not in err,
           "%s ran beside the others without an error" % name, err)
    c = subprocess.run([torture, "check", store, log], capture_output=True, text=True)
    ok(c.returncode == 0, "store intact, both writers' commits all there",
       c.stdout + c.stderr)
    ok(c.returncode == 0 and int(c.stdout.split()[0]) >= 8000,
       "both writers committed their work", c.stdout)

print("1..%d" % n)
sys.exit(1 if failed else 0)
