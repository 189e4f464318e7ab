"""The integer nulls and infinities of q's integer-stored types (short, int, long and the temporal
types): the smallest value is null, the largest the infinity. Below both values.py and temporal.py."""

_BITS = {5: 16, 6: 32, 7: 64, 12: 64, 13: 32, 14: 32, 16: 64, 17: 32, 18: 32, 19: 32}
NULL_INT = {t: -(1 << (b - 1)) for t, b in _BITS.items()}
INF_INT = {t: (1 << (b - 1)) - 1 for t, b in _BITS.items()}
