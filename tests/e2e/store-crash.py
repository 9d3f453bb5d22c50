#!/usr/bin/env python3
# The store survives SIGKILL at any moment: a writer doing refresh-like
# transactions and read/flag changes is killed at random points, again and
# again on the same store; after every kill the store must pass SQLite's and
# FTS5's integrity checks, its kept counts must match its items, and every
# change the writer saw committed must still be there.  About 15 s
# (at most 40 s plus one round on a loaded machine).
import os, random, signal, subprocess, sys, tempfile, time

builddir = os.environ.get("DATELINE_BUILDDIR", ".")
torture = os.path.join(builddir, "tests", "store-torture")
rounds = int(os.environ.get("STORE_CRASH_ROUNDS", "30"))
budget = 40.0
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


random.seed(int(os.environ.get("STORE_CRASH_SEED", "20261127")))
start = time.monotonic()
with tempfile.TemporaryDirectory(prefix="dl-crash.") as tmp:
    store = os.path.join(tmp, "cache.db")
    log = os.path.join(tmp, "committed.log")
    verified = 0
    for r in range(rounds):
        if time.monotonic() - start > budget:
            break
        w = subprocess.Popen([torture, "write", store, log, str(r + 1), "0"],
                             stderr=subprocess.PIPE)
        # Early kills hit opening and schema creation; later ones hit
        # transactions, checkpoints and clean-ups.
        time.sleep(random.uniform(0.0, 0.05) if r < 5 else random.uniform(0.05, 0.6))
        w.send_signal(signal.SIGKILL)
        _, err = w.communicate()
        killed = w.returncode == -signal.SIGKILL
        c = subprocess.run([torture, "check", store, log],
                           capture_output=True, text=True)
        ok(c.returncode == 0 and (killed or w.returncode == 0),
           "kill %d at a random point: store intact, nothing committed lost" % (r + 1),
           c.stdout + c.stderr + err.decode(errors="replace"))
        if c.returncode == 0 and c.stdout.split()[0].isdigit():
            verified = int(c.stdout.split()[0])
    # The test must have had something to lose.
    ok(verified > 500, "the kills interrupted real work (%d changes verified)" % verified)

print("1..%d" % n)
sys.exit(1 if failed else 0)
