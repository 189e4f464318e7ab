"""List keywords: in (rank-sensitive), bin over lists/dictionaries/tables, cross, inter, xrank."""
import pytest


@pytest.mark.parametrize("src, out", [
    ("\"x\" in \"acdexyz\"", "1b"), ("1 3 7 in 5 4 1 6", "100b"),
    # a general list y: x matches y's items when it nests as deeply as y's first item
    ("1 2 in (1 2;9)", "1b"), ("1 2 in (9;(1 2;3 4))", "00b"), ("1 2 in ((1 2;3 4);9)", "0b"),
    ("3 in (1 2;3)", "0b"), ("3 in (3;1 2)", "1b"), ("(1 2;3 4) in ((1 2;3 4);9)", "1b"),
    ("\"wx\" in (\"acdexyz\";\"abcd\";\"wx\")", "1b"), ("(`a`b!1 2) in 2 3", "a| 0\nb| 1"),
])
def test_in(q, src, out):
    assert q(src) == out


@pytest.mark.parametrize("src, out", [
    ("0 2 4 6 8 10 bin -10 0 4 5 6 20", "-1 0 2 2 3 5"), ("0 1 1 2 binr 0 1 2", "0 1 3"),
    ("(`a`b`c!0 2 4) bin -1 3", "``b"),
    ("(\"apple\";\"banana\";\"coffee\") bin (\"anise\";\"berry\";\"curry\")", "-1 1 2"),
    ("(\"apple\";\"banana\") bin enlist \"b\"", "0"), ("(\"apple\";\"banana\") bin \"b\"", "'type"),
    ("t:([]a:`p`p`p`q`q`q;b:0 2 4 0 2 4); t bin `a`b!(`p;3)", "1"),
    ("t:([]a:`p`p`p`q`q`q;b:0 2 4 0 2 4); t bin ([]a:`q;b:-1 1 3 5)", "0N 3 4 5"),
    ("t:([]a:`p`p;b:0 2); t bin `a`b!(`r;2)", "0N"),
])
def test_bin(q, src, out):
    assert q(src) == out


@pytest.mark.parametrize("src, out", [
    ("1 2 cross 10 20", "1 10\n1 20\n2 10\n2 20"), ("count (cross/)(2 3;10;\"abc\")", "6"),
    ("first (cross/)(2 3;10;\"abc\")", "2\n10\n\"a\""),
    ("(1 2;3 4) cross (5 6;7 8)", "1 2 5 6\n1 2 7 8\n3 4 5 6\n3 4 7 8"),
    ("([]s:`a`b)cross([]v:1 2)", "s v\n---\na 1\na 2\nb 1\nb 2"),
    ("\"ab\" cross \"xy\"", "\"ax\"\n\"ay\"\n\"bx\"\n\"by\""), ("1 cross 2", ",1 2"),
    ("last til[1000] cross til 1000", "999 999"), ("1 2 cross `a`b", "1 `a\n1 `b\n2 `a\n2 `b"),
    ("1 3 4 2 inter 2 3 5 7 11", "3 2"), ("1 2 3 1 4 inter 4 1 4", "1 1 4"),
    ("(`a`b!(1 2;3 4)) inter `c`d!(3 4;5 6)", ",3 4"),
    ("4 xrank til 9", "0 0 0 1 1 2 2 3 3"), ("3 xrank 1 37 5 4 0 3", "0 2 2 1 0 1"),
    ("3 xrank 5", "'rank"),
])
def test_cross_inter_xrank(q, src, out):
    assert q(src) == out


@pytest.mark.parametrize("src, out", [
    # mixed lists order by type number first: boolean, long, char, date ...
    ("type each asc (1;1b;\"b\";2009.01.01;\"a\";0)", "-1 -7 -7 -10 -10 -14h"),
    ("iasc (3;`a;1)", "2 0 1"), ("asc 3 1 0N 2", "`s#0N 1 2 3"), ("desc 1.5 0n 2", "2 1.5 0n"),
    ("idesc 3 1 2 3", "0 3 2 1"), ("rank `c`a`b", "2 0 1"), ("iasc `a`b`c!2 3 1", "`c`a`b"),
    ("asc `a`b`c!2 1 3", "b| 1\na| 2\nc| 3"), ("asc ([]a:4 3 4;b:`s`a`d)", "a b\n---\n3 a\n4 d\n4 s"),
])
def test_ordering(q, src, out):
    assert q(src) == out


@pytest.mark.parametrize("src, out", [
    ("raze (1;2 3)", "1 2 3"), ("raze 5", ",5"), ("raze (10;`a`b!1 2)", "'type"),
    ("raze `a`b!(1 2;3)", "1 2 3"), ("1 2 3 4 except 2 3", "1 4"), ("\"hello\" except \"l\"", "\"heo\""),
    ("distinct `a`b`a!1 2 1", "1 2"), ("where `a`b`c!101b", "`a`c"), ("til -1", "'domain"),
    ("1 rotate ([]a:1 2 3)", "a\n-\n2\n3\n1"), ("-2 sublist 1 2 3", "2 3"), ("1 2 sublist til 10", "1 2"),
    ("within[1 5 10;2 8]", "010b"), ("2000.01.05 within 2000.01.01 2000.01.10", "1b"),
])
def test_list_keywords(q, src, out):
    assert q(src) == out


@pytest.mark.parametrize("src", [
    "sublist[`a;1 2]", "sublist[1 2 3;til 5]", "rotate[`a;1 2 3]", "rotate[0n;1 2]", "cut[2.5;til 5]",
    "cut[`a`b;til 5]", "xprev[`a;1 2]", "cov[1;1]", "cor[1 2;`a`b]", "wavg[1 2 3;1 2]",
])
def test_bad_arguments_are_q_errors(q, src):
    assert q(src)[:1] == "'" and q(src) in ("'type", "'length")
