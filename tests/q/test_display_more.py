"""Console text beyond the basics: console size cutting and `\\c`, grids of nested lists, strings and
nulls in cells, guids, and `show`."""
import pytest

from qblueprint.q import Session


def test_long_lines_are_cut_at_the_console_width(q):
    line = q("til 100")
    assert len(line) == 79 and line.endswith("..")
    assert line.startswith("0 1 2 3 ")
    assert q("til 1000000") == line          # only the visible part is formatted
    assert q("100#\"a\"") == '"' + "a" * 76 + ".."
    assert q("til 20") == " ".join(map(str, range(20)))     # short lines stay whole


def test_long_outputs_are_cut_at_the_console_height(q):
    rows = q("([]a:til 100)").split("\n")
    assert len(rows) == 23 and rows[-1] == ".."
    assert rows[:4] == ["a", "--", "0", "1"]
    items = q("string til 30").split("\n")
    assert len(items) == 23 and items[21] == '"21"' and items[22] == ".."
    assert q("(til 30)!til 30").split("\n")[-1] == ".."
    assert len(q("([]a:til 21)").split("\n")) == 23          # 2 header lines + 21 rows fit exactly


def test_console_size_command_and_option(q):
    assert q("\\c") == "25 80i"
    assert q("\\c 10 40") == ""
    assert q("\\c") == "10 40i"
    assert len(q("til 100")) == 39
    assert q("([]a:til 100)").split("\n")[-1] == ".." and len(q("([]a:til 100)").split("\n")) == 8
    assert q("\\c 5 5") == "" and q("\\c") == "10 10i"        # q keeps sizes within its bounds
    wide = Session(console_size=(50, 200))
    assert len(wide.console("til 100").rstrip("\n")) == 199
    assert wide.console("til 50").rstrip("\n") == " ".join(map(str, range(50)))
    assert wide.console("\\c").rstrip("\n") == "50 200i"


def test_show_uses_the_console_size(q):
    q("\\c 10 20")
    assert q("show til 100") == "0 1 2 3 4 5 6 7 8.."
    assert q("-1 \" \" sv string til 100;").startswith("0 1 2 3 4 5 6 7 8 9 10")   # writes are not cut


@pytest.mark.parametrize("src, out", [
    ("((1;`a);(22;`bcd))", "1  `a\n22 `bcd"),
    ("`a`b cross 1 2", "`a 1\n`a 2\n`b 1\n`b 2"),
    ("((1 2;3 4);(5 6;7 8))", "1 2 3 4\n5 6 7 8"),
    ('(("fox";("jumps";"over"));("a";"dog"))', '"fox" ("jumps";"over")\n"a"   "dog"'),
    ("((1;2);(3;4;5))", "1 2\n3 4 5"),
    ('string (2 3;"abc")', '(,"2";,"3")\n(,"a";,"b";,"c")'),
    ("(1;(2;3))", "1\n2 3"),
    ("(010b;(110b;000b))", "010b\n(110b;000b)"),
])
def test_nested_lists(q, src, out):
    assert q(src) == out


@pytest.mark.parametrize("src, out", [
    ("`a`b!(1 0n 3;0n 5 6)", "a| 1   3\nb|   5 6"),
    ("`a`b!((1;`x);(22;`yz))", "a| 1  `x\nb| 22 `yz"),
    ('`a`b!("xy";,"z")', 'a| "xy"\nb| ,"z"'),
])
def test_dictionary_values(q, src, out):
    assert q(src) == out


@pytest.mark.parametrize("src, out", [
    ('([]a:("ab";,"c"))', 'a\n----\n"ab"\n,"c"'),
    ('([]a:"ab")', "a\n-\na\nb"),
    ("([]a:1.5 0n;b:0N 2)", "a   b\n-----\n1.5\n    2"),
    ("([]a:0x0102;b:10b)", "a  b\n----\n01 1\n02 0"),
    ("([]a:1 2;b:(`x`y;`z))", "a b\n------\n1 `x`y\n2 z"),
    ('-4$string([]a:`ab`c)', 'a\n------\n"  ab"\n"   c"'),
])
def test_table_cells(q, src, out):
    assert q(src) == out


@pytest.mark.parametrize("src, out", [
    ("0Ng", "00000000-0000-0000-0000-000000000000"),
    ("string 0Ng", '"00000000-0000-0000-0000-000000000000"'),
    ('"G"$"8c6b8b64-6815-6084-0a3e-178401251b68"', "8c6b8b64-6815-6084-0a3e-178401251b68"),
    ("-0.0", "-0f"), ("1234567.0", "1234567f"), ("12345678.9", "1.234568e+07"), ("0Nj 1", "0N 1"),
    ("enlist {x}[]", "::"), ("(::;1)", "::\n1"), ("::", ""),
])
def test_atoms(q, src, out):
    assert q(src) == out


@pytest.mark.parametrize("src, out", [
    ("0N!([]x:1 2);", "+(,`x)!,1 2"), ("0N!(enlist `z)!enlist 3;", "(,`z)!,3"), ("0N!`a`b!1 2;", "`a`b!1 2"),
    ("`a`b!(`x`y!1 2;(enlist `z)!enlist 3)", "a| `x`y!1 2\nb| (,`z)!,3"),
])
def test_one_line_forms_read_back(q, src, out):
    assert q(src) == out


def test_float_precision_command(q):
    assert q("\\P") == "7i"
    assert q("1%3") == "0.3333333"
    q("\\P 3")
    assert q("1 2.5%3") == "0.333 0.833" and q("string 2%3") == '"0.667"'
    q("\\P 0")
    assert q("1%3") == "0.33333333333333331"      # 0: all 17 significant digits
    assert q("1.1e") == "1.1e"                      # reals keep single precision's digits
    assert Session(precision=4).console("1%3") == "0.3333\n"
    assert Session().console("1%3") == "0.3333333\n"  # a setting belongs to its session
