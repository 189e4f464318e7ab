"""Tok: `"J"$"42"`, `"D"$"2000.01.02"`, `` `$"a" `` -- reading q values from text.

`parse_text(t, s)` reads one string as an atom of q type t; text q cannot read gives t's null
(q never signals an error for unreadable text).
"""
import ipaddress
import math
import re
import uuid

import numpy as np

from .values import Atom, Vec, DTYPES, NULL_INT, INF_INT, null_of, char_vec
from .temporal import NS_PER_DAY, date_to_days, parse_temporal

NS_PER_SECOND = 1_000_000_000
UNIX_EPOCH_DAYS = -10957          # 1970.01.01 relative to q's epoch 2000.01.01
TRUTHY = frozenset("tTyYxX1")
MONTHS = {m: i + 1 for i, m in enumerate(
    ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"))}


def parse_text(t, s):
    """Atom of q type t read from string s."""
    s = s.strip(" \t\r\n")
    if t == 11:
        return Atom(-11, s)
    if t == 10:
        return char_vec(s)
    reader = _READERS.get(t)
    value = reader(s) if s else None
    if value is None:
        return Atom(-t, null_of(t))
    return Atom(-t, value)


def parse_texts(t, texts):
    """A vector of type t read from many strings at once, or None where no array-wise path applies
    (then each string is read alone): symbols, and whole numbers and ISO dates read by numpy."""
    texts = [s.strip(" \t\r\n") for s in texts]
    if t == 11:
        names = np.empty(len(texts), dtype=object)
        names[:] = texts
        return Vec(11, names)
    if t in (5, 6, 7) and all(map(_PLAIN_INTEGER.fullmatch, texts)):
        values = np.array(texts).astype(np.int64)
        limit = INF_INT[t]
        out_of_range = (values < -limit) | (values > limit)
        return Vec(t, np.where(out_of_range, NULL_INT[t], values).astype(DTYPES[t]))
    if t == 14 and all(map(_PLAIN_DATE.fullmatch, texts)):
        try:
            days = np.array([s.replace(".", "-") for s in texts], dtype="datetime64[D]")
        except ValueError:      # a day or month out of range: read one by one (those are null)
            return None
        return Vec(14, (days - np.datetime64("2000-01-01")).astype(np.int32))
    return None


_PLAIN_INTEGER = re.compile(r"-?\d{1,18}")
_PLAIN_DATE = re.compile(r"\d{4}([.-])\d\d\1\d\d")


# ----------------------------------------------------------------- numbers

_INTEGER = re.compile(r"(-?)(\d+)(?:\.0*)?$")   # a fractional part reads as null: "J"$"0.5" is 0N
_FLOAT = re.compile(r"-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$")
_IPV4 = re.compile(r"(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$")


def _integer(t):
    limit = INF_INT[t]

    def read(s):
        if s in ("0N", "0n"):
            return NULL_INT[t]
        if s in ("0W", "0w"):
            return limit
        if s in ("-0W", "-0w"):
            return -limit
        if t == 6 and _IPV4.match(s):
            return _ipv4_int(s)
        m = _INTEGER.match(s)
        if not m:
            return None
        v = int(m[2]) * (-1 if m[1] else 1)
        # text beyond the type's range reads as null, as q does
        return v if -limit <= v <= limit else None
    return read


def _ipv4_int(s):
    octets = [int(p) for p in _IPV4.match(s).groups()]
    if any(o > 255 for o in octets):
        return None
    v = int.from_bytes(bytes(octets), "big")
    return v - (1 << 32) if v >= 1 << 31 else v


def _float(s):
    low = s.lower()
    if low == "0n":
        return math.nan
    if low == "0w":
        return math.inf
    if low == "-0w":
        return -math.inf
    if not _FLOAT.match(s):
        return None
    return float(s)


def _real(s):
    v = _float(s)
    if v is None or math.isnan(v) or math.isinf(v):
        return v
    # a real holds single precision: round through float32 so it prints as q shows it
    return float(np.float32(v))


def _boolean(s):
    return s[0] in TRUTHY


def _byte(s):
    if not re.fullmatch(r"[0-9a-fA-F]{1,2}", s):
        return None
    return int(s, 16)


def _guid(s):
    if _IPV4.match(s):
        try:
            return uuid.UUID(bytes=ipaddress.IPv6Address("::ffff:" + s).packed)
        except ValueError:
            return None
    if ":" in s:
        try:
            return uuid.UUID(bytes=ipaddress.IPv6Address(s).packed)
        except ValueError:
            return None
    try:
        return uuid.UUID(s)
    except ValueError:
        return None


# ----------------------------------------------------------------- dates

_ISO_DATE = re.compile(r"(\d{4})[.\-/](\d{1,2}|[A-Za-z]{3})[.\-/](\d{1,2})$")
_US_DATE = re.compile(r"(\d{1,2}|[A-Za-z]{3})/(\d{1,2})/(\d{2}|\d{4})$")
_DMY_NAMED = re.compile(r"(\d{1,2})([A-Za-z]{3})(\d{2}|\d{4})$")


def _year(text):
    y = int(text)
    if len(text) == 2:
        # two-digit years: 00..49 are this century, 50..99 the last, as q reads them
        y += 2000 if y < 50 else 1900
    return y


def _month_number(text):
    if text.isdigit():
        return int(text)
    return MONTHS.get(text.upper())


def _days(y, m, d):
    if m is None or not 1 <= m <= 12:
        return None
    try:
        return date_to_days(y, m, d)
    except ValueError:
        return None


def _date(s):
    """Days since 2000.01.01 for the date formats q's Tok reads, else None."""
    if s.isdigit():
        if len(s) == 8:
            return _days(int(s[:4]), int(s[4:6]), int(s[6:]))
        if len(s) == 6:
            return _days(_year(s[:2]), int(s[2:4]), int(s[4:]))
        return None
    m = _ISO_DATE.match(s)
    if m:
        return _days(int(m[1]), _month_number(m[2]), int(m[3]))
    m = _US_DATE.match(s)
    if m:
        return _days(_year(m[3]), _month_number(m[1]), int(m[2]))
    m = _DMY_NAMED.match(s)
    if m:
        return _days(_year(m[3]), _month_number(m[2]), int(m[1]))
    return None


def _month(s):
    m = re.fullmatch(r"(\d{4})[.\-/]?(\d{2})m?", s)
    if m:
        mm = int(m[2])
        return (int(m[1]) - 2000) * 12 + mm - 1 if 1 <= mm <= 12 else None
    days = _date(s)
    if days is None:
        return None
    from .temporal import days_to_ymd
    y, mm, _ = days_to_ymd(days)
    return (y - 2000) * 12 + mm - 1


# ----------------------------------------------------------------- times of day

_CLOCK = re.compile(r"(-?)(\d+)(?::(\d{2})(?::(\d{2})(?:\.(\d*))?)?)?$")


def _clock_ns(s):
    """Nanoseconds of `hh[:mm[:ss[.f]]]` or of the digit runs `hh[mm[ss[fff...]]]`."""
    if s.isdigit() and len(s) > 2:
        if len(s) % 2 and len(s) < 7:
            return None
        s = s[:2] + ":" + s[2:4] + (":" + s[4:6] if len(s) > 4 else "") + \
            ("." + s[6:] if len(s) > 6 else "")
    m = _CLOCK.match(s)
    if not m:
        return None
    h, mi, sec = int(m[2]), int(m[3] or 0), int(m[4] or 0)
    if mi >= 60 or sec >= 60:
        return None
    frac = int(((m[5] or "") + "0" * 9)[:9])
    ns = ((h * 60 + mi) * 60 + sec) * NS_PER_SECOND + frac
    return -ns if m[1] else ns


def _span(s):
    m = re.fullmatch(r"(-?)(\d+)D(.*)", s)
    if m:
        rest = _clock_ns(m[3]) if m[3] else 0
        if rest is None or rest < 0:
            return None
        ns = int(m[2]) * NS_PER_DAY + rest
        return -ns if m[1] else ns
    return _clock_ns(s)


def _within_day(unit):
    def read(s):
        ns = _clock_ns(s)
        if ns is None:
            return None
        return int(ns / unit)   # truncate toward zero: "U"$"12:13:14" is 12:13
    return read


# ----------------------------------------------------------------- timestamps

_STAMP = re.compile(r"(.+?)(?:[DT ]|(?<=\d{8})-)(\d.*)$")
_UNIX = re.compile(r"(\d{9,11})(?:\.(\d*))?$")


def _stamp_ns(s):
    """Nanoseconds since 2000.01.01 of a date, a date with a time, or Unix-epoch seconds."""
    m = _UNIX.match(s)
    if m:
        frac = int(((m[2] or "") + "0" * 9)[:9])
        return (UNIX_EPOCH_DAYS * 86400 + int(m[1])) * NS_PER_SECOND + frac
    days = _date(s)
    if days is not None:
        return days * NS_PER_DAY
    m = _STAMP.match(s)
    if not m:
        return None
    days = _date(m[1])
    clock = _clock_ns(m[2])
    if days is None or clock is None or clock < 0:
        return None
    return days * NS_PER_DAY + clock


def _timestamp(s):
    ns = _stamp_ns(s)
    if ns is None:
        special = parse_temporal(s)
        return special[1] if special and special[0] == 12 else None
    return ns


def _datetime(s):
    ns = _stamp_ns(s)
    if ns is None:
        return None
    return round(ns / 1_000_000) / 86_400_000


def _special_temporal(t, reader):
    """A reader that also takes 0N/0W for a temporal type."""
    def read(s):
        if s in ("0N", "0n"):
            return null_of(t)
        if s in ("0W", "0w"):
            return INF_INT.get(t, math.inf)
        return reader(s)
    return read


_READERS = {
    1: _boolean, 2: _guid, 4: _byte,
    5: _integer(5), 6: _integer(6), 7: _integer(7),
    8: _real, 9: _float,
    12: _special_temporal(12, _timestamp),
    13: _special_temporal(13, _month),
    14: _special_temporal(14, _date),
    15: _special_temporal(15, _datetime),
    16: _special_temporal(16, _span),
    17: _special_temporal(17, _within_day(60 * NS_PER_SECOND)),
    18: _special_temporal(18, _within_day(NS_PER_SECOND)),
    19: _special_temporal(19, _within_day(1_000_000)),
}
