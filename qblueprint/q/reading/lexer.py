"""Lexer: q source text -> tokens.

Numeric, temporal, symbol and string literals become constant q values here, including vector
notation (`1 2 3f`, `` `a`b ``, `101b`, `0x0102`). A `-` directly followed by a digit is part of
a number unless it directly follows a noun (`x-1` subtracts, `x -1` applies x to -1).
"""
import re

import numpy as np

from ..base.errors import QError
from ..base.values import Atom, Vec, DTYPES, NULL_INT, INF_INT, char_vec, sym_vec
from ..base.temporal import parse_temporal
from ..base.values import NULL_GUID

OPS = set("+-*%&|^=<>~!#_,$?@.:")
NAME_RE = re.compile(r"[a-zA-Z.][a-zA-Z0-9_.]*")
SYM_RE = re.compile(r"`(:[a-zA-Z0-9_.:/]*|[a-zA-Z0-9_.][a-zA-Z0-9_.:]*)?")
NUM_RE = re.compile(
    r"-?(?:\d+(?:\.\d*)?|\.\d+)[eE][-+]?\d+[ef]?(?![a-zA-Z0-9.])"
    r"|-?(?:\d|\.\d)[a-zA-Z0-9.]*(?::\d[a-zA-Z0-9.]*)*")
SPACE = " \t\r"


class Tok:
    __slots__ = ("kind", "val", "pos", "sp", "end")

    def __init__(self, kind, val, pos, sp, end):
        self.kind = kind   # const name op opc adv ( ) [ ] { } ; : :: nl
        self.val = val
        self.pos = pos
        self.sp = sp       # preceded by whitespace
        self.end = end

    def __repr__(self):
        return "Tok(%s,%r)" % (self.kind, self.val)


# ----------------------------------------------------------------- numeric literals

_SUFFIX_TYPES = {"b": 1, "h": 5, "i": 6, "j": 7, "e": 8, "f": 9, "c": 10, "p": 12, "m": 13, "d": 14,
                 "z": 15, "n": 16, "u": 17, "v": 18, "t": 19, "g": 2, "x": 4}
_FLOAT_RE = re.compile(r"-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$")
_INT_RE = re.compile(r"-?\d+$")


def _special(text):
    """0N/0W/0n/0w forms -> (type or None, python value kind)."""
    neg = text.startswith("-")
    body = text[1:] if neg else text
    if len(body) < 2 or body[0] != "0" or body[1] not in "NWnw":
        return None
    suf = body[2:]
    if len(suf) > 1:
        return None
    kind = body[1]
    if kind in "nw":
        if suf:
            return None
        t = 9
    else:
        t = _SUFFIX_TYPES.get(suf, 7) if suf else 7
        if suf and suf not in _SUFFIX_TYPES:
            return None
    if t in (8, 9, 15):
        v = float("nan") if kind in "Nn" else float("inf")
    elif t in NULL_INT:
        v = NULL_INT[t] if kind == "N" else INF_INT[t]
    elif t == 11:
        v = ""
    elif t == 2 and kind == "N":
        v = NULL_GUID
    else:
        return None
    if neg:
        if kind in "Nn":
            return None
        v = -v
    return t, v, bool(suf) or kind in "nw"


def parse_number(text):
    """(q type, python value, explicit type?) for one numeric/temporal literal, or None."""
    sp = _special(text)
    if sp is not None:
        return sp
    if text[-1:] in _SUFFIX_TYPES and text[-1] not in "bx":
        body, suf = text[:-1], text[-1]
        t = _SUFFIX_TYPES[suf]
        if t in (5, 6, 7) and _INT_RE.match(body):
            return t, int(body), True
        if t in (8, 9) and _FLOAT_RE.match(body):
            return t, float(body), True
        if t in (5, 6, 7) and _FLOAT_RE.match(body) and "." not in body and "e" not in body:
            return t, int(body), True
        if t in (12, 13, 14, 15, 16, 17, 18, 19) and _INT_RE.match(body):
            return t, int(body) if t != 15 else float(body), True
    if _INT_RE.match(text):
        return 7, int(text), False
    if _FLOAT_RE.match(text):
        return 9, float(text), False
    tm = parse_temporal(text)
    if tm is not None:
        return tm[0], tm[1], True
    return None


def _bools(text):
    if re.fullmatch(r"[01]+b", text):
        bits = [c == "1" for c in text[:-1]]
        if len(bits) == 1:
            return Atom(-1, bits[0])
        return Vec(1, np.array(bits, dtype=np.bool_))
    return None


def _bytes(text):
    if re.fullmatch(r"0x[0-9a-fA-F]*", text):
        h = text[2:]
        if len(h) % 2:
            h = "0" + h
        data = bytes.fromhex(h)
        if len(data) == 1 and len(text) <= 4:
            return Atom(-4, data[0])
        return Vec(4, np.frombuffer(data, dtype=np.uint8).copy())
    return None


def number_value(texts):
    """Build the q value of a numeric literal or vector of literals."""
    if len(texts) == 1:
        v = _bools(texts[0]) or _bytes(texts[0])
        if v is not None:
            return v
    parsed = []
    last = texts[-1]
    suffix = last[-1] if last[-1].isalpha() and not last[-2:-1].isalpha() else ""
    if suffix in ("n", "w", "N", "W") and last.lstrip("-") == "0" + suffix:
        suffix = ""  # a bare 0n/0w/0N/0W carries no type suffix for its neighbours
    for x in texts:
        p = parse_number(x)
        if suffix and x is not last and not x[-1].isalpha():
            p = parse_number(x + suffix) or p
        if p is None:
            raise QError(x)
        parsed.append(p)
    last_t, _, explicit = parsed[-1]
    if explicit and last_t not in (12, 13, 14, 15, 16, 17, 18, 19):
        t = last_t
    else:
        types = {p[0] for p in parsed if not (p[0] == 7 and p[1] in (NULL_INT[7], INF_INT[7], -INF_INT[7]) and not p[2])}
        if not types:
            t = 7
        elif types <= {7, 9}:
            t = 9 if 9 in types else 7
        elif len(types) == 1:
            t = types.pop()
        else:
            raise QError(texts[0])
    vals = [_coerce(p, t) for p in parsed]
    if len(vals) == 1:
        return Atom(-t, vals[0])
    return Vec(t, np.array(vals, dtype=DTYPES[t]))


def _coerce(p, t):
    pt, v, _ = p
    if pt == t:
        return v
    if t in (8, 9, 15):
        if pt in NULL_INT:
            if v == NULL_INT[pt]:
                return float("nan")
            if abs(v) == INF_INT[pt]:
                return float("inf") if v > 0 else float("-inf")
        return float(v)
    if t in NULL_INT:
        if isinstance(v, float):
            if v != v:
                return NULL_INT[t]
            if v in (float("inf"), float("-inf")):
                return INF_INT[t] if v > 0 else -INF_INT[t]
            return int(v)
        if pt in NULL_INT and v == NULL_INT[pt]:
            return NULL_INT[t]
        if pt in NULL_INT and abs(v) == INF_INT[pt]:
            return INF_INT[t] if v > 0 else -INF_INT[t]
        return v
    if t == 1:
        return bool(v)
    if t == 4:
        return int(v) & 255
    raise QError("type")


# ----------------------------------------------------------------- strings

_ESC = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", '"': '"'}


def _string(src, i):
    """Parse a string literal starting at src[i] == '"'; return (value, end index)."""
    out = []
    j = i + 1
    n = len(src)
    while j < n:
        c = src[j]
        if c == '"':
            s = "".join(out)
            if len(s) == 1:
                return Atom(-10, ord(s) & 255), j + 1
            return char_vec(s.encode("latin-1", "replace")), j + 1
        if c == "\\" and j + 1 < n:
            d = src[j + 1]
            if d in _ESC:
                out.append(_ESC[d])
                j += 2
                continue
            if src[j + 1:j + 4].isdigit() and len(src[j + 1:j + 4]) == 3:
                out.append(chr(int(src[j + 1:j + 4], 8) & 255))
                j += 4
                continue
            out.append(d)
            j += 2
            continue
        out.append(c)
        j += 1
    raise QError('"')


# ----------------------------------------------------------------- main loop

_NOUN_END = set("])}\"")


def tokenize(src):
    toks = []
    i = 0
    n = len(src)
    sp = True
    append = toks.append
    while i < n:
        c = src[i]
        if c in SPACE:
            i += 1
            sp = True
            continue
        if c == "\n":
            if i + 1 < n and src[i + 1] in SPACE:
                # an indented line continues the previous one
                i += 1
                sp = True
                continue
            append(Tok("nl", None, i, sp, i + 1))
            i += 1
            sp = True
            # a line starting with `/` is a comment line
            if i < n and src[i] == "/":
                j = src.find("\n", i)
                i = n if j < 0 else j
            continue
        if c == "/" and (sp or i == 0):
            j = src.find("\n", i)
            i = n if j < 0 else j
            continue
        prev = toks[-1] if toks else None
        prev_noun = prev is not None and not sp and (
            prev.kind in ("const", "name", ")", "]", "}"))
        start = i
        # numbers (a leading '-' only where it cannot be subtraction)
        if c.isdigit() or (c == "." and i + 1 < n and src[i + 1].isdigit()) or (
                c == "-" and i + 1 < n and (src[i + 1].isdigit() or (src[i + 1] == "." and i + 2 < n and src[i + 2].isdigit()))
                and not prev_noun):
            texts = []
            while True:
                m = NUM_RE.match(src, i)
                if not m:
                    break
                texts.append(m.group())
                i = m.end()
                # vector notation: literals separated by single spaces
                j = i
                while j < n and (src[j] in SPACE or (src[j] == "\n" and j + 1 < n and src[j + 1] in SPACE)):
                    j += 1
                if j > i and j < n and (src[j].isdigit() or (src[j] in "-." and j + 1 < n and (src[j + 1].isdigit() or (src[j + 1] == "." and j + 2 < n and src[j + 2].isdigit())))):
                    if not (src[j] == "." and not (j + 1 < n and src[j + 1].isdigit())):
                        i = j
                        continue
                break
            if len(texts) == 1 and texts[0] in ("0", "1", "2") and src.startswith(":", i) \
                    and not src.startswith("::", i):
                # 0: 1: 2: are verbs (text, binary and dynamic-load I/O)
                append(Tok("op", texts[0] + ":", start, sp, i + 1))
                i += 1
                sp = False
                continue
            append(Tok("const", number_value(texts), start, sp, i))
            sp = False
            continue
        if c == '"':
            v, i = _string(src, i)
            append(Tok("const", v, start, sp, i))
            sp = False
            continue
        if c == "`":
            names = []
            while i < n and src[i] == "`":
                m = SYM_RE.match(src, i)
                names.append(m.group()[1:])
                i = m.end()
            v = Atom(-11, names[0]) if len(names) == 1 else sym_vec(names)
            append(Tok("const", v, start, sp, i))
            sp = False
            continue
        # right after a closing bracket a dot before a plain name is Apply ((!).flip x), while a
        # dotted path stays a name ((1_s).z.s/:b applies .z.s to each of b)
        if c.isalpha() or (c == "." and i + 1 < n and src[i + 1].isalpha() and not (
                prev_noun and prev.kind in (")", "]", "}") and "." not in NAME_RE.match(src, i).group()[1:])):
            m = NAME_RE.match(src, i)
            i = m.end()
            append(Tok("name", m.group(), start, sp, i))
            sp = False
            continue
        if c in "'/\\":
            # each / over / scan, or with a colon each-prior / each-right / each-left
            glyph = c + ":" if src.startswith(":", i + 1) else c
            append(Tok("adv", glyph, i, sp, i + len(glyph)))
            i += len(glyph)
            sp = False
            continue
        if c in "()[]{};":
            append(Tok(c, c, i, sp, i + 1))
            i += 1
            sp = False
            continue
        if c == ":":
            glyph = "::" if src.startswith("::", i) else ":"
            append(Tok(glyph, glyph, i, sp, i + len(glyph)))
            i += len(glyph)
            sp = False
            continue
        if c in OPS:
            two = src[i:i + 2]
            if two in ("<=", ">=", "<>"):
                op = two
            else:
                op = c
            i += len(op)
            if i < n and src[i] == ":" and not src.startswith("::", i):
                append(Tok("opc", op, start, sp, i + 1))
                i += 1
            else:
                append(Tok("op", op, start, sp, i))
            sp = False
            continue
        raise QError(c)
    return toks
