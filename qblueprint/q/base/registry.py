"""The keyword table: name -> (python function, rank), filled by the keyword modules as they load;
the session binds every entry as a global before running keywords.q."""
REGISTRY = {}


def kw(name, rank=1):
    def deco(fn):
        REGISTRY[name] = (fn, rank)
        return fn
    return deco


# Keywords that q.k defines as the unary form of a k primitive (`neg:-:`): the console shows them
# in that form (`q)type` prints `@:`), and so do the parse trees that hold them. The forms come from
# KX's documentation (basics/parsetrees.md, ref/parse.md, ref/value.md, wp/parse-trees.md, .Q.a0 in
# q.k), except reverse, group and floor, which parse showed so before and no page contradicts;
# `til`, `iasc` and `idesc` are k lambdas since 4.0, and `enlist` prints by name.
K_UNARY_FORMS = {"neg": "-", "not": "~", "null": "^", "string": "$", "reciprocal": "%", "count": "#",
                 "first": "*", "where": "&", "flip": "+", "distinct": "?", "type": "@", "key": "!",
                 "value": ".", "get": ".", "reverse": "|", "group": "=", "floor": "_"}

# Keywords that q.k defines as a derived function (basics/variadic.md, exposed-infrastructure.md:
# `deltas` prints -': and, like -':, takes a second argument, deltas[10;y] being -':[10;y]).
# The pages list more such covers (sums, maxs, ratios...), but 4.x shows max and min by name in
# parse trees (wp/permissions), so only deltas, shown in the newest pages, is taken as one.
K_DERIVED_FORMS = {"deltas": ("-", "':")}
