"""Aggregates and moving-window keywords on vectors, general lists, dictionaries and tables."""
import pytest


@pytest.mark.parametrize("src, out", [
    # avg of a general list of atoms: nulls add nothing but still count
    ("avg (1;0n;2;3)", "1.5"), ("avg 1 0n 2 3", "2f"), ("avg (1 2;0N 4)", "0n 3"),
    ("2 3 4 wsum 1 2 4f", "24f"), ("2 wsum 1 2 4", "14"), ("(1 2;3 4) wsum (500 400;300 200)", "1400 1600"),
    ("med 10 34 23 123 5 56", "28.5"),
    # med of a list or table is the middle item in q's order (whole rows of a table)
    ("med `a`b!(10 -21 3;4 5 -6)", "7 -8 -1.5"), ("var `a`b!(10 21 3;4 5 6)", "9 64 2.25"),
    ("dev `a`b!(10 21 3;4 5 6)", "3 8 1.5"), ("svar (1 2;3 4)", "2 2f"), ("var ([]a:1 2 3)", "a| 0.6666667"), ("med ([]a:10 -21 3;b:4 5 -6)", "a| 3\nb| -6"),
])
def test_aggregates(q, src, out):
    assert q(src) == out


@pytest.mark.parametrize("src, out", [
    # nulls are skipped; all-null or empty max/min give the identities -0W / 0W
    ("max 0N 5 0N 1 3", "5"), ("max 0N 0N", "-0W"), ("min 0N 0N", "0W"), ("max 0#0.", "-0w"),
    ("min 0#2000.01.01", "0Wd"), ("sum 0#0h", "0i"), ("sum 0#0", "0"), ("prd 2 3 0N 7", "42"),
    ("prd 101b", "0i"), ("sum 1 2 3h", "6i"), ("sum (1 2;0N 4)", "0N 6"), ("max (1 2;0N 4)", "1 4"),
    ("sum \"abc\"", "'type"),
    # running aggregates keep ints and longs; booleans, bytes and shorts give ints
    ("sums 1 2 3i", "1 3 6i"), ("sums 101b", "1 1 2i"), ("prds 1 2 3h", "1 2 6i"),
    ("sums 2 3 0N 7", "2 5 5 12"), ("prds 2 3 0N 7", "2 6 6 42"), ("maxs 0N 5 0N 1 3", "-0W 5 5 5 5"),
    ("mins 0N 5 0N 1 3", "0W 5 5 1 1"), ("sums `a`b!(1 2;3 4)", "a| 1 2\nb| 4 6"),
])
def test_aggregate_nulls_and_types(q, src, out):
    assert q(src) == out


@pytest.mark.parametrize("src, out", [
    ("3 mcount 0N 1 2 3 0N 5", "0 1 2 3 2 2"), ("3 msum 0N 2 3 5 0N 11", "0 2 5 10 8 16"),
    ("3 msum 1.5 0n 1", "1.5 1.5 2.5"), ("2 mavg 1 2 3 5 7 10", "1 1.5 2.5 4 6 8.5"),
    ("5 mavg 0N 2 0N 5 7 0N", "0n 2 2 3.5 4.666667 4.666667"), ("0 mavg 2 3", "0n 0n"),
    ("2 mdev 1 2 3 5 7 10", "0 0.5 0.5 1 1 1.5"), ("5 mdev 0N 2 0N 5 7 0N", "0n 0 0 1.5 2.054805 2.054805"),
    ("3 mmax 2 7 1 3 5 2 8", "2 7 7 7 5 5 8"),
    # a leading null meets max's identity -0W; null is the smallest value to mmin
    ("3 mmax 0N -3 -2 0N 1 0", "-0W -3 -2 -2 1 1"), ("3 mmin 0N -3 -2 1 0N -0W", "0N 0N 0N -3 0N 0N"),
    ("2 mmax 0n 0n 1", "-0w 0n 1"), ("2 mmin 3 0n 2f", "3 0n 0n"),
    ("4 mmax 5 1 2 3 0 9 1", "5 5 5 5 3 9 9"), ("4 mmin 0x0503020104", "0x0503020101"),
    ("max 1000 mmax til 100000", "99999"), ("sum 10 mmin til 100", "4095"),
    # windows run down a dictionary's values item-wise, down each table column
    ("2 mmax`a`b!(10 21 3;4 5 6)", "a| 10 21 3\nb| 10 21 6"), ("2 mcount`a`b!(1 2;3 4)", "a| 1 1\nb| 2 2"),
    ("2 msum ([]a:10 21 3;b:4 5 6)", "a  b\n-----\n10 4\n31 9\n24 11"),
    ("2 mmin ([k:`x`y`z]a:10 21 3)", "k| a\n-| --\nx| 10\ny| 10\nz| 3"),
    ("-1 msum 1 2", "'domain"), ("2 msum `a`b", "'type"),
    ("0.5 ema 1 2 3", "1 1.5 2.25"), ("0.1 0.5 0.9 ema 1 2 3", "1 1.5 2.85"), ("0.5 ema 1 0n 3", "1 0n 0n"),
    ("0.5 ema `a`b!(10 21 3;4 5 6)", "a| 10 21 3\nb| 7  13 4.5"), ("0.5 ema ([]a:1 3)", "a\n-\n1\n2"),
    ("0.5 0.5 ema 1 2 3", "'length"),
])
def test_moving(q, src, out):
    assert q(src) == out
