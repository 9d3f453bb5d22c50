"""End-to-end: HTTP/2 over TLS, and certificate checking.

Makes a throwaway CA and a server certificate for 127.0.0.1 with the
openssl command, serves 20 feeds from nginx (run as the current user with
a temporary config) on `listen 127.0.0.1:PORT ssl http2`, and refreshes
them with `ca-file` naming the CA.  nginx's access log ($server_protocol,
$connection) shows whether the requests were HTTP/2.0 and how many
connections carried them.  Without ca-file the same refresh must fail
with a certificate error: verification is always on.

nginx and openssl come from ./quickstart.  Under CI=true a missing one
fails the test; elsewhere the test is skipped with the reason.  Prints
TAP.
"""
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from taplib import done, isolated_env, ok  # noqa: E402

DATELINE = os.environ.get("DATELINE", "dateline")
NFEEDS = 20


def find(prog):
    path = os.environ.get("PATH", "") + ":/usr/sbin:/sbin:/usr/local/sbin"
    return shutil.which(prog, path=path)


NGINX, OPENSSL = find("nginx"), find("openssl")
missing = [name for name, p in (("nginx", NGINX), ("openssl", OPENSSL))
           if p is None]
if missing:
    why = "%s not installed (./quickstart installs it)" % " and ".join(missing)
    if os.environ.get("CI") == "true":
        print("not ok 1 - %s" % why)
        print("1..1")
        sys.exit(1)
    print("1..0 # SKIP %s" % why)
    sys.exit(0)

tmp = tempfile.mkdtemp(prefix="dl-http2-")
env = isolated_env(tmp)
for k in ("SSL_CERT_FILE", "SSL_CERT_DIR", "CURL_CA_BUNDLE"):
    env.pop(k, None)


def path(*parts):
    return os.path.join(tmp, *parts)


def openssl(*args):
    p = subprocess.run([OPENSSL] + list(args), capture_output=True, text=True,
                       cwd=tmp, timeout=60)
    if p.returncode != 0:
        ok(False, "openssl " + " ".join(args[:2]), p.stderr)
        done()


# --- a CA and a certificate it signs for 127.0.0.1 ----------------------------
ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
openssl("req", "-x509", *ec, "-keyout", "ca.key", "-out", "ca.pem",
        "-days", "2", "-subj", "/CN=dateline test CA",
        "-addext", "basicConstraints=critical,CA:TRUE",
        "-addext", "keyUsage=critical,keyCertSign,cRLSign")
openssl("req", *ec, "-keyout", "server.key", "-out", "server.csr",
        "-subj", "/CN=127.0.0.1")
with open(path("server.ext"), "w") as f:
    f.write("subjectAltName = IP:127.0.0.1, DNS:localhost\n"
            "basicConstraints = CA:FALSE\n"
            "extendedKeyUsage = serverAuth\n")
openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey",
        "ca.key", "-CAcreateserial", "-out", "server.pem", "-days", "2",
        "-extfile", "server.ext")

# --- the feeds and nginx ------------------------------------------------------
root = path("www")
os.mkdir(root)
for i in range(NFEEDS):
    with open(path("www", "f%02d.xml" % i), "w") as f:
        f.write('<?xml version="1.0"?>\n<rss version="2.0"><channel>'
                "<title>Secure feed %d</title>" % i)
        for j in range(3):
            f.write("<item><guid>f%d-%d</guid><title>Story %d of feed %d"
                    "</title><description>Text.</description></item>"
                    % (i, j, j, i))
        f.write("</channel></rss>\n")

s = socket.socket()
s.bind(("127.0.0.1", 0))
port = s.getsockname()[1]
s.close()
prefix = path("nginx")
os.makedirs(os.path.join(prefix, "logs"))
user = ""
if os.geteuid() == 0:    # root would drop to nobody, who may not read tmp
    import pwd
    user = "user %s;" % pwd.getpwuid(os.getuid()).pw_name
access = os.path.join(prefix, "logs", "access.log")
conf = """%(user)s
worker_processes 1;
daemon off;
pid %(p)s/nginx.pid;
error_log %(p)s/logs/error.log warn;
events { worker_connections 256; }
http {
    default_type application/rss+xml;
    log_format proto '$request_uri $server_protocol $connection $status';
    access_log %(access)s proto;
    client_body_temp_path %(p)s/body;
    proxy_temp_path %(p)s/proxy;
    fastcgi_temp_path %(p)s/fastcgi;
    uwsgi_temp_path %(p)s/uwsgi;
    scgi_temp_path %(p)s/scgi;
    server {
        listen 127.0.0.1:%(port)d ssl http2;
        ssl_certificate %(t)s/server.pem;
        ssl_certificate_key %(t)s/server.key;
        root %(root)s;
    }
}
""" % {"user": user, "p": prefix, "access": access, "port": port, "t": tmp,
       "root": root}
with open(os.path.join(prefix, "nginx.conf"), "w") as f:
    f.write(conf)
proc = subprocess.Popen([NGINX, "-e", os.path.join(prefix, "logs", "error.log"),
                         "-p", prefix, "-c", os.path.join(prefix, "nginx.conf")],
                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def stop():
    if proc.poll() is None:
        proc.send_signal(signal.SIGQUIT)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


up = False
for _ in range(100):
    try:
        socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
        up = True
        break
    except OSError:
        if proc.poll() is not None:
            break
        time.sleep(0.05)
if not up:
    stop()
    with open(os.path.join(prefix, "logs", "error.log")) as f:
        ok(False, "nginx starts", f.read())
    done()

urls = path("urls")
with open(urls, "w") as f:
    for i in range(NFEEDS):
        f.write("https://127.0.0.1:%d/f%02d.xml secure\n" % (port, i))


def refresh(conf_text, cache):
    conf_file = path("config-" + os.path.basename(cache))
    with open(conf_file, "w") as f:
        f.write(conf_text)
    p = subprocess.run([DATELINE, "--cache", cache, "--config", conf_file,
                        "--urls", urls, "--refresh", "--json"],
                       capture_output=True, text=True, env=env, timeout=120)
    res = []
    for line in p.stdout.splitlines():
        try:
            res.append(json.loads(line))
        except ValueError:
            pass
    return p.returncode, res, p.stderr


def log_lines():
    with open(access) as f:
        return [line.split() for line in f if line.strip()]


try:
    # Every feed may go at once: multiplexing, not the per-host limit,
    # decides how many connections carry them.
    rc, res, err = refresh("set ca-file %s\nset max-per-host 20\n"
                           % path("ca.pem"), path("cache.db"))
    ok(rc == 0 and len(res) == NFEEDS and
       all(r["status"] == "updated" and r["new"] == 3 for r in res),
       "with ca-file: %d feeds over https refreshed" % NFEEDS,
       err + "\n" + "\n".join(str(r) for r in res[:3]))
    lines = log_lines()
    ok(len(lines) == NFEEDS, "nginx saw %d requests" % NFEEDS, lines)
    protos = sorted(set(l[1] for l in lines if len(l) > 1))
    ok(protos == ["HTTP/2.0"], "every request was HTTP/2.0", protos)
    conns = sorted(set(l[2] for l in lines if len(l) > 2))
    print("# %d requests over %d connection(s)" % (len(lines), len(conns)))
    # HTTP/1.1 would need a connection per request in flight (16 here).
    ok(0 < len(conns) <= 2 and len(conns) < len(lines),
       "the requests were multiplexed over fewer connections (at most 2) "
       "than requests", conns)
    ok(all(l[3] == "200" for l in lines if len(l) > 3), "every answer was 200")

    # The same with ~/ in ca-file: the home directory is expanded.
    open(access, "w").close()
    shutil.copy(path("ca.pem"), path("my-ca.pem"))
    rc, res, err = refresh("set ca-file ~/my-ca.pem\n", path("cache2.db"))
    ok(rc == 0 and all(r["status"] == "updated" for r in res),
       "ca-file ~/my-ca.pem works", err)

    # Without the CA: the server's certificate is not trusted.
    open(access, "w").close()
    rc, res, err = refresh("# no ca-file\n", path("cache3.db"))
    ok(rc == 1 and len(res) == NFEEDS and
       all(r["status"] == "failed" for r in res),
       "without ca-file: every feed fails (exit 1)", err)
    e = res[0]["error"] if res else ""
    ok("certificate" in e.lower(), "... with a certificate error", e)
    ok(log_lines() == [], "... and no request reached the server")

    # A ca-file that does not exist is an error too, never a fallback.
    rc, res, err = refresh("set ca-file %s\n" % path("nonexistent.pem"),
                           path("cache4.db"))
    ok(rc == 1 and all(r["status"] == "failed" for r in res),
       "a missing ca-file: the feeds fail", res[:1])
finally:
    stop()
shutil.rmtree(tmp, ignore_errors=True)
done()
