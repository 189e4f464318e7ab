"""Small whole programs in everyday q style (loops, recursion, strings, tables)."""
import pytest

PROGRAMS = [
    ("fib:{$[x<2;x;.z.s[x-1]+.z.s[x-2]]}; fib 15", "610"),
    ("gcd:{$[y=0;x;.z.s[y;x mod y]]}; gcd[25;15]", "5"),
    ("f:{r:();n:x;i:2;while[i*i<=n;$[0=n mod i;[r,:i;n:n div i];i+:1]];if[n>1;r,:n];r}; f 70", "2 5 7"),
    ("{s:0;i:0;while[i<x;s+:i;i+:1];s} 10", "45"),
    ("{r:1;do[x;r*:2];r} 10", "1024"),
    ("{x where 1=(count each group x) x} 1 2 3 2 4", "1 3 4"),
    ("{(1+til count x)#\\:x} \"abc\"", ",\"a\"\n\"ab\"\n\"abc\""),
    ("{\" \" sv string til x+1} 3", "\"0 1 2 3\""),
    ("{last where 0=x mod til x} 15", "5"),
    ("{i:where 0=(til count x) mod 3; x[i]:asc x i; x} 5 6 3 4 8 9 2", "2 6 3 4 8 9 5"),
    ("{$[x<2;0b;all 0<x mod 2_til 1+floor sqrt x]} each 6 7 9 11", "0101b"),
    ("{any 0>sums x} 1 2 -4 5", "1b"),
    ("{avg abs x-avg x} 1 2 3 4f", "1f"),
    ("t:([]n:`a`b`c;v:1 2 3); exec sum v from t where v>1", "5"),
    ("{x:x except \" \"; d:sums 1 -1 0 \"()\"?x; (0,1+-1_where 0=d) _ x} \"(()) ()\"", "\"(())\"\n\"()\""),
]


@pytest.mark.parametrize("src, out", PROGRAMS)
def test_program(q, src, out):
    assert q(src) == out


def test_self_reference_outside_a_lambda_is_an_error(q):
    assert q(".z.s") == "'.z.s"


@pytest.mark.parametrize("src, out", [
    ("{x+1}/[5;0]", "5"), ("{x-1} 0N", "0N"), ("{x*2} 1.5", "3f"), ("{x+1} 1 2", "2 3"),
    ("{x+1} 9223372036854775806", "0W"), ("{x*3} 4", "12"), ("{x-3} 4", "1"), ("{x+1} `a", "'type"),
])
def test_local_long_arithmetic_fast_path_falls_back_to_the_verb(q, src, out):
    assert q(src) == out
