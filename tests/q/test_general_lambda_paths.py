"""Inline shortcuts on the general lambda path: `$[c;a;b]` deciding on a boolean test,
`local cmp const` comparing atoms directly, and `x op expr` doing long arithmetic inline.
Each must give what the verbs give: q truth for non-boolean tests, nulls as the smallest
values, null/overflow results, and the type error for mismatched atoms."""
import pytest

CASES = [
    ("{$[x<0;0;x+1]}/[5;-3]", "4"),
    ("{$[x;1;2]} 0N", "1"),           # a null long is non-zero
    ("{$[x;1;2]} 0n", "2"),           # a null float is not true
    ("{$[x;1;2]} 0b", "2"),
    ("{$[x;1;2]} 1 0", "1"),          # a list tests its first item
    ("{$[x<0;`neg;x>0;`pos;`zero]} each -1 0 1", "`neg`zero`pos"),
    ("{x<0} 0N", "1b"),               # nulls sort first
    ("{x<0} 0Ni", "1b"),
    ("{x<0} -1.5", "1b"),
    ("{x<3} 2i", "1b"),
    ("{x=`a} `a", "1b"),
    ("{x<>1} 1", "0b"),
    ("{x>=2} 1 2 3", "011b"),
    ("{x<=2} 2", "1b"),
    ("{x<0} 1 -1", "01b"),
    ("{x<0} `a", "'type"),
    ("{x*x+1} each 1 2 3", "2 6 12"),
    ("{x*x+1} 0N", "0N"),
    ("{x*x+1} 3037000499", "9223372033963249500"),
    ("{x-x*2} 5", "-5"),
    ("{x+x-1} 1.5", "2f"),
    ("{x*x+y}[2;3]", "10"),
    ("{x-y+1}[9223372036854775807;-2]", "0N"),     # overflow leaves the long range: null
    ("{x+y*1}[-9223372036854775807;-1]", "0N"),    # the result is the null itself
    ("{x*x:3} 2", "9"),                            # the right side runs before x is read
    ("{x*x+1} \"a\"", "'type"),
]


@pytest.mark.parametrize("src,expected", CASES)
def test_general_lambda_shapes(q, src, expected):
    assert q(src) == expected


def test_each_leaves_the_collector_as_it_found_it(q):
    import gc
    assert gc.isenabled()
    assert q("{x*x+1} each til 5") == "0 2 6 12 20"  # right to left: x*(x+1)
    assert q("{x*`a} each til 3") == "'type"
    assert gc.isenabled()
    gc.disable()
    try:
        assert q("{x+1} each 1 2") == "2 3"
        assert not gc.isenabled()
    finally:
        gc.enable()
