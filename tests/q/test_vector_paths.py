"""Vector fast paths must give what the item-by-item paths give.

Indexed assignment to a simple vector (`x[i]:y`, `@[x;i;:;y]`) and each-prior of an atomic
primitive (`ratios`, `-':`, `>':` ...) run as single numpy operations; each test checks q's
answer and, over many shapes, that turning the fast path off changes no console output.
"""
import pytest

from qblueprint.q import Session
from qblueprint.q import evaluator, iterators


@pytest.fixture
def q():
    return Session()


@pytest.mark.parametrize("text, shown", [
    ("@[1 2 3;0 2;:;9]", "9 2 9"),
    ("v:1 2 3; v[1]:9; v", "1 9 3"),
    ("@[1 2 3;0 0;:;8 9]", "9 2 3"),          # repeated positions: the last one wins
    ("@[`a`b`c;1;:;`z]", "`a`z`c"),
    ("@[1 2 3;::;:;0]", "0 0 0"),
    ("@[1 2 3;3;:;9]", "'index"),
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
