"""q as the tutorials write it (KX's Learn pages): mechanisms those programs lean on, each with
examples of our own."""
import pytest


def test_join_in_place_on_an_atom_is_a_type_error(q):
    # only lists grow in place; the atom keeps its value
    q("n:7")
    assert q("n,:3 4") == "'type"
    assert q("n") == "7"
    assert q("{a:`p; a,:`q; a}[]") == "'type"
    # lists, the empty list and undefined names still grow
    q("v:10 20")
    q("v,:30")
    assert q("v") == "10 20 30"
    q("e:()")
    q("e,:`s")
    assert q("e") == ",`s"
    q("fresh,:2")
    assert q("fresh") == ",2"
    # other operators still amend an atom
    assert q("{a:5; a*:3; a}[]") == "15"


@pytest.mark.parametrize("src, shown", [
    # a dot right after a closing bracket is Apply, then a name
    ("(+).neg(4;5)", "-9"),
    ("(!).flip(5 6;7 8)", "5| 6\n7| 8"),
    ("(,).reverse(\"ab\";\"cd\")", "\"cdab\""),
    # a dot that starts a name elsewhere is still a name
    (".q.neg 3", "-3"),
])
def test_dot_after_a_closing_bracket_is_apply(q, src, shown):
    assert q(src) == shown


def test_dotted_path_after_a_closing_bracket_is_a_name(q):
    # (1_s).z.s/:b in a recursive lambda: the path is the function, iterated
    q(".ns.add:{x+y}")
    assert q("(1 2).ns.add/:10 20") == "11 12\n21 22"
    q("leaves:{[s;b] $[0=count s;1;sum(1_s).z.s/:b]}")
    assert q("leaves[\"ab\";1 2 3]") == "3"


def test_dict_is_an_ordinary_name(q):
    # `dict` is not a keyword of q: a variable may be called so and used as a noun
    q("dict:`u`v!(1 2;3 4)")
    assert q("flip dict") == "u v\n---\n1 3\n2 4"
    assert q("type dict") == "99h"
    assert q("count dict") == "2"


def test_a_column_of_equally_long_vectors_lines_up(q):
    # q shows such a column as a matrix: each sub-column padded to its widest item
    q("t:([]n:`p`q`r;v:(1 2.5;30 4;5 6))")
    assert q("t") == "n v\n--------\np 1  2.5\nq 30 4\nr 5  6"
    # ragged vectors stay one-line texts
    assert q("([]v:(1 2;300 4 5))") == "v\n-------\n1 2\n300 4 5"
    # so do the values of a keyed table
    assert q("([k:`a`b]v:(10 2;3 40))") == "k| v\n-| -----\na| 10 2\nb| 3  40"


def test_a_sorted_string_shows_its_attribute(q):
    assert q("asc \"qwe\"") == "`s#\"eqw\""
    assert q("desc \"qwe\"") == "\"wqe\""
    # operations that do not keep the order drop it
    assert q("reverse asc \"qwe\"") == "\"wqe\""


@pytest.fixture
def shop(q):
    """A keyed table of colours and a table whose column is a foreign key into it."""
    q("col:([c:`red`blue`green] hex:`f00`00f`0f0)")
    q("item:([] c:`col$`blue`red`blue`green`red`blue; n:1 2 3 4 5 6)")
    return q


def test_grouping_by_a_foreign_key(shop):
    q = shop
    # one group per distinct key, keys in the order of the symbols they stand for
    assert q("select n by c from item") == "c    | n\n-----| -----\nblue | 1 3 6\ngreen| ,4\nred  | 2 5"
    assert q("select sum n by c from item") == "c    | n\n-----| --\nblue | 10\ngreen| 4\nred  | 7"
    assert q("exec count i by c from item") == "blue | 3\ngreen| 1\nred  | 2"
    assert q("group item`c") == "blue | 0 2 5\nred  | 1 4\ngreen| ,3"
    assert q("distinct item`c") == "`col$`blue`red`green"
    assert q("count select by c,n>2 from item") == "5"


def test_enumerations_line_up_as_a_matrix(shop):
    q = shop
    assert q("(item`c;item`c)") == "blue red blue green red blue\nblue red blue green red blue"


def test_tables_lists_the_tables_of_a_namespace(q):
    assert q("tables[]") == "`symbol$()"
    q("zz:([]a:1 2)")
    q("kk:([a:1 2]b:3 4)")
    q("dd:`a`b!1 2")
    q("ff:{x}")
    # keyed tables count; dictionaries and functions do not; the names come sorted
    assert q("tables[]") == "`kk`zz"
    assert q("tables`.") == "`kk`zz"
    q(".sub.w:([]c:1)")
    assert q("tables`.sub") == ",`w"
    assert q("tables 7") == "'type"


@pytest.mark.parametrize("src, shown", [
    ("1984.7.5", "1984.07.05"),
    ("2001.1.31 2001.12.1", "2001.01.31 2001.12.01"),
    ("2001.02.3", "2001.02.03"),
    ("2001.2.30", "'domain"),
])
def test_a_date_literal_may_have_one_digit_month_and_day(q, src, shown):
    assert q(src) == shown


def test_indexing_a_table_at_depth_goes_row_by_row(q):
    q("emp:([]nm:`ann`bob`cy;age:31 42 27;dept:`hr`it`hr)")
    # several rows: one item per row, the row indexed by the column names
    assert q("emp[2 0;`nm`age]") == "`cy  27\n`ann 31"
    assert q("emp . (0 1;`age`dept)") == "31 `hr\n42 `it"
    # one row: its values; one column: a vector either way
    assert q("emp[1;`nm`dept]") == "`bob`it"
    assert q("emp[1;`nm`age]") == "`bob\n42"
    assert q("emp[2 1;`age]") == "27 42"
    assert q("emp[;`age]") == "31 42 27"


def test_the_negated_comparisons_show_as_k_writes_them(q):
    # q keeps <= >= <> as the k negations not-greater, not-less, not-equal, and prints them so
    assert q("(<=;>=;<>)") == "~>\n~<\n~="
    assert q("(0;(<=;>=))") == "0\n(~>;~<)"
    # they still compare as themselves
    assert q("(<=)[2;3],(>=)[2;3],(<>)[2;3]") == "101b"


def test_tables_of_other_columns_combine_as_their_rows(q):
    # a row is a dictionary: columns on both sides are computed, the others kept
    assert q("([]p:1 2;r:7 8)+([]p:10 20;s:5 6)") == "p  r s\n------\n11 7 5\n22 8 6"
    # the same columns in another order line up by name
    assert q("([]p:1 2;r:7 8)*([]r:2 3;p:10 20)") == "p  r\n-----\n10 14\n40 24"
    # a keyed table's values combine with a simple table of as many rows
    q("kv:([k:`m`n] p:1 2)")
    assert q("kv+([]p:5 6;w:`u`v)") == "k| p w\n-| ---\nm| 6 u\nn| 8 v"
    assert q("([]p:1 2)+([]w:1 2 3)") == "'length"
    # symbols in both still cannot add
    assert q("([]w:`a`b)+([]w:`c`d)") == "'type"


def test_a_keyed_table_does_not_join_a_simple_table(q):
    q("kv:([k:`m`n] p:1 2)")
    assert q("kv,([]k:`o`q;p:3 4)") == "'type"
    assert q("kv,([k:enlist`o] p:enlist 3)") == "k| p\n-| -\nm| 1\nn| 2\no| 3"


def test_comparing_dictionaries_of_other_keys(q):
    # every key of both, a missing value counting as null: a boolean at each key
    q("p:`u`v`w!3 4 5")
    q("r:`w`u`z!5 9 1")
    assert q("p=r") == "u| 0\nv| 0\nw| 1\nz| 0"
    assert q("p<>r") == "u| 1\nv| 1\nw| 0\nz| 1"
    assert q("p<r") == "u| 1\nv| 0\nw| 0\nz| 1"
    assert q("type value p>=r") == "1h"
    # arithmetic still keeps a one-sided value as it is
    assert q("p+r") == "u| 12\nv| 4\nw| 10\nz| 1"


def test_a_table_indexed_by_a_name_it_lacks(q):
    # a table is a flipped dictionary: a missing key gives the empty list of the first column's type
    q("tt:([]nm:`x`y;v:1 2)")
    assert q("tt`nosuch") == "`symbol$()"
    assert q("([]v:1 2;nm:`x`y)`nosuch") == "`long$()"
    assert q("tt`v`nosuch") == "1 2\n`symbol$()"
    # a query still names what it cannot find
    assert q("select nosuch from tt") == "'nosuch"


def test_html_markup_from_the_h_namespace(q):
    assert q('.h.htc[`em;"hi"]') == '"<em>hi</em>"'
    assert q('"x" {.h.htc[y;x]}/ `b`i') == '"<i><b>x</b></i>"'
    assert q('.h.hta[`img;`src`alt!("p.png";"pic")]') == '"<img src=\\"p.png\\" alt=\\"pic\\">"'
    assert q('.h.htac[`td;`class`id!("num";"c1");"42"]') == '"<td class=\\"num\\" id=\\"c1\\">42</td>"'
