"""Vector fast paths must give what the item-by-item paths give.

Indexed assignment to a simple vector (`x[i]:y`, `@[x;i;:;y]`) and each-prior of an atomic
primitive (`ratios`, `-':`, `>':` ...) run as single numpy operations; each test checks q's
answer and, over many shapes, that turning the fast path off changes no console output.
"""
import pytest

from qblueprint.q import Session
from qblueprint.q.evaluation import evaluator
from qblueprint.q.prims import iterators


@pytest.fixture
def q():
    return Session()


@pytest.mark.parametrize("text, shown", [
    ("@[1 2 3;0 2;:;9]", "9 2 9"),
    ("v:1 2 3; v[1]:9; v", "1 9 3"),
    ("@[1 2 3;0 0;:;8 9]", "9 2 3"),          # repeated positions: the last one wins
    ("@[`a`b`c;1;:;`z]", "`a`z`c"),
    ("@[1 2 3;::;:;0]", "0 0 0"),
    ("@[1 2 3;3;:;9]", "'length"),     # q has no index error (basics/errors.md)
    ("@[1 2 3;0;:;9.5]", "'type"),
    ("@[1 2 3;0 1;:;7 8 9]", "'length"),
])
def test_indexed_assignment(q, text, shown):
    assert q.console(text).rstrip("\n") == shown


@pytest.mark.parametrize("text, shown", [
    ("ratios 1 2 4 8", "1 2 2 2f"),
    ("-':[10;1 2 4]", "-9 1 2"),
    ("(-':) 5 3 10", "5 -2 7"),
    ("(+':) 1 2 3i", "1 3 5i"),
])
def test_each_prior(q, text, shown):
    assert q.console(text).rstrip("\n") == shown


VECTORS = ["1 2 4 8", "1 2 0N 8", "1.5 0n 2 0w", "101b", "2024.01.01 2024.01.05", "`a`b`b", "1 2h",
           "\"abca\"", "12:00 13:30", "0D01 0D03", "1 1 2f"]


def consoles(texts):
    s = Session()
    return [s.console(t) for t in texts]


def test_each_prior_vector_path_matches_item_by_item(monkeypatch):
    ops = ["+", "-", "*", "%", "&", "|", "=", "<>", "<", ">", "<=", ">="]
    texts = [f"({o}':) {v}" for v in VECTORS for o in ops] + \
        [f"{o}':[5;{v}]" for v in VECTORS for o in ops] + [f"ratios {v}" for v in VECTORS]
    fast = consoles(texts)
    monkeypatch.setattr(iterators, "_ATOMIC_PRIOR", frozenset())
    assert consoles(texts) == fast


def test_assignment_vector_path_matches_item_by_item(monkeypatch):
    texts = [f"@[{x};{i};:;{y}]" for x in VECTORS[:8]
             for i in ["0", "2", "-1", "0 2", "2 0", "0 0", "()", "1b", "0 9", "::", "`a", "(0;1)"]
             for y in ["9", "9.5", "`z", "\"z\"", "2024.02.02", "0b", "9 8", "0N", "()"]]
    fast = consoles(texts)
    monkeypatch.setattr(evaluator, "_assign_simple", lambda x, i, y: None)
    assert consoles(texts) == fast


@pytest.mark.parametrize("text, shown", [
    ("-0w<1f", "1b"), ("-0w<0w", "1b"), ("0w>1 2f", "11b"), ("0w=0w 1f", "10b"),
    ("0n<1 2f", "11b"), ("1<0n", "0b"), ("0n=0n", "1b"), ("0n<0n", "0b"),
    ("1.5 0n 2<0n 1 3", "011b"),
    ("(1+1e-15)=1 2f", "10b"), ("1<1+1e-15", "0b"), ("1<1+1e-13", "0b"), ("1<1+2e-13", "1b"),
    ("-1.5 -1 0 0n 1 1.5 0w -0w<=1f", "11111001b"),
    ("-1.5 -1 0 0n 1 1.5 0w -0w>=-1f", "01101110b"),
])
def test_float_comparisons_are_tolerant_with_nulls_lowest(q, text, shown):
    assert q.console(text).rstrip("\n") == shown


def test_float_comparison_with_an_atom_matches_item_by_item(q):
    q.eval("v:-2.5 -1 -1e-300 0 1e-300 1 1.000000000000001 1.0000000000001 2.5 0n 0w -0w")
    for op in ("<", ">", "=", "<=", ">=", "<>"):
        for atom in ("1f", "-1f", "0f", "0n", "0w", "-0w", "1e-300"):
            whole = q.console(f"v{op}{atom}")
            each = q.console(f"{{x{op}{atom}}} each v")
            assert whole == each, (op, atom)


@pytest.mark.parametrize("text, shown", [
    # a y longer than one item is searched by Find, which is type-specific (ref/in.md): 2 3h is 'type
    ("1 2 3 in 2", "010b"), ("1 2 0N in 0N 5", "001b"), ("1 2 3 in 2 3h", "011b"), ("1 2 3 in 2 3f", "'type"),
    ("\"abc\" in \"cx\"", "001b"), ("1 2 3 in `long$()", "000b"), ("1.5 0n 2 in 0n 2", "011b"),
    ("`a`b in `b", "01b"), ("1 2 3 4 except 2 4", "1 3"), ("1 2 3 2 inter 2 5", "2 2"),
])
def test_membership(q, text, shown):
    assert q.console(text).rstrip("\n") == shown
