"""Defects found by using the interpreter as a solution's author would: comparisons with
infinities, dictionary display of general lists, keywords before a glyph verb, `\\\\` in a
script, the output cap and the recursion limit."""
import subprocess
import sys

import pytest

from qblueprint.q import QError, Session


# ----------------------------------------------------------------- infinities and nulls
# q's float tolerance is relative; an infinity is equal only to itself, and nulls are
# smallest (0n=0n, 0n<-0w).

@pytest.mark.parametrize("src, shown", [
    ("1.0<0w", "1b"),
    ("1.0=0w", "0b"),
    ("1e300=0w", "0b"),
    ("1e300<0w", "1b"),
    ("0w=0w", "1b"),
    ("-0w=-1e300", "0b"),
    ("-0w<-1e300", "1b"),
    ("0w>=1e300", "1b"),
    ("0w<=1e300", "0b"),
    ("0w<>1e300", "1b"),
    ("0w~1e300", "0b"),
    ("0n=0n", "1b"),
    ("0n<1.0", "1b"),
    ("0n<-0w", "1b"),
    ("0n=0w", "0b"),
    ("1e300 0w -0w 0n 1.0=0w", "01000b"),
    ("1e300 0w -0w 0n<=0w", "1111b"),
    ("1e300 0w -0w 0n<0w", "1011b"),
    ("0w 1e300?1e300", "1"),
    ("1e300 0w?0w", "1"),
    ("1e300 in 0w -0w", "0b"),
    ("0w in 1 0w", "1b"),
    ("1e300 within 0 0w", "1b"),
    ("0w within 0 1e300", "0b"),
    ("3e38=0We", "0b"),
    ("3e38 0We<0We", "10b"),
    ("0w=0W", "0b"),
])
def test_comparisons_with_infinities(q, src, shown):
    assert q(src) == shown


# ----------------------------------------------------------------- dictionary display

def test_dictionary_of_general_values_shows_each_in_its_own_form(q):
    assert q('`a`b!(1 2 3;"xy")') == 'a| 1 2 3\nb| "xy"'
    assert q('`a`b`c!(1;`x`y;"h")') == 'a| 1\nb| `x`y\nc| "h"'
    assert q('`a`b!(,1;,"x")') == 'a| ,1\nb| ,"x"'


def test_table_row_shows_its_atoms_in_their_own_form(q):
    # a row of a table is a dictionary of a general list: symbols keep their backtick
    assert q("t:([]a:1 2;b:`x`y);t 0") == "a| 1\nb| `x"
    assert q("`a`b!(`x;1.5)") == "a| `x\nb| 1.5"
    assert q("`a`b!(`x;`y)") == "a| x\nb| y"


def test_dictionary_of_equally_long_vectors_is_a_matrix(q):
    # kdb+ aligns equally long simple vectors, a string's characters included
    # (the KX reference shows `a`b!(1 2 3;"xyz") as a| 1 2 3 / b| x y z)
    assert q("`a`b!(0 1;2 3)") == "a| 0 1\nb| 2 3"
    assert q("`a`b!(1 10;100 2)") == "a| 1   10\nb| 100 2"
    assert q('`a`b!(1 2 3;"xyz")') == "a| 1 2 3\nb| x y z"
    assert q('`a`b!("ab";"cd")') == 'a| "ab"\nb| "cd"'


# ----------------------------------------------------------------- keywords before a verb

def test_enlist_of_a_singleton_is_one_item(q):
    assert q('enlist ,"a"') == ',,"a"'
    assert q('count enlist ,"a"') == "1"
    assert q('type enlist ,"a"') == "0h"
    assert q("enlist ,1") == ",,1"
    assert q("enlist ,`a") == ",,`a"
    assert q("enlist 1") == ",1"


def test_unary_keyword_uses_a_following_verb_monadically(q):
    assert q("count ,1") == "1"
    assert q("first ,/[(1 2;3)]") == "1"
    assert q("x:3;abs - x") == "3"
    # an infix keyword after a unary one still takes it as its left argument
    assert q("count each (1 2;3)") == "2 1"
    # a variable before a verb is still its left argument
    assert q("f:1 2;f ,3") == "1 2 3"
    # with nothing after the verb, the keyword is its left argument: a projection
    assert q("(abs@) -3") == "3"
    assert q("(neg abs@) -3") == "-3"


# ----------------------------------------------------------------- scripts

def test_double_backslash_ends_a_loaded_script():
    assert Session().load('-1 "one";\n\\\\\n-1 "two";\n') == "one\n"


def test_double_backslash_ends_a_script_file(tmp_path):
    script = tmp_path / "s.q"
    script.write_text('show 1\n\\\\\nshow 2\n')
    done = subprocess.run([sys.executable, "-m", "qblueprint.q", str(script)],
                          capture_output=True, text=True, timeout=60)
    assert done.stdout == "1\n"


# ----------------------------------------------------------------- output cap

@pytest.mark.parametrize("printer", ['-1 "xxxxxxxxx"', "show til 10", "0N!til 10", '-2 "abc"'])
def test_output_cap_stops_an_endless_printer(printer):
    s = Session(max_output=1000)
    out = s.console("{while[1;%s]}[]" % printer)
    assert out.endswith("'limit\n")
    assert len(out) <= 1000 + len("'limit\n")
    assert s.output_exceeded


def test_output_cap_counts_over_the_sessions_life():
    s = Session(max_output=10)
    assert s.console('-1 "1234";') == "1234\n"
    assert s.console('-1 "123";') == "123\n"
    with pytest.raises(QError, match="limit"):
        s.load('-1 "x";')


def test_no_output_cap_by_default():
    assert len(Session().console('do[2000;-1 (100#"x")]')) == 2000 * 101


# ----------------------------------------------------------------- recursion limit

def test_recursion_limit_is_restored_and_stack_still_detected():
    # in a fresh process: other tests' sessions must not hide a limit left raised
    probe = """
import sys
from qblueprint.q import Session
before = sys.getrecursionlimit()
s = Session()
assert s.console("f:{f x};f 1") == "'stack\\n"
assert sys.getrecursionlimit() == before, sys.getrecursionlimit()
assert s.console("g:{$[x=0;0;1+g x-1]};g 500") == "500\\n"
assert sys.getrecursionlimit() == before, sys.getrecursionlimit()
"""
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


# ----------------------------------------------------------------- -3!

def test_minus_three_bang_gives_the_one_line_text(q):
    assert q("-3!1 2") == '"1 2"'
    assert q('-3!"a"') == '"\\"a\\""'
    assert q("-3!`a`b!1 2") == '"`a`b!1 2"'
    assert q('count -3!,"a"') == "4"


# ----------------------------------------------------------------- qSQL column names

def test_count_of_the_row_index_is_column_x(q):
    assert q("t:([]s:`a`b`a;v:1 2 3);select count i by s from t") == "s| x\n-| -\na| 2\nb| 1"
    assert q("t:([]s:`a`b`a;v:1 2 3);select n:count i from t") == "n\n-\n3"
    assert q("t:([]s:`a`b`a;v:1 2 3);select max v by s from t") == "s| v\n-| -\na| 3\nb| 2"


# ----------------------------------------------------------------- niladic lambdas

def test_niladic_lambda_ignores_its_argument(q):
    assert q("{[] 5}[]") == "5"
    assert q("f:{[] a::7};f[];a") == "7"
    assert q("f:{[] 5};f 1") == "5"
    assert q("f:{[] 5};f each 1 2") == "5 5"
