#!/usr/bin/env python3
"""Scan what dateline wrote for anything a hostile feed could have put there.

scan.py text FILE...   output meant as plain text (--render, --search,
                       --stats, stderr): valid UTF-8, no C0 control but
                       newline and tab (--search's separator), no ESC, no C1, no bidi control
scan.py json FILE      --parse output: one JSON value, every string clean
scan.py pty FILE       the raw byte stream the reader wrote to its terminal:
                       only the escape sequences curses writes (CSI, charset
                       selection, keypad modes) and OSC 52 whose payload is
                       clean text; no C1, no bidi control, nothing a terminal
                       disagrees about the width of (emoji joiners, variation
                       selectors, skin-tone modifiers, tags, format chars)
scan.py width COLS FILE  every line at most COLS columns (East Asian Width)
scan.py bars COLS FILE   a `capture-pane -p -e -N` screen: the title bar, the
                       status bar and the selected (reverse) row are one
                       attribute from the first column to the last, so
                       curses and the terminal agreed on every width in them
Prints one "# " line per problem and exits 1 when there is any.
"""
import base64
import ctypes
import ctypes.util
import json
import re
import sys
import unicodedata

BIDI = set(range(0x202A, 0x202F)) | set(range(0x2066, 0x206A))
# what the reader's display sanitising drops
DISPLAY = (set(range(0x200B, 0x2010)) | set(range(0x2060, 0x2070)) |
           {0x061C, 0x180E, 0xFEFF, 0xE0001} | set(range(0xFFF9, 0xFFFC)) |
           set(range(0xFE00, 0xFE10)) | set(range(0x1F3FB, 0x1F400)) |
           set(range(0xE0020, 0xE0080)))
problems = []


def bad_char(ch, display, where):
    o = ord(ch)
    if (o < 0x20 and ch not in "\n\t") or o == 0x7F:
        problems.append("%s: control U+%04X" % (where, o))
    elif 0x80 <= o < 0xA0:
        problems.append("%s: C1 control U+%04X" % (where, o))
    elif o in BIDI:
        problems.append("%s: bidi control U+%04X" % (where, o))
    elif display and o in DISPLAY:
        problems.append("%s: U+%04X reached the terminal" % (where, o))
    elif 0xD800 <= o < 0xE000:
        problems.append("%s: surrogate U+%04X" % (where, o))


def check_text(s, display, where):
    for i, ch in enumerate(s):
        bad_char(ch, display, "%s offset %d" % (where, i))


def decode(path):
    raw = open(path, "rb").read()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as e:
        problems.append("%s: invalid UTF-8 at byte %d" % (path, e.start))
        return raw.decode("utf-8", "replace")


def scan_text(paths):
    for p in paths:
        check_text(decode(p), False, p)


def strings(v):
    if isinstance(v, str):
        yield v
    elif isinstance(v, list):
        for x in v:
            yield from strings(x)
    elif isinstance(v, dict):
        for k, x in v.items():
            yield k
            yield from strings(x)


def scan_json(path):
    text = decode(path)
    check_text(text, False, path)
    try:
        v = json.loads(text)
    except ValueError as e:
        problems.append("%s: not JSON: %s" % (path, e))
        return
    for s in strings(v):
        for ch in s:
            if (ord(ch) < 0x20 and ch not in "\n\t") or 0x7F <= ord(ch) < 0xA0 \
                    or ord(ch) in BIDI or 0xD800 <= ord(ch) < 0xE000:
                problems.append("%s: string %r holds U+%04X" % (path, s[:40], ord(ch)))
                break


# what curses writes: CSI, ESC ( B and friends, ESC = / >, ESC 7 / 8, ESC M
CSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]")
ESC2 = re.compile(r"\x1b[()*+][0-9A-Za-z]|\x1b[=>78McDE]")
OSC52 = re.compile(r"\x1b\]52;c;([A-Za-z0-9+/=]*)\x07")


def scan_pty(path):
    text = decode(path)
    i, n, copies = 0, len(text), 0
    while i < n:
        ch = text[i]
        if ch == "\x1b":
            m = CSI.match(text, i) or ESC2.match(text, i)
            if m:
                i = m.end()
                continue
            m = OSC52.match(text, i)
            if m:
                copies += 1
                payload = base64.b64decode(m.group(1)).decode("utf-8", "replace")
                check_text(payload, True, "%s: OSC 52 payload" % path)
                i = m.end()
                continue
            problems.append("%s offset %d: escape not written by curses: %r"
                            % (path, i, text[i:i + 24]))
            i += 1
            continue
        if ch in "\r\n\b\t\x07\x0f\x0e":
            i += 1
            continue
        bad_char(ch, True, "%s offset %d" % (path, i))
        i += 1
    print("# %s: %d characters, %d OSC 52 copies" % (path, n, copies))


# Widths as the C library gives them, which is what curses and tmux place
# characters by; the East Asian Width table when it cannot be asked.
try:
    _libc = ctypes.CDLL(ctypes.util.find_library("c"))
    _libc.setlocale(6, b"C.UTF-8")     # LC_ALL
    _libc.wcwidth.restype = ctypes.c_int
    _libc.wcwidth.argtypes = [ctypes.c_wchar]
    if _libc.wcwidth("\u6f22") != 2:
        _libc = None
except (OSError, AttributeError, TypeError):
    _libc = None


def cwidth(ch):
    if _libc is not None:
        return max(_libc.wcwidth(ch), 0)
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


def width(s):
    return sum(cwidth(ch) for ch in s)


def scan_width(cols, paths):
    for p in paths:
        for k, line in enumerate(decode(p).split("\n"), 1):
            line = re.sub(r"\x1b\[[0-9;]*m", "", line)
            if width(line) > cols:
                problems.append("%s line %d: %d columns, more than %d"
                                % (p, k, width(line), cols))


def sgr_apply(state, params):
    ps = [int(p) if p.isdigit() else 0 for p in re.split("[;:]", params)] if params else [0]
    i = 0
    while i < len(ps):
        p = ps[i]
        if p == 0:
            state.clear()
        elif p in (1, 2, 3, 4, 5, 7, 8, 9):
            state[p] = True
        elif p == 22:
            state.pop(1, None)
            state.pop(2, None)
        elif 23 <= p <= 29:
            state.pop(p - 20, None)
        elif p in (38, 48):
            n = 3 if i + 1 < len(ps) and ps[i + 1] == 5 else 5
            state["fg" if p == 38 else "bg"] = tuple(ps[i + 1:i + n])
            i += n - 1
        elif p == 39:
            state.pop("fg", None)
        elif p == 49:
            state.pop("bg", None)
        elif 30 <= p <= 37 or 90 <= p <= 97:
            state["fg"] = p
        elif 40 <= p <= 47 or 100 <= p <= 107:
            state["bg"] = p
        i += 1


def scan_bars(cols, path):
    lines = decode(path).split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    state, rows = {}, []
    for line in lines:
        cells, i = [], 0
        while i < len(line):
            m = re.match(r"\x1b\[([0-9;:]*)m", line[i:])
            if m:
                sgr_apply(state, m.group(1))
                i += m.end()
                continue
            a = tuple(sorted((str(k), str(v)) for k, v in state.items()))
            cells.extend([a] * cwidth(line[i]))
            i += 1
        rows.append(cells)
    for k, cells in enumerate(rows):
        bar = k == 0 or k == len(rows) - 1 or (cells and ("7", "True") in cells[0])
        if not bar:
            continue
        if len(cells) != cols:
            problems.append("%s row %d: %d columns, not %d" % (path, k + 1, len(cells), cols))
        elif any(c != cells[0] for c in cells):
            j = next(j for j, c in enumerate(cells) if c != cells[0])
            problems.append("%s row %d: the bar stops at column %d" % (path, k + 1, j))


def main():
    mode, args = sys.argv[1], sys.argv[2:]
    if mode == "text":
        scan_text(args)
    elif mode == "json":
        scan_json(args[0])
    elif mode == "pty":
        scan_pty(args[0])
    elif mode == "bars":
        scan_bars(int(args[0]), args[1])
    elif mode == "width":
        scan_width(int(args[0]), args[1:])
    else:
        sys.exit("scan.py: unknown mode " + mode)
    for p in problems[:20]:
        print("# " + p)
    if len(problems) > 20:
        print("# ... %d problems in all" % len(problems))
    sys.exit(1 if problems else 0)


main()
