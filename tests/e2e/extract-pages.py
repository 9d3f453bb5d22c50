"""End-to-end: --extract on pages that are not UTF-8, and on articles split
over several pages.

Charsets: pages written here in ISO-8859-1, windows-1251, Shift_JIS and
UTF-16 (bytes encoded by Python), the charset named by <meta charset>, by
<meta http-equiv="content-type">, by a byte order mark, only by the HTTP
Content-Type (served by the local test server), or by nothing at all; the
extracted text must hold the letters, in UTF-8, exactly.

Multi-page: an article over three pages linked by rel="next", and one with a
pagination block (page 2, 3 links), served by the local test server: --extract
URL prints all pages' text once, in order; a loop of next links, a next link
to another host and a chain longer than the limit (5 pages) stop cleanly.
Prints TAP.
"""
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from httpserver import FeedServer  # noqa: E402
from taplib import done, ok  # noqa: E402

DATELINE = os.environ.get("DATELINE", "dateline")
def extract(what, *args):
    r = subprocess.run([DATELINE, "--extract", what, "--html"] + list(args),
                       capture_output=True, timeout=60)
    return r.returncode, r.stdout.decode("utf-8", "replace"), \
        r.stderr.decode("utf-8", "replace")


def page(head, paras, title="Story"):
    body = "".join("<p>%s</p>\n" % p for p in paras)
    return ("<!DOCTYPE html><html><head>%s<title>%s</title></head><body>"
            "<nav><a href=\"/\">Home</a></nav><article><h1>%s</h1>%s"
            "</article><footer>Footer</footer></body></html>\n"
            % (head, title, title, body))


# Text written for these tests.  Each page repeats its paragraphs so that
# it is long enough to be an article.
FR = ["Le caf\u00e9 du port ouvre \u00e0 l'aube, et les p\u00eacheurs y sont "
      "d\u00e9j\u00e0 : \u00ab\u00a0on ne dort pas quand la mar\u00e9e "
      "monte\u00a0\u00bb, dit Ma\u00eblle, qui tient la caisse depuis "
      "douze ans.",
      "Les bateaux rentrent vers midi ; le poisson part en camion pour "
      "Rennes, et la salle se vide jusqu'au soir, quand les \u00e9quipes "
      "reviennent jouer aux cartes."]
RU = ["\u041f\u0430\u0440\u043e\u043c \u0445\u043e\u0434\u0438\u0442 "
      "\u0434\u0432\u0430\u0436\u0434\u044b \u0432 \u0434\u0435\u043d\u044c, "
      "\u0430 \u0437\u0438\u043c\u043e\u0439 \u0440\u0435\u0436\u0435: "
      "\u043b\u0451\u0434 \u0443 \u043f\u0440\u0438\u0447\u0430\u043b\u0430 "
      "\u0441\u0442\u043e\u0438\u0442 \u0434\u043e \u043c\u0430\u0440\u0442\u0430, "
      "\u0433\u043e\u0432\u043e\u0440\u0438\u0442 \u043a\u0430\u043f\u0438\u0442\u0430\u043d.",
      "\u0416\u0438\u0442\u0435\u043b\u0438 \u043e\u0441\u0442\u0440\u043e\u0432\u0430 "
      "\u043f\u0440\u043e\u0441\u044f\u0442 \u043d\u043e\u0432\u043e\u0435 "
      "\u0440\u0430\u0441\u043f\u0438\u0441\u0430\u043d\u0438\u0435, "
      "\u0447\u0442\u043e\u0431\u044b \u0434\u0435\u0442\u0438 "
      "\u0443\u0441\u043f\u0435\u0432\u0430\u043b\u0438 \u0432 "
      "\u0448\u043a\u043e\u043b\u0443 \u043a \u0434\u0435\u0432\u044f\u0442\u0438."]
JA = ["\u6e2f\u306e\u6e21\u3057\u8239\u306f\u51ac\u306e\u9593\u3001"
      "\u4e00\u65e5\u4e8c\u4fbf\u306b\u6e1b\u308a\u307e\u3059\u3002"
      "\u5cf6\u306e\u4f4f\u6c11\u306f\u3001\u671d\u306e\u4fbf\u3092"
      "\u6b8b\u3057\u3066\u307b\u3057\u3044\u3068\u8a71\u3057\u3066"
      "\u3044\u307e\u3059\u3002\u8239\u9577\u306f\u300c\u98a8\u304c"
      "\u5f37\u3044\u65e5\u306f\u51fa\u3089\u308c\u306a\u3044\u300d"
      "\u3068\u8a00\u3044\u307e\u3057\u305f\u3002"]

FR_WANT = "d\u00e9j\u00e0 : \u00ab\u00a0on ne dort pas"
FR_WANT2 = "Ma\u00eblle"
RU_WANT = "\u043b\u0451\u0434 \u0443 \u043f\u0440\u0438\u0447\u0430\u043b\u0430"
JA_WANT = "\u300c\u98a8\u304c\u5f37\u3044\u65e5\u306f\u51fa\u3089\u308c\u306a\u3044\u300d"

tmp = tempfile.mkdtemp(prefix="dl-extract-pages-")


def write(name, data):
    p = os.path.join(tmp, name)
    with open(p, "wb") as f:
        f.write(data)
    return p


files = [
    ("ISO-8859-1 named by <meta charset>",
     page('<meta charset="iso-8859-1">', FR * 3, "Caf\u00e9").encode("iso-8859-1"),
     [FR_WANT, FR_WANT2, "<h1>" if False else "Rennes"]),
    ("windows-1251 named by <meta http-equiv=content-type>",
     page('<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">',
          RU * 3).encode("cp1251"), [RU_WANT]),
    ("Shift_JIS named by <meta charset>, after a comment",
     page('<!-- <meta charset="utf-8"> --><meta charset=Shift_JIS>', JA * 4)
     .encode("shift_jis"), [JA_WANT]),
    ("UTF-16LE with a byte order mark",
     page("", FR * 3).encode("utf-16"), [FR_WANT, FR_WANT2]),
    ("ISO-8859-1 naming no charset at all (read as windows-1252)",
     page("", FR * 3).encode("iso-8859-1"), [FR_WANT, FR_WANT2]),
    ("UTF-8 with a byte order mark and a <meta> saying so",
     b"\xef\xbb\xbf" + page('<meta charset="utf-8">', RU * 3).encode("utf-8"),
     [RU_WANT]),
]
for desc, data, wants in files:
    p = write("page.html", data)
    rc, out, err = extract(p, "--url", "https://charset.invalid/a")
    ok(rc == 0 and all(w in out for w in wants), "%s: the text is right" % desc,
       "rc %d\n%s\n%s" % (rc, err, out))
    ok("\ufffd" not in out and err == "", "%s: no replacement characters, no "
       "warning" % desc, err + out)

srv = FeedServer()
srv.start()
try:
    ru_nometa = page("", RU * 3).encode("cp1251")
    srv.route("/ru.html", body=ru_nometa,
              content_type="text/html; charset=windows-1251")
    rc, out, err = extract(srv.url("/ru.html"))
    ok(rc == 0 and RU_WANT in out and "\ufffd" not in out,
       "--extract URL: windows-1251 named only by the HTTP header", err + out)
    # The header comes before the page's own (wrong) <meta>.
    srv.route("/ja.html", body=page('<meta charset="iso-8859-1">', JA * 4)
              .encode("shift_jis"), content_type="text/html;charset=\"Shift_JIS\"")
    rc, out, err = extract(srv.url("/ja.html"))
    ok(rc == 0 and JA_WANT in out, "--extract URL: the HTTP charset wins over "
       "the page's <meta>", err + out)
    srv.route("/odd.html", body=page("", FR * 3).encode("iso-8859-1"),
              content_type="text/html; charset=x-no-such-charset")
    rc, out, err = extract(srv.url("/odd.html"))
    ok(rc == 0 and "Rennes" in out, "--extract URL: an unknown charset still "
       "gives the article", err + out)

    # --- articles over several pages ------------------------------------
    def part(title, marker, head="", extra=""):
        paras = ["%s: the council met again on Tuesday, and the harbour "
                 "master, who has run the port for eleven years, said the "
                 "fees would rise, slowly, over three winters." % marker,
                 "Fishermen said they would ask for a vote, and the ferry "
                 "operator, which pays the most, said it had not been "
                 "told, which the council denied in a short statement."]
        return page(head, paras, title).replace("</article>",
                                                extra + "</article>")

    srv.route("/news/harbour-fees", content_type="text/html", body=part(
        "Harbour fees", "Pageonemarker",
        head='<link rel="next" href="/news/harbour-fees/2">'))
    srv.route("/news/harbour-fees/2", content_type="text/html", body=part(
        "Harbour fees", "Pagetwomarker",
        extra='<p><a rel="prev" href="/news/harbour-fees">Back</a> '
              '<a rel="next" href="3">Continue</a></p>'))
    srv.route("/news/harbour-fees/3", content_type="text/html", body=part(
        "Harbour fees", "Pagethreemarker",
        extra='<nav><a rel="next" href="/news/other-story">Next story</a>'
              '<a rel="next" href="http://localhost:%d/news/harbour-fees/4">'
              'Mirror</a></nav>' % srv.port))
    srv.route("/news/other-story", content_type="text/html",
              body=part("Other", "Otherstorymarker"))
    srv.route("/news/harbour-fees/4", content_type="text/html",
              body=part("Harbour fees", "Mirrormarker"))
    srv.clear_log()
    rc, out, err = extract(srv.url("/news/harbour-fees"))
    pos = [out.find(m) for m in ("Pageonemarker", "Pagetwomarker",
                                 "Pagethreemarker")]
    ok(rc == 0 and -1 not in pos and pos == sorted(pos),
       "rel=next: the three pages' text, in order", err + out)
    ok(all(out.count(m) == 1 for m in ("Pageonemarker", "Pagetwomarker",
                                       "Pagethreemarker")),
       "each page's text once", out)
    ok("Otherstorymarker" not in out and "Mirrormarker" not in out and
       not srv.requests("/news/other-story") and
       not srv.requests("/news/harbour-fees/4"),
       "a rel=next to another story or another host is not followed",
       srv.requests())
    ok([r[0] for r in srv.requests()] == ["/news/harbour-fees",
                                          "/news/harbour-fees/2",
                                          "/news/harbour-fees/3"],
       "each page fetched once, in order", srv.requests())
    rc, out2, err = extract(srv.url("/news/harbour-fees/2"))
    ok(rc == 0 and "Pageonemarker" not in out2 and "Pagetwomarker" in out2
       and "Pagethreemarker" in out2,
       "from page 2: pages 2 and 3, a link back to page 1 is not followed",
       err + out2)

    # Numbered links only, "Next" on the first page only: page 2 is
    # found by its "Next", page 3 by its number.
    pager = ('<div class="pagination"><a href="island-school.html">1</a> '
             '<a href="island-school-2.html">2</a> '
             '<a href="island-school-3.html">3</a>%s</div>')
    for i, m in ((1, "Schoolonemarker"), (2, "Schooltwomarker"),
                 (3, "Schoolthreemarker")):
        name = "/features/island-school%s.html" % ("" if i == 1 else "-%d" % i)
        nxt = ' <a href="island-school-2.html">Next</a>' if i == 1 else ""
        srv.route(name, content_type="text/html",
                  body=part("Island school", m, extra=pager % nxt))
    srv.clear_log()
    rc, out, err = extract(srv.url("/features/island-school.html"))
    pos = [out.find(m) for m in ("Schoolonemarker", "Schooltwomarker",
                                 "Schoolthreemarker")]
    ok(rc == 0 and -1 not in pos and pos == sorted(pos),
       "a pagination block (1, 2, 3): the three pages, in order", err + out)
    ok(len(srv.requests()) == 3 and
       not srv.requests("/features/island-school-4.html"),
       "pagination: three requests, no page 4 asked for", srv.requests())
    ok('class="pagination"' not in out and ">Next<" not in out,
       "the pagination links are not in the article", out)

    for i in range(1, 9):
        name = "/long/story" + ("" if i == 1 else "/%d" % i)
        srv.route(name, content_type="text/html", body=part(
            "Long", "Longmarker%d" % i,
            head='<link rel="next" href="/long/story/%d">' % (i + 1)))
    srv.clear_log()
    rc, out, err = extract(srv.url("/long/story"))
    got = [i for i in range(1, 9) if "Longmarker%d:" % i in out]
    ok(rc == 0 and got == [1, 2, 3, 4, 5] and len(srv.requests()) == 5,
       "a longer chain stops at 5 pages", "%s %s" % (got, srv.requests()))

    srv.route("/broken/story", content_type="text/html", body=part(
        "Broken", "Brokenonemarker",
        head='<link rel="next" href="/broken/story/2">'))
    rc, out, err = extract(srv.url("/broken/story"))
    ok(rc == 0 and "Brokenonemarker" in out,
       "a next page that is 404 leaves the first page", err + out)
finally:
    srv.stop()

for name in os.listdir(tmp):
    os.unlink(os.path.join(tmp, name))
os.rmdir(tmp)
done()
