"""Tables, keyed tables and dictionaries as q defines them: keying, column keywords, adding rows
(insert, upsert, `,:`), reshaping (ungroup, xgroup, xasc, xdesc), foreign keys, enumerations,
views, attributes and bin on tables."""
import pytest


# ----------------------------------------------------------------- keys and columns

def test_enkey_and_unkey(q):
    q("t:([]a:1 2;b:10 20;c:`x`y)")
    assert q("1!t") == "a| b  c\n-| ----\n1| 10 x\n2| 20 y"
    assert q("0!1!t") == q("t")
    assert q("2!t") == "a b | c\n----| -\n1 10| x\n2 20| y"
    assert q("4!t") == "'length"


def test_enkey_by_name_amends_the_global(q):
    q("t:([a:1 2]b:10 20)")
    assert q("0!`t") == "`t"
    assert q("t") == "a b\n----\n1 10\n2 20"


def test_xkey_xcol_xcols(q):
    q("t:([]a:1 2;b:10 20;c:`x`y)")
    assert q("`c xkey t") == "c| a b\n-| ----\nx| 1 10\ny| 2 20"
    assert q("`z xkey t") == "'z"
    assert q("`p`q xcol t") == "p q  c\n------\n1 10 x\n2 20 y"
    assert q("(enlist[`c]!enlist`d) xcol t") == "a b  d\n------\n1 10 x\n2 20 y"
    assert q("`c`a xcols t") == "c a b\n------\nx 1 10\ny 2 20"
    assert q("`b xkey `t") == "`t"
    assert q("keys t") == ",`b"
    assert q("keys ([]a:1)") == "`symbol$()"
    assert q("key t") == "b\n--\n10\n20"


def test_cols_meta_key_value_of_keyed_tables(q):
    q("k:([s:`a`b]v:1 2;w:1.5 2.5)")
    assert q("cols k") == "`s`v`w"
    assert q("meta k") == "c| t f a\n-| -----\ns| s\nv| j\nw| f"
    assert q("key k") == "s\n-\na\nb"
    assert q("value k") == "v w\n-----\n1 1.5\n2 2.5"


def test_keyed_lookup_by_key_and_by_table(q):
    q("k:([s:`a`b]v:1 2)")
    assert q("k`b") == "v| 2"
    assert q("k[`c]") == "v|"
    assert q("k ([]s:`b`a)") == "v\n-\n2\n1"


# ----------------------------------------------------------------- adding rows

def test_insert_into_table_returns_row_indices(q):
    q("t:([]a:1 2;b:`x`y)")
    assert q("`t insert (3;`z)") == ",2"
    assert q("`t insert (4 5;`p`q)") == "3 4"
    assert q("count t") == "5"
    assert q("`t insert (1.5;`w)") == "'type"


def test_insert_into_keyed_table_refuses_existing_keys(q):
    q("x:([a:`x`y]b:10 20)")
    assert q("`x insert (`z;30)") == ",2"
    assert q("`x insert (`z;40)") == "'insert"
    assert q("`x insert (`s`t;40 50)") == "3 4"


def test_insert_creates_a_missing_table_and_types_empty_columns(q):
    assert q("`fresh insert ([]c:`a`b;d:1 2)") == "0 1"
    q("u:([] name:(); age:())")
    assert q("`u insert (`tom`dick;30 40)") == "0 1"
    assert q("meta u") == "c   | t f a\n----| -----\nname| s\nage | j"


def test_upsert_records_and_tables_by_value_and_by_name(q):
    q("t:([]name:`tom`dick;age:28 29)")
    assert q("count t upsert (`jane;23)") == "3"
    assert q("count t upsert ((`a;1);(`b;2))") == "4"
    assert q("`t upsert ([]age:49 23;name:`dick`jane)") == "`t"
    assert q("t") == "name age\n--------\ntom  28\ndick 29\ndick 49\njane 23"


def test_upsert_into_keyed_table_updates_and_appends(q):
    q("a:([s:`q`w`e]r:1 2 3;u:5 6 7)")
    expected = "s| r  u\n-| -----\nq| 10 50\nw| 2  6\ne| 30 70\nr| 4  8"
    assert q("a upsert ([s:`e`r`q]r:30 4 10;u:70 8 50)") == expected
    assert q("a upsert (`e;31;71)") == "s| r  u\n-| -----\nq| 1  5\nw| 2  6\ne| 31 71"


def test_join_in_place_on_tables(q):
    q("t:([]a:1 2;b:3 4)")
    q("t,:5 6")
    q("t,:(7 8;9 10)")
    assert q("t") == "a b\n----\n1 3\n2 4\n5 6\n7 8\n9 10"
    q("t:([]a:1 2i;b:3 4f)")
    assert q("t,:([]a:5 6f;b:7 8i)") == "'type"


def test_join_in_place_fills_missing_columns_with_nulls(q):
    q("t:([]a:1 2;b:3 4)")
    q("t,:([a:5])")
    q("t,:([]b:6 7)")
    assert q("t") == "a b\n---\n1 3\n2 4\n5\n  6\n  7"


def test_join_in_place_on_keyed_tables_upserts(q):
    q("t:([k:`a`b]a:1 2;b:3 4)")
    q("t,:((`c;5;6);(`a;7;8))")
    q("t,:([k:`c`d]a:10 11)")
    assert q("t") == "k| a  b\n-| ----\na| 7  8\nb| 2  4\nc| 10 6\nd| 11"


def test_join_in_place_on_a_dictionary_keeps_its_value_type(q):
    q("s:([a:1;b:2])")
    q("s,:([a:3;c:4])")
    assert q("s") == "a| 3\nb| 2\nc| 4"
    assert q("s,:([d:5f])") == "'type"


# ----------------------------------------------------------------- reshaping

def test_ungroup_flattens_list_columns(q):
    q("t:([]s:`a`b;p:(enlist 2;5 7);r:(enlist\"A\";\"CD\"))")
    assert q("ungroup t") == "s p r\n-----\na 2 A\nb 5 C\nb 7 D"
    assert q("ungroup ([]a:1 2;b:(1 2;3))") == "a b\n---\n1 1\n1 2\n2 3"
    assert q("ungroup ([]a:(1 2;3);b:(1 2 3;4))") == "'length"


def test_xgroup_groups_other_columns_in_first_seen_order(q):
    assert q("`s xgroup ([]s:`c`a`c;v:1 2 3)") == "s| v\n-| ---\nc| 1 3\na| ,2"


def test_xasc_and_xdesc_sort_stably(q):
    q("t:([]s:`c`a`b`a;v:1 2 3 4)")
    assert q("`s xasc t") == "s v\n---\na 2\na 4\nb 3\nc 1"
    assert q("`s xdesc t") == "s v\n---\nc 1\nb 3\na 2\na 4"
    assert q("attr (`s xasc t)`s") == "`s"
    assert q("`s xasc `t") == "`t"
    assert q("exec v from t") == "2 4 3 1"


# ----------------------------------------------------------------- foreign keys and enumerations

def test_foreign_keys(q):
    q("f:([x:1 2 3]y:10 20 30)")
    q("t:([]a:`f$2 2 3;b:0)")
    assert q("meta t") == "c| t f a\n-| -----\na| j f\nb| j"
    assert q("fkeys t") == "a| f"
    assert q("t.a.y") == "20 20 30"
    assert q("select a.y from t") == "y\n--\n20\n20\n30"
    assert q("`f$4") == "'cast"


def test_enumerate_extend_and_from_indices(q):
    q("sym:`a`b")
    assert q("`sym$`a`b`a") == "`sym$`a`b`a"
    assert q("`sym$`c") == "'cast"
    assert q("`sym?`a`c") == "`sym$`a`c"
    assert q("sym") == "`a`b`c"
    assert q("`new?`x`y`x") == "`new$`x`y`x"
    assert q("new") == "`x`y"
    q("x:`a`b`c`d")
    assert q("`x!1 2 3") == "`x$`b`c`d"


def test_enumerations_join_compare_and_append(q):
    q("sym:`a`b")
    q("e:`sym$`a`b")
    q("e,:`b")
    assert q("e") == "`sym$`a`b`b"
    assert q("e,:`c") == "'cast"
    assert q("(`sym$`a),`b") == "`sym$`a\n`b"
    assert q("(`sym$`a`b),`c") == "`a`b`c"
    q("l2:`a`b")
    assert q("(`sym$`a)=`l2$`a") == "1b"
    assert q("(`sym$`a)~`l2$`a") == "0b"
    assert q("e=`b") == "011b"


# ----------------------------------------------------------------- views

def test_views_recompute_from_their_dependencies(q):
    assert q("v::2+a*3") == ""
    q("a:5")
    assert q("v") == "17"
    q("a:1")
    assert q("v") == "5"
    assert q("view `v") == "\"2+a*3\""
    q("w::b*10")
    assert q("views[]") == "`s#`v`w"


def test_double_colon_with_constants_only_assigns(q):
    assert q("eval parse\"c::5\"") == "5"
    q("d::til 3")
    assert q("d") == "0 1 2"
    assert q("views[]") == "`symbol$()"


def test_double_colon_inside_a_function_assigns_a_global(q):
    q("f:{g::x+1}")
    q("f 4")
    assert q("g") == "5"
    assert q("views[]") == "`symbol$()"


# ----------------------------------------------------------------- attributes and bin

def test_attributes_are_checked_and_shown_by_meta(q):
    assert q("`s#3 2 1") == "'s-fail"
    assert q("`u#1 1") == "'u-fail"
    assert q("`p#1 2 1") == "'p-fail"
    assert q("`p#2 2 1") == "`p#2 2 1"
    assert q("meta `s#([]ti:00:00 00:01;v:1 2)") == "c | t f a\n--| -----\nti| u   p\nv | j"
    assert q("meta asc([]a:3 4 1)") == "c| t f a\n-| -----\na| j   s"


def test_bin_on_tables_dictionaries_and_keyed_tables(q):
    q("t:([]a:`p`p`p`q`q`q;b:0 2 4 0 2 4)")
    assert q("t bin `a`b!(`p;3)") == "1"
    assert q("t bin ([]a:`q;b:-1 1 3 5)") == "0N 3 4 5"
    assert q("(`a`b`c!0 2 4) bin -1 3") == "``b"
    q("kt:([k:`c`d`e`f]a:`p`p`q`q;b:1 3 1 3)")
    assert q("(kt bin ([]a:`p`q`r;b:2 5 1))`k") == "`c`f`"


def test_a_list_is_one_cell_of_a_general_column(q):
    q("t:([]s:`a`b;v:(\"xy\";\"zw\"))")
    q("t,:(`c;\"pqr\")")
    assert q("`t insert (`d;\"uv\")") == ",3"
    assert q("exec v from t") == "\"xy\"\n\"zw\"\n\"pqr\"\n\"uv\""


def test_enumerations_cast_to_indices_and_find_by_value(q):
    q("d:`a`b`c")
    q("e:`d$`a`b`c`b")
    assert q("\"i\"$e") == "0 1 2 1i"
    assert q("`$e") == "`a`b`c`b"
    assert q("(key e;type e)") == "`d\n20h"
    assert q("e?`c") == "2"
    assert q("`c`b?e") == "2 1 0 1"
    q("d[0]:`o")
    assert q("e") == "`d$`o`b`c`b"
