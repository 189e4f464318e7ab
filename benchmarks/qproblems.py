"""LeetCode-style problems with q solutions and Python references, for the executor benchmark and
the execution service's tests.

Each problem has a q entry point name, one or more q solutions (some with helper functions), a
Python reference that computes expected results, and an input generator. `instances` turns them
into (solution, tests) pairs whose expected values are written as q literals.
"""
import random
from dataclasses import dataclass
from typing import Callable

from qblueprint.execute.literals import q_literal


@dataclass(frozen=True)
class Problem:
    name: str
    solutions: tuple          # q source texts defining `name`
    reference: Callable       # Python function computing the expected result
    inputs: Callable          # random.Random -> tuple of arguments


def ints(rng, lo=-20, hi=20, n=(1, 12)):
    return [rng.randint(lo, hi) for _ in range(rng.randint(*n))]


def word(rng, letters="abcde", n=(1, 8)):
    return "".join(rng.choice(letters) for _ in range(rng.randint(*n)))


def _missing_one(rng):
    n = rng.randint(1, 10)
    gone = rng.randint(0, n)
    xs = [i for i in range(n + 1) if i != gone]
    rng.shuffle(xs)
    return xs


def _kadane(xs):
    best = cur = xs[0]
    for x in xs[1:]:
        cur = x + max(0, cur)
        best = max(best, cur)
    return best


def _fib(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a


def _is_prime(n):
    return n > 1 and all(n % d for d in range(2, int(n ** 0.5) + 1))


def _gcd(a, b):
    while b:
        a, b = b, a % b
    return a


def _pascal(n):
    row = [1]
    for _ in range(n):
        row = [a + b for a, b in zip([0] + row, row + [0])]
    return row


def _balanced(s):
    depth = 0
    for c in s:
        depth += 1 if c == "(" else -1
        if depth < 0:
            return False
    return depth == 0


def _first_unique(s):
    return next((i for i, c in enumerate(s) if s.count(c) == 1), -1)


def _counts(xs):
    out = {}
    for x in xs:
        out[x] = out.get(x, 0) + 1
    return out


PROBLEMS = [
    Problem("running_sum", ("running_sum:{sums x}", "running_sum:{{x+y}\\[x]}"),
            lambda xs: [sum(xs[:i + 1]) for i in range(len(xs))], lambda r: (ints(r),)),
    Problem("max_subarray", ("max_subarray:{max {y+0|x}\\[x]}",
                             "best_ending:{y+0|x}\nmax_subarray:{max best_ending\\[x]}"),
            _kadane, lambda r: (ints(r),)),
    Problem("has_duplicate", ("has_duplicate:{(count x)>count distinct x}", "has_duplicate:{not x~distinct x}"),
            lambda xs: len(set(xs)) < len(xs), lambda r: (ints(r, 0, 9),)),
    Problem("missing_number", ("missing_number:{(sum til 1+count x)-sum x}", "missing_number:{first (til 1+count x) except x}"),
            lambda xs: next(i for i in range(len(xs) + 1) if i not in xs),
            lambda r: (_missing_one(r),)),
    Problem("reverse_string", ("reverse_string:{reverse x}",), lambda s: s[::-1], lambda r: (word(r, n=(2, 9)),)),
    Problem("is_palindrome", ("is_palindrome:{x~reverse x}",), lambda s: s == s[::-1],
            lambda r: ((lambda w: w + w[::-1] if r.random() < .5 else w)(word(r, "ab", (1, 4))),)),
    Problem("count_vowels", ("count_vowels:{sum \"j\"$x in \"aeiou\"}", "vowels:\"aeiou\"\ncount_vowels:{count where x in vowels}"),
            lambda s: sum(c in "aeiou" for c in s), lambda r: (word(r, "abcdeiou", (1, 10)),)),
    Problem("sum_multiples", ("sum_multiples:{sum where (0=til[x] mod 3)|0=til[x] mod 5}",
                              "sum_multiples:{n:til x; sum n where (0=n mod 3) or 0=n mod 5}"),
            lambda n: sum(i for i in range(n) if i % 3 == 0 or i % 5 == 0), lambda r: (r.randint(1, 60),)),
    Problem("fib", ("fib:{first x {(last x;sum x)}/0 1}", "step:{(x 1;sum x)}\nfib:{first x step/0 1}"),
            _fib, lambda r: (r.randint(0, 40),)),
    Problem("factorial", ("factorial:{prd 1+til x}", "factorial:{$[x<2;1;x*factorial x-1]}"),
            lambda n: __import__("math").factorial(n), lambda r: (r.randint(1, 15),)),
    Problem("second_largest", ("second_largest:{(desc distinct x) 1}",),
            lambda xs: sorted(set(xs), reverse=True)[1], lambda r: (list({*ints(r, 0, 30, (2, 10)), 31}),)),
    Problem("move_zeros", ("move_zeros:{(x where x<>0),(sum x=0)#0}", "move_zeros:{x iasc x=0}"),
            lambda xs: [x for x in xs if x] + [0] * xs.count(0), lambda r: (ints(r, 0, 3),)),
    Problem("max_profit", ("max_profit:{max x-mins x}",),
            lambda xs: max(x - min(xs[:i + 1]) for i, x in enumerate(xs)), lambda r: (ints(r, 1, 50),)),
    Problem("climb_stairs", ("climb_stairs:{last x {(last x;sum x)}/1 1}",),
            lambda n: _fib(n + 2), lambda r: (r.randint(1, 40),)),
    Problem("majority", ("majority:{first key desc count each group x}",),
            lambda xs: max(_counts(xs).items(), key=lambda kv: kv[1])[0],
            lambda r: ((lambda m, rest: r.sample(m + rest, len(m + rest)))([7] * r.randint(5, 8), ints(r, 0, 5, (1, 4))),)),
    Problem("common", ("common:{asc distinct x inter y}",),
            lambda xs, ys: sorted(set(xs) & set(ys)), lambda r: (lambda xs: (xs, ints(r, 0, 9, (2, 10)) + [xs[0]]))(ints(r, 0, 9, (2, 10)))),
    Problem("sorted_squares", ("sorted_squares:{asc x*x}", "square:{x*x}\nsorted_squares:{asc square x}"),
            lambda xs: sorted(x * x for x in xs), lambda r: (sorted(ints(r)),)),
    Problem("rotate_right", ("rotate_right:{neg[y] rotate x}",),
            lambda xs, k: xs[-(k % len(xs)):] + xs[:-(k % len(xs))] if k % len(xs) else list(xs),
            lambda r: (ints(r, n=(2, 9)), r.randint(0, 12))),
    Problem("is_anagram", ("is_anagram:{(asc x)~asc y}", "is_anagram:{(count each group asc x)~count each group asc y}"),
            lambda a, b: sorted(a) == sorted(b),
            lambda r: (lambda w: (w, "".join(r.sample(w, len(w))) if r.random() < .6 else word(r, "abc", (len(w), len(w)))))(word(r, "abc", (2, 7)))),
    Problem("first_unique", ("first_unique:{u:where 1=(count each group x) x; $[count u;first u;-1]}",),
            _first_unique, lambda r: (word(r, "abcd", (1, 8)),)),
    Problem("digit_sum", ("digit_sum:{sum 10 vs x}", "digit_sum:{sum \"0123456789\"?string x}"),
            lambda n: sum(map(int, str(n))), lambda r: (r.randint(1, 10 ** 9),)),
    Problem("count_primes", ("is_prime:{(x>1) and all 0<x mod 2_til 1+floor sqrt x}\ncount_primes:{count where is_prime each til x}",),
            lambda n: sum(_is_prime(i) for i in range(n)), lambda r: (r.randint(2, 60),)),
    Problem("gcd", ("gcd:{$[y=0;x;gcd[y;x mod y]]}", "gcd:{while[y>0;t:y;y:x mod y;x:t];x}"),
            _gcd, lambda r: (r.randint(1, 500), r.randint(1, 500))),
    Problem("pascal_row", ("pascal_row:{x {(0,x)+x,0}/,1}",), _pascal, lambda r: (r.randint(0, 12),)),
    Problem("dot", ("dot:{sum x*y}", "dot:{sum x*'y}"),
            lambda a, b: sum(x * y for x, y in zip(a, b)), lambda r: (lambda n: (ints(r, n=(n, n)), ints(r, n=(n, n))))(r.randint(1, 8))),
    Problem("mean", ("mean:{avg x}", "mean:{(sum x)%count x}"),
            lambda xs: sum(xs) / len(xs), lambda r: (ints(r, 0, 100),)),
    Problem("word_count", ("word_count:{count \" \" vs x}",),
            lambda s: len(s.split(" ")), lambda r: (" ".join(word(r) for _ in range(r.randint(1, 6))),)),
    Problem("to_upper", ("to_upper:{upper x}",), lambda s: s.upper(), lambda r: (word(r, "abcxyz", (2, 9)),)),
    Problem("unique_ordered", ("unique_ordered:{distinct x}",), lambda xs: list(_counts(xs)), lambda r: (ints(r, 0, 6),)),
    Problem("running_max", ("running_max:{maxs x}", "running_max:{{x|y}\\[x]}"),
            lambda xs: [max(xs[:i + 1]) for i in range(len(xs))], lambda r: (ints(r),)),
    Problem("evens", ("evens:{x where 0=x mod 2}", "is_even:{0=x mod 2}\nevens:{x where is_even x}"),
            lambda xs: [x for x in xs if x % 2 == 0], lambda r: (ints(r, 1, 40, (2, 12)) + [2],)),
    Problem("occurrences", ("occurrences:{count where x=y}",), lambda xs, y: xs.count(y), lambda r: (ints(r, 0, 4), r.randint(0, 4))),
    Problem("find_index", ("find_index:{$[y in x;x?y;-1]}",),
            lambda xs, y: xs.index(y) if y in xs else -1, lambda r: (ints(r, 0, 9), r.randint(0, 9))),
    Problem("insert_position", ("insert_position:{count where x<y}",),
            lambda xs, y: sum(x < y for x in xs), lambda r: (sorted(set(ints(r, 0, 30))), r.randint(0, 30))),
    Problem("histogram", ("histogram:{count each group x}",), _counts, lambda r: (ints(r, 0, 4, (1, 10)),)),
    Problem("triangles", ("triangles:{sums 1+til x}",), lambda n: [i * (i + 1) // 2 for i in range(1, n + 1)],
            lambda r: (r.randint(2, 15),)),
    Problem("merge_sorted", ("merge_sorted:{asc x,y}",), lambda a, b: sorted(a + b),
            lambda r: (sorted(ints(r)), sorted(ints(r)))),
    Problem("balanced", ("balanced:{s:sums (x=\"(\")-x=\")\"; (0=last s) and all s>=0}",),
            _balanced, lambda r: ("".join(r.choice("()") for _ in range(2 * r.randint(1, 5))),)),
    Problem("hamming", ("hamming:{count where x<>y}",), lambda a, b: sum(p != q for p, q in zip(a, b)),
            lambda r: (lambda n: (word(r, "ab", (n, n)), word(r, "ab", (n, n))))(r.randint(1, 10))),
    Problem("transpose", ("transpose:{flip x}",), lambda m: [list(c) for c in zip(*m)],
            lambda r: (lambda h, w: ([[r.randint(0, 9) for _ in range(w)] for _ in range(h)],))(r.randint(2, 4), r.randint(2, 4))),
    Problem("diagonal_sum", ("diagonal_sum:{sum x@'til count x}",), lambda m: sum(m[i][i] for i in range(len(m))),
            lambda r: (lambda n: ([[r.randint(0, 9) for _ in range(n)] for _ in range(n)],))(r.randint(2, 4))),
    Problem("range_sum", ("range_sum:{sum x y+til 1+z-y}",), lambda xs, i, j: sum(xs[i:j + 1]),
            lambda r: (lambda xs: (xs, *sorted(r.sample(range(len(xs)), 2))))(ints(r, n=(3, 10)))),
    Problem("max_of_three_products", ("max3:{s:asc x; max (s[0]*s[1]*last s;prd -3#s)}",),
            lambda xs: max(sorted(xs)[0] * sorted(xs)[1] * sorted(xs)[-1], sorted(xs)[-1] * sorted(xs)[-2] * sorted(xs)[-3]),
            lambda r: (ints(r, n=(3, 9)),)),
    Problem("differences", ("differences:{1_ deltas x}", "differences:{(1_x)-(-1_x)}"),
            lambda xs: [b - a for a, b in zip(xs, xs[1:])], lambda r: (ints(r, n=(2, 10)),)),
    Problem("clamp", ("clamp:{y|z&x}", "clamp:{[xs;lo;hi] lo|hi&xs}"),
            lambda xs, lo, hi: [max(lo, min(hi, x)) for x in xs], lambda r: (ints(r), -5, 5)),
]
# the name each problem's solutions define (`max3` is shorter than the problem's name)
ENTRY = {p.name: p.solutions[0].split("\n")[-1].split(":")[0] for p in PROBLEMS}


def instance(problem, rng, n_tests=5, variant=0):
    """One (solution, tests) pair: a q solution of `problem` and n_tests value tests."""
    entry = ENTRY[problem.name]
    tests = []
    for _ in range(n_tests):
        args = problem.inputs(rng)
        call = f"{entry}[{';'.join(q_literal(a) for a in args)}]"
        tests.append((call, q_literal(problem.reference(*args))))
    return problem.solutions[variant % len(problem.solutions)], tests


def instances(count, n_tests=5, seed=0):
    """`count` (solution, [(call, expected)]) pairs cycling through problems and their variants."""
    rng = random.Random(seed)
    out = []
    for i in range(count):
        problem = PROBLEMS[i % len(PROBLEMS)]
        out.append(instance(problem, rng, n_tests, variant=i // len(PROBLEMS)))
    return out
