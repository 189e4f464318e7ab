"""Joins: each of lj ljf ij ijf ej uj ujf pj aj aj0 ajf asof wj wj1, keyed and unkeyed, with q's
rules for matches, misses, nulls and column order."""
import pytest


@pytest.fixture
def qt(q):
    q("x:([]a:1 2 3;b:`I`J`K;c:10 20 30)")
    q("y:([a:1 3;b:`I`K]c:1 2;d:10 20)")
    return q


def test_lj_takes_matching_values_and_keeps_misses(qt):
    assert qt("x lj y") == "a b c  d\n---------\n1 I 1  10\n2 J 20\n3 K 2  20"


def test_lj_overwrites_with_nulls_from_a_match(q):
    q("x:([]a:1 2;b:`x`y;c:10 20)")
    q("y:([a:1 2]b:``z;c:1 0N)")
    assert q("x lj y") == "a b c\n-----\n1   1\n2 z"
    assert q("x ljf y") == "a b c\n------\n1 x 1\n2 z 20"


def test_lj_keyed_left_stays_keyed(q):
    q("x:([]a:1 2 3;b:10 20 30)")
    q("y:([]a:1 3;b:100 300)")
    assert q("(1!x) lj 1!y") == "a| b\n-| ---\n1| 100\n2| 20\n3| 300"
    assert q("(x lj 1!y)~([]a:1 2 3;b:100 20 300)") == "1b"


def test_lj_needs_a_keyed_right_table(q):
    assert q("([]a:1 2) lj ([]a:1 2;b:3 4)") == "'type"


def test_lj_missing_key_column_is_an_error(q):
    assert q("([]z:1 2) lj ([a:1 2]b:3 4)") == "'a"


def test_ij_keeps_only_matches(q):
    out = q("([]k:1 2 3 4;v:10 20 30 40) ij ([k:2 3 4 5]v:200 300 400 500;s:`a`b`c`d)")
    assert out == "k v   s\n-------\n2 200 a\n3 300 b\n4 400 c"


def test_ij_of_keyed_tables_is_keyed(q):
    assert q("([k:1 2]v:`a`b) ij ([k:2 3]w:5 6)") == "k| v w\n-| ---\n2| b 5"


def test_ijf_keeps_left_values_under_nulls(q):
    assert q("([]k:1 2;v:10 20) ijf ([k:1 2]v:0N 5)") == "k v\n----\n1 10\n2 5"


def test_pj_adds_values_treating_misses_as_zero(q):
    q("x:([]a:1 2 3;b:`x`y`z;c:10 20 30)")
    q("y:([a:1 3;b:`x`z]c:1 2;d:10 20)")
    assert q("x pj y") == "a b c  d\n---------\n1 x 11 10\n2 y 20 0\n3 z 32 20"


def test_ej_pairs_every_match_in_order(q):
    q("t1:([] k:1 2 3 4; c:10 20 30 40)")
    q("t2:([] k:2 2 3 4 5; c:200 222 300 400 500; v:2.2 22.22 3.3 4.4 5.5)")
    assert q("ej[`k;t1;t2]") == "k c   v\n-----------\n2 200 2.2\n2 222 22.22\n3 300 3.3\n4 400 4.4"


def test_ej_on_two_columns(q):
    q("a:([]x:1 1 2;y:`p`q`p;v:1 2 3)")
    q("b:([]x:1 2 2;y:`q`p`p;w:7 8 9)")
    assert q("ej[`x`y;a;b]") == "x y v w\n-------\n1 q 2 7\n2 p 3 8\n2 p 3 9"


def test_uj_of_tables_unions_columns_and_appends_rows(q):
    q("s:([]a:1 2;b:2 3;c:5 7)")
    q("t:([]a:1 2 3;b:2 3 7;c:10 20 30;d:\"ABC\")")
    assert q("s,t") == "'mismatch"
    assert q("s uj t") == "a b c  d\n--------\n1 2 5\n2 3 7\n1 2 10 A\n2 3 20 B\n3 7 30 C"


def test_uj_of_keyed_tables_upserts(q):
    q("s:([]a:1 2;b:2 3;c:5 7)")
    q("t:([]a:1 2 3;b:2 3 7;c:10 20 30;d:\"ABC\")")
    assert q("(2!s) uj 2!t") == "a b| c  d\n---| ----\n1 2| 10 A\n2 3| 20 B\n3 7| 30 C"


def test_uj_keyed_with_new_columns_and_new_keys(q):
    assert q("([k:`a`b]v:1 2) uj ([k:`b`c]w:10 20)") == "k| v w\n-| ----\na| 1\nb| 2 10\nc|   20"


def test_uj_keyed_with_unkeyed_is_a_type_error(q):
    assert q("([k:1 2]v:3 4) uj ([]k:1;v:2)") == "'type"


def test_ujf_fills_nulls_from_the_left(q):
    assert q("([k:1 2]v:10 20) ujf ([k:1 2]v:0N 5)") == "k| v\n-| --\n1| 10\n2| 5"


@pytest.fixture
def trades(q):
    q("t:([]time:10:01:01 10:01:03 10:01:04;sym:`msft`ibm`ge;qty:100 200 150)")
    q("q:([]time:10:01:00 10:01:00 10:01:00 10:01:02;sym:`ibm`msft`msft`ibm;px:100 99 101 98)")
    return q


def test_aj_takes_the_prevailing_quote(trades):
    expected = "time     sym  qty px\n---------------------\n" \
               "10:01:01 msft 100 101\n10:01:03 ibm  200 98\n10:01:04 ge   150"
    assert trades("aj[`sym`time;t;q]") == expected


def test_aj0_takes_the_quote_time(trades):
    assert trades("exec time from aj0[`sym`time;t;q]") == "10:01:00 10:01:02 10:01:04"


def test_aj_quote_at_the_same_time_counts(q):
    assert q("exec v from aj[`t;([]t:1 2 3);([]t:2 3;v:10 20)]") == "0N 10 20"


def test_ajf_fills_nulls_from_the_trade(q):
    q("t0:([]time:2#00:00:01;sym:`a`b;p:1 1;n:`r`s)")
    q("t1:([]time:2#00:00:01;sym:`a`b;p:0 1)")
    q("t2:([]time:2#00:00:00;sym:`a`b;p:1 0N;n:`r`s)")
    assert q("t0~ajf[`sym`time;t1;t2]") == "1b"
    assert q("exec p from aj[`sym`time;t1;t2]") == "1 0N"


def test_asof_with_a_dictionary_and_a_table(q):
    q("t:([]time:09:00 09:10 09:00 09:10;sym:`A`A`G`G;px:1 2 3 4)")
    assert q("t asof `sym`time!(`A;09:15)") == "px| 2"
    assert q("t asof ([]sym:`G`M;time:09:05)") == "px\n--\n3"


@pytest.fixture
def windows(q):
    q("t:([]sym:3#`ibm;time:10:01:01 10:01:04 10:01:08;price:100 101 105)")
    q("q:([]sym:`ibm;time:10:01:01+til 9;ask:101 103 103 104 104 107 108 107 108;"
      "bid:98 99 102 103 103 104 106 106 107)")
    q("w:-2 1+\\:t.time")
    return q


def test_wj_aggregates_each_window(windows):
    expected = "sym time     price ask bid\n--------------------------\n" \
               "ibm 10:01:01 100   103 98\nibm 10:01:04 101   104 99\nibm 10:01:08 105   108 104"
    assert windows("wj[w;`sym`time;t;(q;(max;`ask);(min;`bid))]") == expected


def test_wj_includes_the_prevailing_quote_but_wj1_does_not(q):
    q("t:([]s:`a`a;tm:5 9;v:1 2)")
    q("qq:([]s:`a`a`a;tm:1 6 8;x:10 20 30)")
    q("w:(4 7;6 9)")
    assert q("exec x from wj[w;`s`tm;t;(qq;(::;`x))]") == "10 20\n20 30"
    assert q("exec x from wj1[w;`s`tm;t;(qq;(::;`x))]") == ",20\n,30"
