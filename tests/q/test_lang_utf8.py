"""Issue 13, item 2: char vectors are bytes; text beyond ASCII is its UTF-8 bytes, and Python
text round-trips through Python <-> q conversion (the embedded engine and qblueprint.execute)."""
import pytest
from hypothesis import given, settings, strategies as st

from qblueprint.execute.compare import to_python
from qblueprint.execute.literals import q_literal
from qblueprint.q import Session

TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=16)


@pytest.mark.parametrize("src, shown", [
    ('count "é"', "2"), ('"é"', '"\\303\\251"'), ('"é" 1', '"\\251"'), ('"a€"', '"a\\342\\202\\254"'),
    ('count "日本"', "6"), ('"\\303\\251"~"é"', "1b"), ('reverse "é"', '"\\251\\303"'),
    ('-1 "naïve";', "naïve"), ('-1 "x","é";', "xé"), ('upper "éa"', '"\\303\\251A"'),
    ('lower "ÉA"', '"\\303\\211a"'), ('string `$"ü"', '"\\303\\274"'), ('`$"ü"', "`ü"),
    ("'\"ünï\"", "'ünï"), ('f:{x,"ü"};f', '{x,"ü"}'), ('"é" ss "\\251"', ",1"),
])
def test_bytes(q, src, shown):
    assert q(src) == shown


@settings(max_examples=150, deadline=None)
@given(TEXT)
def test_text_round_trips_through_literals_and_back(s):
    session = Session()
    v = session.eval(q_literal(s))
    assert to_python(v) == s
    assert session.eval("count " + q_literal(s)).py() == len(s.encode("utf-8"))


@settings(max_examples=100, deadline=None)
@given(TEXT, TEXT)
def test_symbols_and_strings_agree(a, b):
    session = Session()
    session["s"] = a             # a Python str becomes a symbol
    assert session["s"].py() == a
    assert to_python(session.eval("string s")) == a or a == ""
    joined = session.eval("(string s),%s" % q_literal(b))
    assert to_python(joined) == a + b or (len(a + b) == 1)
    out = session.console('-1 (string s),%s;' % q_literal(b))
    assert out == a + b + "\n"
