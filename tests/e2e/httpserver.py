"""A local HTTP server for dateline's end-to-end tests.

Serves feeds from a table of routes that the test changes between runs:
status, headers, body, ETag/Last-Modified (answering conditional requests
with 304), redirects, delays, stalls, truncated bodies and gzip.  Listens
on 127.0.0.1 on a free port; every request is logged for assertions.

    srv = FeedServer(); srv.start()
    srv.route("/a.xml", body=b"<rss>...", etag='"v1"')
    url = srv.url("/a.xml")
    ...
    srv.stop()
"""
import gzip
import http.server
import threading
import time


class Route:
    def __init__(self, status=200, body=b"", headers=None, etag=None,
                 last_modified=None, content_type="application/rss+xml",
                 location=None, delay=0.0, stall=0.0, truncate=None,
                 gzip_body=False, raw_gzip=None):
        self.status = status
        self.body = body.encode() if isinstance(body, str) else body
        self.headers = dict(headers or {})
        self.etag = etag
        self.last_modified = last_modified
        self.content_type = content_type
        self.location = location
        self.delay = delay
        self.stall = stall
        self.truncate = truncate
        self.gzip_body = gzip_body
        self.raw_gzip = raw_gzip


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        pass

    def do_GET(self):
        srv = self.server.feedserver
        # Requests at once under count_prefix, in this counting generation
        # only (a stalled handler of an earlier test may still be asleep).
        with srv.lock:
            gen = srv.generation
            counted = self.path.startswith(srv.count_prefix)
            if counted:
                srv.inflight += 1
                srv.max_inflight = max(srv.max_inflight, srv.inflight)
        try:
            self._get(srv)
        finally:
            with srv.lock:
                if counted and gen == srv.generation:
                    srv.inflight -= 1

    def _get(self, srv):
        with srv.lock:
            srv.log.append((self.path, dict(self.headers.items())))
            route = srv.routes.get(self.path)
        if route is None:
            self._send(404, b"no such page\n", {"Content-Type": "text/plain"})
            return
        if route.delay:
            time.sleep(route.delay)
        if route.location is not None:
            self._send(route.status, b"", {"Location": srv.url(route.location)
                       if route.location.startswith("/") else route.location})
            return
        if route.status == 200:
            inm = self.headers.get("If-None-Match")
            ims = self.headers.get("If-Modified-Since")
            if (route.etag is not None and inm == route.etag) or \
               (route.etag is None and route.last_modified is not None
                    and ims == route.last_modified):
                h = {}
                if route.etag:
                    h["ETag"] = route.etag
                self._send(304, None, h)
                return
        headers = dict(route.headers)
        if route.content_type:
            headers["Content-Type"] = route.content_type
        if route.etag:
            headers["ETag"] = route.etag
        if route.last_modified:
            headers["Last-Modified"] = route.last_modified
        body = route.body
        if route.raw_gzip is not None:
            body = route.raw_gzip
            headers["Content-Encoding"] = "gzip"
        elif route.gzip_body:
            body = gzip.compress(body)
            headers["Content-Encoding"] = "gzip"
        if route.stall:
            # Headers and a little of the body, then nothing.
            self.send_response(route.status)
            for k, v in headers.items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[:20])
            self.wfile.flush()
            end = time.time() + route.stall
            while time.time() < end and not srv.stopping:
                time.sleep(0.05)
            self.close_connection = True
            return
        if route.truncate is not None:
            self.send_response(route.status)
            for k, v in headers.items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[:route.truncate])
            self.wfile.flush()
            self.close_connection = True
            return
        self._send(route.status, body, headers)

    def _send(self, status, body, headers):
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        if body is not None:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body:
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    allow_reuse_address = True

    def handle_error(self, request, client_address):
        pass    # a client that hangs up (timeouts, size caps) is expected


class FeedServer:
    def __init__(self):
        self.routes = {}
        self.log = []
        self.lock = threading.Lock()
        self.stopping = False
        self.inflight = 0
        self.count_prefix = "/"
        self.generation = 0
        self.max_inflight = 0
        self.httpd = _Server(("127.0.0.1", 0), _Handler)
        self.httpd.feedserver = self
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever,
                                       daemon=True)

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.stopping = True
        self.httpd.shutdown()
        self.httpd.server_close()

    def url(self, path):
        return "http://127.0.0.1:%d%s" % (self.port, path)

    def route(self, path, **kw):
        with self.lock:
            self.routes[path] = Route(**kw)

    def requests(self, path=None):
        with self.lock:
            return [r for r in self.log if path is None or r[0] == path]

    def count(self, prefix):
        """Count requests at once (max_inflight) for paths under prefix,
        from now on."""
        with self.lock:
            self.generation += 1
            self.count_prefix = prefix
            self.inflight = 0
            self.max_inflight = 0

    def clear_log(self):
        with self.lock:
            self.log.clear()
            self.max_inflight = 0


def rss(title, items, ttl=None, encoding=None):
    """A small RSS 2.0 document: items is a list of (guid, title, text)."""
    head = '<?xml version="1.0"%s?>\n' % (
        ' encoding="%s"' % encoding if encoding else "")
    out = [head, "<rss version=\"2.0\"><channel><title>%s</title>"
           "<link>http://example.invalid/</link>" % title]
    if ttl is not None:
        out.append("<ttl>%d</ttl>" % ttl)
    for guid, t, text in items:
        out.append("<item><guid>%s</guid><title>%s</title>"
                   "<link>http://example.invalid/%s</link>"
                   "<description>%s</description></item>" % (guid, t, guid, text))
    out.append("</channel></rss>\n")
    return "".join(out)


if __name__ == "__main__":
    # Serve a directory of files for manual runs and the benchmark:
    # python3 httpserver.py DIR  (prints the port).
    import sys
    root = sys.argv[1] if len(sys.argv) > 1 else "."

    class _Files(http.server.SimpleHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def __init__(self, *a, **kw):
            super().__init__(*a, directory=root, **kw)

        def log_message(self, fmt, *args):
            pass

    httpd = _Server(("127.0.0.1", 0), _Files)
    print(httpd.server_address[1], flush=True)
    httpd.serve_forever()
