"""TAP and a sandbox for the Python end-to-end tests.

    from taplib import ok, done, isolated_env
    env = isolated_env(tmp, timeout_scale="0.05")
    ok(cond, "what was checked", info_shown_when_it_fails)
    done()			# the plan, and exit 1 when a check failed
"""
import os
import sys

_n = 0
_failed = 0


def ok(cond, desc, info=None):
    """One test point; info (any object) is printed as a comment on failure."""
    global _n, _failed
    _n += 1
    if cond:
        print("ok %d - %s" % (_n, desc))
    else:
        _failed += 1
        print("not ok %d - %s" % (_n, desc))
        if info is not None:
            for line in str(info).splitlines()[:30]:
                print("# " + line)
    sys.stdout.flush()


def count():
    """Test points so far."""
    return _n


def done():
    """Print the plan and exit: 1 when any check failed."""
    print("1..%d" % _n)
    sys.stdout.flush()
    sys.exit(1 if _failed else 0)


def isolated_env(tmp, timeout_scale=None):
    """The environment for dateline: HOME and the XDG directories inside
    tmp (nothing of the user's is read or written), no proxy variables,
    and DATELINE_TIMEOUT_SCALE when given (the tests' short time limits)."""
    env = dict(os.environ)
    env.update({"HOME": tmp,
                "XDG_CONFIG_HOME": os.path.join(tmp, "xdg-config"),
                "XDG_DATA_HOME": os.path.join(tmp, "xdg-data")})
    if timeout_scale is not None:
        env["DATELINE_TIMEOUT_SCALE"] = timeout_scale
    for k in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY",
              "ALL_PROXY", "all_proxy", "no_proxy", "NO_PROXY"):
        env.pop(k, None)
    return env
