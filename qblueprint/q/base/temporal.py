"""Temporal types: encodings relative to q's epoch 2000.01.01, literal parsing and formatting.

timestamp/timespan: int64 ns; month: months since 2000.01; date: days; datetime: float days;
minute/second/time: int32 minutes/seconds/milliseconds.
"""
import datetime as _dt
import re

import numpy as np

from .nulls import NULL_INT, INF_INT

EPOCH = _dt.date(2000, 1, 1)
EPOCH_ORDINAL = EPOCH.toordinal()
NS_PER_DAY = 86_400_000_000_000
SUFFIX = {12: "p", 13: "m", 14: "d", 15: "z", 16: "n", 17: "u", 18: "v", 19: "t"}
# nanoseconds in one unit of the integer-encoded temporals that count a fixed length of time
NS_PER_UNIT = {12: 1, 16: 1, 14: NS_PER_DAY, 17: 60_000_000_000, 18: 1_000_000_000, 19: 1_000_000}
NS_PER_MS = 1_000_000
MS_PER_DAY = 86_400_000


def date_to_days(y, m, d):
    return _dt.date(y, m, d).toordinal() - EPOCH_ORDINAL


def days_to_ymd(days):
    """(year, month, day) of days since 2000.01.01 in the proleptic Gregorian calendar, for any
    int (Python's dates stop at year 9999; q's encodings go far beyond)."""
    z = days + 730425                  # days since 0000.03.01
    era = z // 146097
    doe = z - era * 146097             # day of the 400-year era
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153          # month counted from March
    day = doy - (153 * mp + 2) // 5 + 1
    month = mp + 3 if mp < 10 else mp - 9
    return yoe + era * 400 + (month <= 2), month, day


# ----------------------------------------------------------------- calendar arithmetic on arrays
# (callers pass valid values: nulls and infinities are masked out before these are called)

_EPOCH_DAY = np.datetime64("2000-01-01", "D")
_EPOCH_MONTH = np.datetime64("2000-01", "M")


def month_start_days(months):
    """Days since 2000.01.01 of the first day of each month (months since 2000.01)."""
    first = _EPOCH_MONTH + np.asarray(months, dtype=np.int64)
    return (first.astype("datetime64[D]") - _EPOCH_DAY).astype(np.int64)


def months_of_days(days):
    """Months since 2000.01 of the months holding the given days since 2000.01.01."""
    month = (_EPOCH_DAY + np.asarray(days, dtype=np.int64)).astype("datetime64[M]")
    return (month - _EPOCH_MONTH).astype(np.int64)


def nanoseconds(t, a):
    """Nanoseconds since 2000.01.01 (points in time) or in all (durations) of valid (not null, finite)
    temporal data of type t, as int64; beyond what a timestamp holds, -0W or 0W: q's
    `` `timestamp$1666.09.02 `` is -0Wp."""
    a = np.asarray(a)
    if t == 15:
        whole = np.round(a * MS_PER_DAY)       # datetimes hold milliseconds
        unit = NS_PER_MS
    else:
        whole = month_start_days(a) if t == 13 else a.astype(np.int64)
        unit = NS_PER_DAY if t == 13 else NS_PER_UNIT[t]
    estimate = whole.astype(np.float64) * unit
    above, below = estimate >= 2.0 ** 63, estimate <= -(2.0 ** 63)
    with np.errstate(over="ignore", invalid="ignore"):
        ns = np.where(above | below, 0, whole).astype(np.int64) * unit
    return np.where(above, INF_INT[12], np.where(below, -INF_INT[12], ns))


def special_masks(t, a):
    """Masks of the nulls, infinities and negative infinities of temporal data of type t."""
    a = np.asarray(a)
    if t == 15:
        return np.isnan(a), a == np.inf, a == -np.inf
    return a == NULL_INT[t], a == INF_INT[t], a == -INF_INT[t]


def civil(days):
    """(year, month 1-12, day 1-31) arrays of days since 2000.01.01."""
    days = np.asarray(days, dtype=np.int64)
    months = months_of_days(days)
    return 2000 + months // 12, months % 12 + 1, days - month_start_days(months) + 1


def week_start(days):
    """The Monday on or before each day (2000.01.01 was a Saturday)."""
    days = np.asarray(days, dtype=np.int64)
    return days - (days + 5) % 7


def float_special(v):
    """'0N'/'0W'/'-0W' text for a float null or infinity, else None."""
    if v != v:
        return "0N"
    if v == float("inf"):
        return "0W"
    if v == float("-inf"):
        return "-0W"
    return None


def int_special(t, v):
    """'0N'/'0W'/'-0W' text for the null and infinities of integer-encoded type t, else None."""
    if v == NULL_INT[t]:
        return "0N"
    if v == INF_INT[t]:
        return "0W"
    if v == -INF_INT[t]:
        return "-0W"
    return None


def _special(t, v):
    """'0N'/'0W'/'-0W' text for nulls and infinities of temporals, else None."""
    return float_special(v) if t == 15 else int_special(t, v)


def _hms(total, with_frac, frac_digits, unit):
    neg = total < 0
    total = abs(total)
    frac = total % unit
    secs = total // unit
    s = "%02d:%02d:%02d" % (secs // 3600, secs // 60 % 60, secs % 60)
    if with_frac:
        s += "." + str(frac).zfill(frac_digits)
    return ("-" if neg else "") + s


# q's calendar runs from 0001.01.01 to 9999.12.31; dates and datetimes beyond it show as zeros
FIRST_DAY = date_to_days(1, 1, 1)
LAST_DAY = date_to_days(9999, 12, 31)
OUT_OF_RANGE = {14: "0000.00.00", 15: "0000.00.00T00:00:00.000"}


def format_temporal(t, v):
    """Text of one temporal value without any type suffix (specials as 0N/0W)."""
    sp = _special(t, v)
    if sp is not None:
        return sp
    if t in OUT_OF_RANGE and not FIRST_DAY <= v < LAST_DAY + 1:
        return OUT_OF_RANGE[t]
    if t == 14:
        y, m, d = days_to_ymd(v)
        return "%04d.%02d.%02d" % (y, m, d)
    if t == 13:
        return "%04d.%02d" % (2000 + v // 12, v % 12 + 1)
    if t == 12:
        days, ns = divmod(v, NS_PER_DAY)
        y, m, d = days_to_ymd(days)
        return "%04d.%02d.%02dD%s" % (y, m, d, _hms(ns, True, 9, 1_000_000_000))
    if t == 16:
        neg = v < 0
        days, ns = divmod(abs(v), NS_PER_DAY)
        return "%s%dD%s" % ("-" if neg else "", days, _hms(ns, True, 9, 1_000_000_000))
    if t == 17:
        neg = v < 0
        a = abs(v)
        return "%s%02d:%02d" % ("-" if neg else "", a // 60, a % 60)
    if t == 18:
        neg = v < 0
        a = abs(v)
        return "%s%02d:%02d:%02d" % ("-" if neg else "", a // 3600, a // 60 % 60, a % 60)
    if t == 19:
        return _hms(v, True, 3, 1000)
    if t == 15:
        ms = round(v * 86_400_000)
        days, ms = divmod(ms, 86_400_000)
        y, m, d = days_to_ymd(days)
        return "%04d.%02d.%02dT%s" % (y, m, d, _hms(ms, True, 3, 1000))
    raise ValueError(t)


def format_many(t, a):
    """Texts of a vector of temporal data of type t, as format_temporal gives each, with the
    calendar and clock parts computed array-wise (formatting item by item is the slow part)."""
    a = np.asarray(a)
    if t == 15 or not len(a):
        return [format_temporal(t, v) for v in a.tolist()]
    special = (a == NULL_INT[t]) | (a == INF_INT[t]) | (a == -INF_INT[t])
    v = np.where(special, 0, a).astype(np.int64)
    if t == 14:
        y, m, d = civil(v)
        texts = ["%04d.%02d.%02d" % c[:3] if FIRST_DAY <= c[3] <= LAST_DAY else OUT_OF_RANGE[14]
                 for c in zip(y.tolist(), m.tolist(), d.tolist(), v.tolist())]
    elif t == 13:
        texts = ["%04d.%02d" % (2000 + m // 12, m % 12 + 1) for m in v.tolist()]
    elif t == 12:
        days, ns = np.divmod(v, NS_PER_DAY)
        y, m, d = civil(days)
        texts = ["%04d.%02d.%02dD%s" % (c[0], c[1], c[2], c[3])
                 for c in zip(y.tolist(), m.tolist(), d.tolist(), _clock_texts(ns, 1_000_000_000, 9))]
    else:
        sign = np.where(v < 0, "-", "").tolist()
        magnitude = np.abs(v)
        if t == 16:
            days, ns = np.divmod(magnitude, NS_PER_DAY)
            texts = ["%s%dD%s" % c for c in zip(sign, days.tolist(), _clock_texts(ns, 1_000_000_000, 9))]
        elif t == 17:
            texts = ["%s%02d:%02d" % c for c in zip(sign, (magnitude // 60).tolist(), (magnitude % 60).tolist())]
        elif t == 18:
            texts = [s + c for s, c in zip(sign, _clock_texts(magnitude, 1, 0))]
        else:
            texts = [s + c for s, c in zip(sign, _clock_texts(magnitude, 1000, 3))]
    for i in np.flatnonzero(special).tolist():
        texts[i] = format_temporal(t, int(a[i]))
    return texts


def _clock_texts(total, unit, frac_digits):
    """hh:mm:ss[.fff] texts of non-negative counts of 1/unit seconds."""
    secs, frac = np.divmod(total, unit)
    parts = [(secs // 3600).tolist(), (secs // 60 % 60).tolist(), (secs % 60).tolist()]
    if not frac_digits:
        return ["%02d:%02d:%02d" % c for c in zip(*parts)]
    pattern = "%02d:%02d:%02d.%0" + str(frac_digits) + "d"
    return [pattern % c for c in zip(*parts, frac.tolist())]


def format_atom(t, v):
    """Console text of a temporal atom, with q's suffix where q shows one."""
    s = format_temporal(t, v)
    if s[-2:] in ("0N", "0W"):
        return s + SUFFIX[t]
    if t == 13:
        return s + "m"
    return s


# ----------------------------------------------------------------- parsing literals

_DATE = r"(\d{4})\.(\d{2})\.(\d{2})"
_TIME = r"(\d+):(\d{2})(?::(\d{2})(?:\.(\d*))?)?"
# a date alone may write its month and day with one digit, as Tok reads them: 1979.9.5
RE_DATE = re.compile(r"(\d{4})\.(\d{1,2})\.(\d{1,2})$")
RE_MONTH = re.compile(r"(\d{4})\.(\d{2})m$")
RE_STAMP = re.compile(_DATE + r"D(?:(\d+)(?::(\d{2})(?::(\d{2})(?:\.(\d*))?)?)?)?$")
RE_DATETIME = re.compile(_DATE + r"T(?:(\d+)(?::(\d{2})(?::(\d{2})(?:\.(\d*))?)?)?)?$")
RE_SPAN = re.compile(r"(-?)(\d+)D(?:(\d+)(?::(\d{2})(?::(\d{2})(?:\.(\d*))?)?)?)?$")
RE_TIME = re.compile(r"(-?)" + _TIME + r"([uvtn]?)$")


def _frac_ns(frac, digits=9):
    if not frac:
        return 0
    return int((frac + "0" * digits)[:digits])


def parse_temporal(text):
    """(q type, encoded value) for a temporal literal, or None if `text` is not one."""
    m = RE_DATE.match(text)
    if m:
        return 14, date_to_days(int(m[1]), int(m[2]), int(m[3]))
    m = RE_MONTH.match(text)
    if m:
        return 13, (int(m[1]) - 2000) * 12 + int(m[2]) - 1
    m = RE_STAMP.match(text)
    if m:
        days = date_to_days(int(m[1]), int(m[2]), int(m[3]))
        ns = (int(m[4] or 0) * 3600 + int(m[5] or 0) * 60 + int(m[6] or 0)) * 1_000_000_000
        return 12, days * NS_PER_DAY + ns + _frac_ns(m[7])
    m = RE_DATETIME.match(text)
    if m:
        days = date_to_days(int(m[1]), int(m[2]), int(m[3]))
        ms = (int(m[4] or 0) * 3600 + int(m[5] or 0) * 60 + int(m[6] or 0)) * 1000 + _frac_ns(m[7], 3)
        return 15, days + ms / 86_400_000
    m = RE_SPAN.match(text)
    if m:
        ns = (int(m[2]) * 86400 + int(m[3] or 0) * 3600 + int(m[4] or 0) * 60 + int(m[5] or 0)) \
            * 1_000_000_000 + _frac_ns(m[6])
        return 16, -ns if m[1] else ns
    m = RE_TIME.match(text)
    if m:
        sign = -1 if m[1] else 1
        h, mi, s, frac, suf = int(m[2]), int(m[3]), m[4], m[5], m[6]
        if suf == "n" or (frac is not None and len(frac) > 3):
            return 16, sign * ((h * 3600 + mi * 60 + int(s or 0)) * 1_000_000_000 + _frac_ns(frac))
        if suf == "t" or frac is not None:
            return 19, sign * ((h * 3600 + mi * 60 + int(s or 0)) * 1000 + _frac_ns(frac, 3))
        if suf == "v" or s is not None:
            return 18, sign * (h * 3600 + mi * 60 + int(s))
        return 17, sign * (h * 60 + mi)
    return None


# ----------------------------------------------------------------- Python conversion

def to_python(t, v):
    """Encoded temporal -> datetime/date/timedelta (None for nulls)."""
    if _special(t, v) is not None:
        return None
    if t == 14:
        return _dt.date.fromordinal(v + EPOCH_ORDINAL)
    if t == 13:
        return _dt.date(2000 + v // 12, v % 12 + 1, 1)
    if t == 12:
        return _dt.datetime(2000, 1, 1) + _dt.timedelta(microseconds=v // 1000)
    if t == 15:
        return _dt.datetime(2000, 1, 1) + _dt.timedelta(days=v)
    if t == 16:
        return _dt.timedelta(microseconds=v // 1000)
    if t == 17:
        return _dt.timedelta(minutes=v)
    if t == 18:
        return _dt.timedelta(seconds=v)
    if t == 19:
        return _dt.timedelta(milliseconds=v)
    raise ValueError(t)
