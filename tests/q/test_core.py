"""End-to-end checks of the q console text for the language core."""
import pytest

from qblueprint.q import Session, QError


@pytest.fixture
def q():
    return Session()


@pytest.mark.parametrize("src, expected", [
    ("til 5", "0 1 2 3 4"),
    ("1+2", "3"),
    ("1 2 3+4", "5 6 7"),
    ("2*3+4", "14"),
    ("{x+y}[1;2]", "3"),
    ("sum til 10", "45"),
    ('"abc"', '"abc"'),
    ("`a`b", "`a`b"),
    ("1.5", "1.5"),
    ("2f", "2f"),
    ("til 0", "`long$()"),
    ("enlist 1", ",1"),
    ("`a`b!1 2", "a| 1\nb| 2"),
    ("([]a:1 2;b:`x`y)", "a b\n---\n1 x\n2 y"),
    ("(1;`a;\"abc\")", '1\n`a\n"abc"'),
    ("2 3#til 6", "0 1 2\n3 4 5"),
    ("{x+1}/[3;0]", "3"),
    ("+/[1 2 3]", "6"),
])
def test_console_values(q, src, expected):
    assert q.console(src).rstrip("\n") == expected


def test_assignment_prints_nothing(q):
    assert q.console("x:5") == ""
    assert q.console("x*2").strip() == "10"
    assert q.console("x+:1;") == ""
    assert q.console("x").strip() == "6"


def test_minus_spacing(q):
    q.console("x:5")
    assert q.console("x-1").strip() == "4"
    assert q.console("1 -1").strip() == "1 -1"


def test_errors_are_text_not_exceptions(q):
    assert q.console("1+`a").startswith("'type")
    assert q.console("undefined_name").startswith("'undefined_name")
    with pytest.raises(QError) as e:
        q.eval("1+`a")
    assert str(e.value) == "'type"


def test_eval_returns_values(q):
    v = q.eval("1 2 3")
    assert v.py() == [1, 2, 3]
    assert q.eval("`a`b!1 2").py() == {"a": 1, "b": 2}
