"""`.j.j` (q value -> JSON text) and `.j.k` (JSON text -> q value), following KX's j.k reference."""
import json

import pytest


@pytest.mark.parametrize("src, text", [
    ("-0w 0 1 2 3 0w", "[-inf,0,1,2,3,inf]"),
    ("`a`b!(0 1;(\"hello\";\"world\"))", '{"a":[0,1],"b":["hello","world"]}'),
    ("([]a:1 2;b:`Greetings`Earthlings)", '[{"a":1,"b":"Greetings"},{"a":2,"b":"Earthlings"}]'),
    ("([k:1 2]v:`a`b)", '[{"k":1,"v":"a"},{"k":2,"v":"b"}]'),
    ("(1b;0b;0N;0n;1.5;\"a\";`x)", '[true,false,null,null,1.5,"a","x"]'),
    ("(2000.01.01;2000.01.01D12:00;2000.01m;12:00:00.000;0D01:00:00.000000000)",
     '["2000-01-01","2000-01-01T12:00:00.000000000","2000-01","12:00:00.000","0D01:00:00.000000000"]'),
    ("0.1+0.2", "0.30000000000000004"),
    ("()", "[]"),
    ("()!()", "{}"),
    ("1 2 3i", "[1,2,3]"),
])
def test_j_j_writes_json(q, src, text):
    out = q.session.eval(".j.j " + src)
    assert out.t == 10 and out.a.tobytes().decode() == text


def test_j_j_escapes_strings(q):
    q.session.eval('s:"say \\"hi\\"\\tand\\\\go\\n"')
    text = q.session.eval(".j.j s").a.tobytes().decode()
    assert json.loads(text) == 'say "hi"\tand\\go\n'


def test_j_j_rejects_functions(q):
    assert q(".j.j {x}") == "'type"


@pytest.mark.parametrize("text, expected", [
    ("1", "1f"),
    ("[1,2.5]", "1 2.5"),
    ("[true,false]", "10b"),
    ("null", "0n"),
    ('"hi"', '"hi"'),
    ('["a","bc"]', ',"a"\n"bc"'),  # a JSON string is always a q string, one character or not
    ("[]", "()"),
    ('{"code":3,"message":"no"}', 'code   | 3f\nmessage| "no"'),
    ('[{"a":1,"b":"xy"},{"a":2,"b":"zw"}]', 'a b\n------\n1 "xy"\n2 "zw"'),
])
def test_j_k_reads_json(q, text, expected):
    q.session.eval("t:" + json.dumps(text))
    assert q(".j.k t") == expected


def test_j_k_numbers_are_floats_and_round_trip(q):
    assert q("type .j.k \"42\"") == "-9h"
    assert q("d:`a`b!(1 2f;(\"xw\";\"yz\")); d~.j.k .j.j d") == "1b"
    assert q("t:([]a:1 2f;b:(\"pq\";\"rs\")); t~.j.k .j.j t") == "1b"


def test_j_k_signals_on_bad_input(q):
    assert q('.j.k "{\\"a\\":"').startswith("'")
    assert q(".j.k 42") == "'type"


def test_j_jd_writes_infinities_as_null_on_request(q):
    assert q(".j.jd(-0w 0 1 2 3 0w;()!())") == '"[-inf,0,1,2,3,inf]"'
    assert q(".j.jd(-0w 0 1 2 3 0w;([null0w:1b]))") == '"[null,0,1,2,3,null]"'
    assert q(".j.jd(1 2;42)") == "'type"
