#!/usr/bin/env python3
"""Write the hostile test feeds of tests/e2e/ui-hostile.sh into a directory.

Every field a reader shows carries what a feed nobody here wrote might
carry: C0 and C1 controls, escape sequences (CSI, OSC 52, OSC 8, DCS, APC,
PM, 8-bit CSI), bidi overrides and isolates, invisible and zero-width
characters, lone combining marks, emoji sequences, wide CJK at the edge,
tabs, CR, backspace, invalid UTF-8, overlong forms, encoded surrogates,
U+FFFD, a 5,000-character word and a very long line.  All text is ours.

hostile.xml   RSS 2.0 with Media RSS: controls arrive as HTML inside the
              text (&amp;#x1b;), as C1 references and as raw bad bytes
hostile.json  JSON Feed: controls as JSON escapes (\\u001b), lone surrogates
"""
import json
import os
import sys

out = sys.argv[1]
ESC, BEL, ST = "\x1b", "\x07", "\x1b\\"
# every kind of sequence a terminal obeys
SEQS = {
    "csi": ESC + "[31;1mRED" + ESC + "[0m" + ESC + "[2J" + ESC + "[H",
    "osc52": ESC + "]52;c;SGFja2Vk" + BEL,
    "osc8": ESC + "]8;;http://evil.example/" + ST + "click" + ESC + "]8;;" + ST,
    "title": ESC + "]0;pwned title" + BEL + ESC + "]2;x" + ST,
    "dcs": ESC + "Pq#0;2;0;0;0#0~~@@" + ST,
    "apc": ESC + "_Gf=100,a=T;AAAA" + ST,
    "pm": ESC + "^private" + ST + ESC + "Xsos" + ST,
    "c1": "\x9b31m\x9d0;c1title\x9c\x90dcs\x9c\x85\x84\x8d",
    "c0": "bell\x07 bs\x08\x08x cr\rret tab\tx vt\x0b ff\x0c nul? so\x0e si\x0f del\x7f",
}
BIDI = "\u202aLRE\u202bRLE\u202cPDF\u202dLRO\u202eRLO gnp.exe\u2066LRI\u2067RLI\u2068FSI\u2069PDI\u200eLRM\u200fRLM\u061cALM"
INVIS = "zw\u200bsp zwnj\u200c wj\u2060 bom\ufeff shy\u00ad mvs\u180e iaa\ufff9x\ufffb tag\U000e0041"
EMOJI = ("family \U0001F468\u200D\U0001F469\u200D\U0001F467 thumbs \U0001F44D\U0001F3FD "
         "flags \U0001F1EB\U0001F1F7\U0001F1EF\U0001F1F5 lone \U0001F1FA heart \u2764\uFE0F "
         "keycap 1\uFE0F\u20E3 england \U0001F3F4\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F "
         "new \U0001FAE8 cjk-vs \u845b\U000E0100")
COMB = "\u0301\u0308lone marks \u0301after space e\u0301 a\u0323\u0302"
ODD = "replacement \ufffd nonchar \uffff unassigned \u0378 pua \ue000"
LONGWORD = "W" * 4998 + "\u6f22\u5b57"
LONGLINE = " ".join(["word%d" % i for i in range(2500)])
# "A" then wide characters: at any even width one of them falls on the
# last column
EDGE = "A" + "\u6f22\u5b57\u4eee\u540d" * 40


def hostile(tag):
    """Everything at once, for one field."""
    return "%s %s %s %s %s %s %s" % (
        tag, " ".join(SEQS.values()), BIDI, INVIS, EMOJI, COMB, ODD)


def xml_text(s):
    """Text for an XML element: controls become HTML references inside
    escaped markup, which the feed's HTML decoding turns back into the
    control (XML itself cannot carry them)."""
    r = []
    for ch in s:
        o = ord(ch)
        if ch == "&":
            r.append("&amp;")
        elif ch == "<":
            r.append("&lt;")
        elif ch == ">":
            r.append("&gt;")
        elif o < 0x20 and ch not in "\t\n\r" or o == 0x7f:
            r.append("&amp;#%d;" % o)
        elif ch == "\r":
            r.append("&#13;")
        elif 0x80 <= o < 0xa0:
            r.append("&#x%x;" % o)
        else:
            r.append(ch)
    return "".join(r)


def html_body(tag):
    """An HTML body: every sequence as a character reference, in text, in a
    link, a list, a quote, a table and a figure."""
    def ref(s):
        return "".join("&#%d;" % ord(c) if ord(c) < 0x20 or 0x7f <= ord(c) < 0xa0
                       else {"<": "&lt;", ">": "&gt;", "&": "&amp;"}.get(c, c)
                       for c in s)
    parts = ["<p>%s %s</p>" % (tag, ref(v)) for v in SEQS.values()]
    parts.append("<p>%s</p><p>%s</p><p>%s</p>" % (ref(BIDI), ref(INVIS), ref(EMOJI)))
    parts.append("<p>%s</p><p>%s</p>" % (ref(COMB), ref(ODD)))
    parts.append('<p><a href="http://evil.example/%s">a hostile link</a></p>' % ref(SEQS["csi"] + BIDI))
    parts.append("<ul><li>%s</li><li>%s</li></ul>" % (ref(SEQS["osc52"]), ref(EMOJI)))
    parts.append("<blockquote>%s</blockquote>" % ref(SEQS["dcs"] + BIDI))
    parts.append("<table><tr><th>%s</th><th>%s</th></tr><tr><td>%s</td><td>%s</td></tr></table>"
                 % (ref(SEQS["c1"]), ref(EMOJI), ref(BIDI), ref(SEQS["c0"])))
    parts.append("<pre>%s\ttab\t%s</pre>" % (ref(SEQS["apc"]), ref(EDGE[:30])))
    parts.append("<p>%s</p><p>%s</p><p>%s</p>" % (LONGWORD, LONGLINE, EDGE))
    return "\n".join(parts)


items = []
for n, (tag, title) in enumerate([
        ("ctl", "Controls " + " ".join(SEQS.values())),
        ("bidi", "Bidi " + BIDI),
        ("emoji", "Emoji " + EMOJI),
        ("comb", COMB + " " + INVIS),
        ("edge", EDGE),
        ("long", LONGWORD),
        ("odd", "Odd " + ODD + " tab\there cr\rthere"),
], 1):
    items.append((n, tag, title))

rss = ['<?xml version="1.0" encoding="utf-8"?>',
       '<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/" '
       'xmlns:dc="http://purl.org/dc/elements/1.1/">',
       "<channel><title>%s</title><link>http://hostile.example/</link>"
       % xml_text("Hostile Wire " + EMOJI + SEQS["osc52"] + SEQS["c1"] + BIDI)]
for n, tag, title in items:
    rss.append("<item>")
    rss.append("<title>%s</title>" % xml_text(title))
    rss.append("<link>http://hostile.example/%d/%s</link>" % (n, xml_text(SEQS["csi"] + BIDI)))
    rss.append("<guid>hostile-%d</guid>" % n)
    rss.append("<dc:creator>%s</dc:creator>" % xml_text("Author " + SEQS["osc8"] + BIDI))
    rss.append("<category>%s</category>" % xml_text("cat " + SEQS["dcs"] + EMOJI))
    rss.append("<pubDate>Fri, 27 Nov 2026 0%d:00:00 GMT</pubDate>" % n)
    rss.append('<enclosure url="http://hostile.example/%d.mp3%s" length="1" type="audio/mpeg"/>'
               % (n, xml_text(SEQS["title"]).replace('"', "&quot;")))
    rss.append('<media:content url="http://hostile.example/%d.jpg" medium="image">'
               "<media:description>%s</media:description>"
               "<media:credit>%s</media:credit></media:content>"
               % (n, xml_text("Caption " + SEQS["apc"] + BIDI + COMB),
                  xml_text("Credit " + SEQS["pm"])))
    rss.append("<description><![CDATA[%s]]></description>" % html_body(tag))
    rss.append("</item>")
rss.append("</channel></rss>")
data = "\n".join(rss).encode("utf-8")
# raw bytes XML cannot hold: invalid UTF-8, overlong "/", encoded surrogates
bad = b"bad \xff\xfe overlong \xc0\xaf \xe0\x80\xaf surrogate \xed\xa0\x80\xed\xb0\x80 cut \xe2\x82 end"
data = data.replace(b"<title>Odd ", b"<title>Odd " + bad + b" ", 1)
with open(os.path.join(out, "hostile.xml"), "wb") as f:
    f.write(data + b"\n")

jf = {
    "version": "https://jsonfeed.org/version/1.1",
    "title": "Json Hostile " + SEQS["csi"] + SEQS["title"] + BIDI,
    "home_page_url": "http://json.example/" + SEQS["osc8"],
    "authors": [{"name": "Feed " + SEQS["c1"]}],
    "items": [{
        "id": "j%d" % n,
        "url": "http://json.example/%d/%s" % (n, SEQS["osc52"] + BIDI),
        "title": "J " + title,
        "content_html": html_body(tag),
        "summary": hostile("summary"),
        "date_published": "2026-11-26T1%d:00:00Z" % n,
        "authors": [{"name": "J " + SEQS["dcs"] + BIDI}],
        "tags": [SEQS["apc"], EMOJI],
        "attachments": [{"url": "http://json.example/a%d%s" % (n, SEQS["pm"]),
                         "mime_type": "audio/mpeg", "title": SEQS["c0"]}],
    } for n, tag, title in items] + [{
        # a link no browser should be handed
        "id": "j-script",
        "url": "javascript:alert(1)//" + SEQS["osc52"] + BIDI,
        "title": "Scripted link " + SEQS["csi"],
        "content_text": "Its link is a script.",
        "date_published": "2026-11-25T10:00:00Z",
    }],
}
text = json.dumps(jf, ensure_ascii=True)
# JSON can spell lone surrogates, which no UTF-8 can
text = text.replace("replacement", "lone \\ud800 \\udfff replacement")
with open(os.path.join(out, "hostile.json"), "w") as f:
    f.write(text + "\n")
