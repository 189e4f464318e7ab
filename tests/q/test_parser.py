"""Parse trees: right-to-left application, projections, lambdas, control forms."""
from qblueprint.q.reading.parser import parse


def one(src):
    nodes = parse(src)
    assert len(nodes) == 1
    return nodes[0]


def test_right_to_left():
    node = one("2*3+4")
    assert node[0] == "ap2" and node[1] == ("op", "*")
    assert node[3][0] == "ap2" and node[3][1] == ("op", "+")


def test_juxtaposition_is_application():
    node = one("f g x")
    assert node[0] == "ap1" and node[1] == ("v", "f") and node[2][0] == "ap1"


def test_left_section_is_a_projection():
    assert one("2+")[0] == "prj"


def test_brackets_with_elided_arguments():
    node = one("f[;1]")
    assert node[0] == "ap" and node[2][0] is None


def test_lambda_params_and_locals():
    node = one("{[a;b] c:a+b; c*2}")
    assert node[0] == "lam"
    assert node[2] == ("a", "b")
    assert node[4] == ("c",)


def test_implicit_params_from_usage():
    assert one("{x+z}")[2] == ("x", "y", "z")
    assert one("{y}")[2] == ("x", "y")
    assert one("{1}")[2] == ("x",)


def test_assignment_forms():
    assert one("a:1")[0] == "asg"
    assert one("{a::1}")[3][0][4] is True
    assert one("a+:1")[3] == ("op", "+")
    assert one("a[1]:2")[0] == "asgi"


def test_control_forms():
    assert one("$[1b;2;3]")[0] == "cond"
    assert one("if[1b;x:1]")[0] == "if"
    assert one("do[3;x+:1]")[0] == "do"
    assert one("while[x<3;x+:1]")[0] == "while"


def test_iterators_attach_to_the_left():
    node = one("+/[1 2]")
    assert node[0] == "ap" and node[1] == ("adv", "/", ("op", "+"))


def test_trailing_semicolon_gives_empty_statement():
    nodes = parse("a:1;")
    assert nodes[-1] == ("nop",)


def test_table_literal():
    node = one("([k:1 2] v:3 4)")
    assert node[0] == "tab" and [n for n, _ in node[1]] == ["k"] and [n for n, _ in node[2]] == ["v"]


def test_dollar_bracket_is_always_a_conditional():
    node = one('show $[1b;"y";"n"]')
    assert node[0] == "ap1" and node[2][0] == "cond"
