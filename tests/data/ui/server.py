# A static HTTP server on 127.0.0.1 for the reader's end-to-end test: it
# serves one directory, picks a free port and writes it to a file.
import http.server
import os
import sys

root, portfile = sys.argv[1], sys.argv[2]
os.chdir(root)


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
with open(portfile + ".tmp", "w") as f:
    f.write(str(httpd.server_address[1]))
os.rename(portfile + ".tmp", portfile)
httpd.serve_forever()
