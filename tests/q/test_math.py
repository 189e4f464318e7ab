"""Math keywords: float functions, xexp/xlog, floor/ceiling, div/mod types, matrices."""
import pytest


@pytest.mark.parametrize("src, out", [
    ("exp -4.2 0 0.1 0n 0w", "0.01499558 1 1.105171 0n 0w"), ("exp 00:00:12", "162754.8"),
    ("log -2 0n 0 0.1 1 42", "0n 0n -0w -2.302585 0 3.73767"), ("sqrt -1 0n 0 25", "0n 0n 0 5"),
    ("sqrt 0Wh", "181.0166"), ("sqrt 101b", "1 0 1f"), ("tan 0 0w", "0 0n"),
    ("sqrt `a`b!(4;9 16)", "a| 2f\nb| 3 4f"), ("type sqrt 4e", "-9h"), ("sqrt `a", "'type"),
    ("2 xexp 8", "256f"), ("-2 2 xexp .5", "0n 1.414214"), ("0 xexp 0", "1f"),
    ("2 xlog 0.125", "-3f"), ("1.5 xlog 0 1 0n", "-0w 0 0n"), ("\"A\" xlog \"C\"", "1.00726"),
    ("3 xexp `a`b!(1;2 3)", "a| 3f\nb| 9 27f"),
])
def test_float_functions(q, src, out):
    assert q(src) == out


@pytest.mark.parametrize("src, out", [
    # since V3.0 floor and ceiling are exact: a float within comparison tolerance of a whole
    # number still rounds past it (basics/precision.md)
    ("floor 2 - 10 xexp -12 -13", "1 1"), ("ceiling 2 + 10 xexp -12 -13", "3 3"),
    ("floor 1 - 10 xexp -13", "0"), ("1f=1 - 10 xexp -13", "1b"),
    ("floor -2.1 0 2.1", "-3 0 2"), ("ceiling -2.1 0n", "-2 0N"), ("floor 3i", "3i"),
    ("floor 2009.10.03T13:08:00.222", "'type"), ("floor \"AB\"", "\"ab\""),
    ("floor([]a:1.2 3.4)", "a\n-\n1\n3"),
])
def test_floor_ceiling(q, src, out):
    assert q(src) == out


@pytest.mark.parametrize("src, out", [
    ("7 div 2 3 4", "3 2 1"), ("-7 div 2", "-4"), ("7f div 2", "3f"), ("6i div 4", "1i"),
    ("7h div 3", "2i"), ("0x80 div 16", "8i"), ("\"\\023\" div 8", "2i"), ("-7 div -2.5", "2"),
    ("2014.10.13 div 365", "2000.01.15"), ("0N div 2", "0N"), ("(10;20 30)div(3 4;-5)", "3  2\n-4 -6"),
    ("-3 -2 -1 0 1 mod 3", "0 1 2 0 1"), ("-7 mod -2.5 2.5", "-2 0.5"), ("`a mod 2", "'type"),
])
def test_div_mod(q, src, out):
    assert q(src) == out


# The domain-and-range tables of ref/div.md and ref/mod.md: for x's type (row) and y's type
# (column, in the order below) the result type's letter, "." where q signals 'type.
_COLUMNS = "bxhijefcspmdznuvt"
_DIV_TABLE = {
    "b": "iiiiiiii.iiiiiiii", "x": "iiiiiiii.iiiiiiii", "h": "iiiiiiii.iiiiiiii",
    "i": "iiiiiiii.iiiiiiii", "j": "jjjjjjjj.jjjjjjjj", "e": "ffffffff.ffffffff",
    "f": "ffffffff.ffffffff", "c": "iiiiiiii.iiiiiiii", "p": "pppppppp.pppppppp",
    "m": "mmmmmmmm.mmmmmmmm", "d": "dddddddd.dddddddd", "z": "zzzzzzzz.zzzzzzzz",
    "n": "nnnnnnnn.nnnnnnnn", "u": "uuuuuuuu.uuuuuuuu", "v": "vvvvvvvv.vvvvvvvv",
    "t": "tttttttt.tttttttt"}
_MOD_TABLE = {
    "b": "iiiijef..pmdznuvt", "x": "iiiijef..pmdznuvt", "h": "iiiijef..pmdznuvt",
    "i": "iiiijef..pmdznuvt", "j": "jjjjjef..pmdznuvt", "e": "ffffffff.ffzzffff",
    "f": "ffffffff.ffzzffff", "c": "......f..pmdznuvt", "p": "nnnnnnfn.",
    "m": "iiiiiifi.", "d": "iiiiii.i.", "z": "ffffffff.",
    "n": "nnnnnnfn.", "u": "uuuuuufu.", "v": "vvvvvvfv.", "t": "ttttttft."}
_SAMPLE = {"b": "1b", "x": "0x07", "h": "7h", "i": "7i", "j": "7", "e": "7.5e", "f": "7.5",
           "c": "\"a\"", "s": "`a", "p": "2000.01.02D03:04:05", "m": "2000.05m", "d": "2000.01.08",
           "z": "2000.01.02T03:04:05", "n": "0D03:04:05", "u": "03:04", "v": "03:04:05",
           "t": "03:04:05.006"}
_LETTER = {1: "b", 4: "x", 5: "h", 6: "i", 7: "j", 8: "e", 9: "f", 10: "c", 12: "p", 13: "m",
           14: "d", 15: "z", 16: "n", 17: "u", 18: "v", 19: "t"}


def _table_cases(name, table):
    for x, row in table.items():
        for y, want in zip(_COLUMNS, row.ljust(len(_COLUMNS), ".")):
            yield name, x, y, want


@pytest.mark.parametrize("verb, x, y, want",
                         list(_table_cases("div", _DIV_TABLE)) + list(_table_cases("mod", _MOD_TABLE)))
def test_div_mod_result_types(q, verb, x, y, want):
    """Atoms and vectors give the type the reference's range table names, or 'type where it has none."""
    src = f"{_SAMPLE[x]} {verb} {_SAMPLE[y]}"
    if want == ".":
        assert q(src) == "'type", src
        return
    atom_type = int(q(f"type {src}").rstrip("h"))
    vector_type = int(q(f"type (2#{_SAMPLE[x]}) {verb} 2#{_SAMPLE[y]}").rstrip("h"))
    assert (_LETTER[-atom_type], _LETTER[vector_type]) == (want, want), src


@pytest.mark.parametrize("src, out", [
    # a date mod 7 is the day of the week as an int, 0 for Saturday
    ("2024.03.02 2024.03.04 0Nd mod 7", "0 2 0Ni"), ("2000.05m mod 12", "4i"),
    ("10 mod 2000.01.04", "2000.01.02"), ("1.5 mod 2000.01.03", "2000.01.02T12:00:00.000"),
    ("2000.01.01D00:00:00.000000007 mod 5", "0D00:00:00.000000002"), ("3h mod 2h", "1i"),
    ("2000.01.02T18:00 div 1", "2000.01.02T00:00:00.000"), ("7.5e div 2", "3f"),
])
def test_div_mod_temporal_values(q, src, out):
    assert q(src) == out


@pytest.mark.parametrize("src, out", [
    ("(2 4#2 4 8 3 5 6 0 7f) mmu 4 3#\"f\"$til 12", "87 104 121\n81 99  117"),
    ("1 2 3f$4 5 6f", "32f"), ("(1 2 3f;4 5 6f)$(7 8f;9 10f;11 12f)", "58  64\n139 154"),
    ("1 2f mmu (1 2f;3 4f)", "7 10f"), ("1 2f mmu 1 2 3f", "'length"),
    ("inv (2 0f;0 4f)", "0.5 0\n0   0.25"), ("c:3 3#2 4 8 3 5 6 0 7 1f; 1=c mmu inv c", "100b\n010b\n001b"),
    ("a:1f+3 4#til 12; b:4 4#2 7 -2 5 5 3 6 1 -2 5 2 7 5 0 3 4f; a~(a lsq b) mmu b", "1b"),
    ("(enlist 2 4 6f) lsq enlist 1 2 3f", ",,2f"),
])
def test_matrices(q, src, out):
    assert q(src) == out


@pytest.mark.parametrize("x", ["-3", "0N", "-0W", "0W", "-2.5", "0n", "-0.0", "-0w", "0", "3"])
def test_abs_of_an_atom_is_abs_of_the_vector_item(x):
    from qblueprint.q import Session
    s = Session()
    assert s.console(f"abs {x}") == s.console(f"first abs enlist {x}")
    assert s.console(f"type abs {x}") == s.console(f"type first abs enlist {x}")
