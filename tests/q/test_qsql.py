"""qSQL: select (columns, renames, aggregates, by, where left to right, virtual i, distinct,
select[n], select[>c]), exec, update, delete, the functional forms ?[t;c;b;a] and ![t;c;b;a],
fby, xbar grouping and parse's functional trees."""
import pytest


@pytest.fixture
def qt(q):
    q("t:([]s:`a`b`a`c`b;p:10 20 30 40 50;q:1 2 3 4 5)")
    return q


# ----------------------------------------------------------------- select

def test_select_columns_renames_and_expressions(qt):
    assert qt("select s,r:p*2 from t where q<3") == "s r\n----\na 20\nb 40"
    assert qt("select max p from t") == "p\n--\n50"


def test_select_aggregates_by_group_keyed_and_sorted(qt):
    assert qt("select total:sum p,n:count i by s from t") == \
        "s| total n\n-| -------\na| 40    2\nb| 70    2\nc| 40    1"


def test_select_by_only_takes_each_groups_last_row(qt):
    assert qt("select by s from t") == "s| p  q\n-| ----\na| 30 3\nb| 50 5\nc| 40 4"


def test_select_by_an_expression(qt):
    assert qt("select p by b:20 xbar p from t") == "b | p\n--| -----\n0 | ,10\n20| 20 30\n40| 40 50"
    # unnamed, the group would be p too: a name collision refused since 4.0 (basics/qsql.md)
    assert qt("select p by 20 xbar p from t").startswith("'dup names for cols/groups p")


def test_where_constraints_apply_left_to_right(qt):
    assert qt("select from t where s=`a,p>15") == "s p  q\n------\na 30 3"
    # the second constraint sees only rows that passed the first; i stays their place in t
    assert qt("select from t where p>15,i=1") == "s p  q\n------\nb 20 2"
    assert qt("count select from t where p>15,i=0") == "0"


def test_virtual_column_i(qt):
    assert qt("exec i from t where s=`b") == "1 4"
    # i names no column: it is shown as x (basics/qsql.md, "Virtual column i")
    assert qt("select i,s from t where q>3") == "x s\n---\n3 c\n4 b"


def test_select_distinct(qt):
    assert qt("select distinct s from t") == "s\n-\na\nb\nc"


def test_select_n_and_ordering(qt):
    assert qt("exec p from select[2] from t") == "10 20"
    assert qt("exec p from select[-2] from t") == "40 50"
    assert qt("exec p from select[1 2] from t") == "20 30"
    assert qt("exec p from select[>p] from t") == "50 40 30 20 10"
    assert qt("exec s from select[2;>p] s from t") == "`b`c"
    assert qt("exec q from select[<s] from t") == "1 3 2 5 4"


def test_select_from_a_keyed_table_keeps_keys(q):
    q("k:([id:1 2 3]v:10 20 30)")
    assert q("select from k where v>10") == "id| v\n--| --\n2 | 20\n3 | 30"


def test_fby_in_where(qt):
    assert qt("select from t where p=(max;p) fby s") == "s p  q\n------\na 30 3\nc 40 4\nb 50 5"


def test_fby_on_its_own(q):
    q("dat:2 5 4 1 7")
    q("grp:\"abbac\"")
    assert q("(sum;dat) fby grp") == "3 9 9 3 7"
    assert q("(first;dat) fby grp") == "2 5 5 2 7"


# ----------------------------------------------------------------- exec, update, delete

def test_exec_forms(qt):
    assert qt("exec p from t") == "10 20 30 40 50"
    assert qt("exec s,p from t where q<3") == "s| a  b\np| 10 20"
    assert qt("exec sum p by s from t") == "a| 40\nb| 70\nc| 40"


def test_update_with_where_by_and_new_columns(qt):
    assert qt("exec p from (update p:0 from t where s=`a)") == "0 20 0 40 50"
    assert qt("exec m from update m:max p by s from t") == "30 50 30 40 50"
    assert qt("exec r from (update r:1 from t where p>30)") == "0N 0N 0N 1 1"


def test_update_by_name_amends_the_global(qt):
    assert qt("update p:p+1 from `t where s=`c") == "`t"
    assert qt("exec p from t") == "10 20 30 41 50"


def test_delete_rows_and_columns(qt):
    assert qt("exec p from (delete from t where s=`a)") == "20 40 50"
    assert qt("cols delete p from t") == "`s`q"
    q_out = qt("delete from `t where p>20")
    assert q_out == "`t"
    assert qt("count t") == "2"


def test_delete_entries_of_a_dictionary(q):
    q("d:`a`b`c!0 1 2")
    assert q("delete b from `d") == "`d"
    assert q("d") == "a| 0\nc| 2"


# ----------------------------------------------------------------- functional forms

def test_functional_select(qt):
    assert qt("?[t;enlist(>;`p;35);0b;()]") == "s p  q\n------\nc 40 4\nb 50 5"
    assert qt("?[t;();(enlist`s)!enlist`s;(enlist`tot)!enlist(sum;`p)]") == \
        "s| tot\n-| ---\na| 40\nb| 70\nc| 40"
    assert qt("?[t;enlist(in;`s;enlist`a`c);0b;`s`p!`s`p]") == "s p\n----\na 10\na 30\nc 40"
    assert qt("?[t;();1b;(enlist`s)!enlist`s]") == "s\n-\na\nb\nc"
    assert qt("count ?[t;();0b;();2]") == "2"


def test_functional_exec(qt):
    assert qt("?[t;();();`p]") == "10 20 30 40 50"
    assert qt("?[t;();();(sum;`p)]") == "150"
    assert qt("?[t;();`s;(sum;`p)]") == "a| 40\nb| 70\nc| 40"


def test_functional_update_and_delete(qt):
    assert qt("exec p from ![t;enlist(=;`s;enlist`a);0b;(enlist`p)!enlist 0]") == "0 20 0 40 50"
    assert qt("cols ![t;();0b;enlist`p]") == "`s`q"
    assert qt("exec p from ![t;enlist(>;`p;30);0b;`symbol$()]") == "10 20 30"
    assert qt("![`t;();0b;(enlist`r)!enlist(*;`p;2)]") == "`t"
    assert qt("exec r from t") == "20 40 60 80 100"


def test_parse_gives_the_functional_form(q):
    tree = q("parse \"select part:p,qty by sup:s from sp where qty>200,p=`p1\"")
    assert tree.split("\n")[:3] == ["?", "`sp", ",((>;`qty;200);(=;`p;,`p1))"]
    assert q("parse \"delete from t where p>1\"").split("\n") == ["!", "`t", ",,(>;`p;1)", "0b",
                                                                 "`symbol$()"]


def test_eval_of_a_parsed_query_runs_it(qt):
    assert qt("eval[parse\"select sum p by s from t\"]~select sum p by s from t") == "1b"
    assert qt("eval[parse\"exec p from t where q>3\"]") == "40 50"


def test_repeated_result_names_take_numeric_suffixes(qt):
    assert qt("cols select max p, min p from t") == "`p`p1"
    assert qt("cols select p,p,p from t") == "`p`p1`p2"
