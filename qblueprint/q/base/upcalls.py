"""The one way a lower layer of the engine calls a higher one.

Each layer imports only the layers below it (the contract is `.importlinter` at the project root,
checked by tests/q/test_layers.py). A few operations below need something that lives above: the
evaluator indexes tables and applies derived functions, a value prints itself with the console
format, `-1` writes to the session's output; inside prims/, the verbs call the topical modules built
on them. Each such operation is one named slot of `UP`, filled once by the module that owns it when
that module is imported (`UP.provide(name=function)`). Importing `qblueprint.q` imports every owner
(front/session.py names the ones nothing else imports), so all slots are filled before any q runs;
tests/q/test_layers.py checks it. Calling a slot nobody filled raises AttributeError naming it: an
engine bug, never a q error.
"""

SLOTS = {
    # owner: output.display
    "display": "the console text of a value",
    "inline": "a value's one-line text (as in a dictionary or error)",
    # owner: prims.verbs
    "match": "x ~ y as a Python bool",
    "find": "x ? y (find)",
    # owner: prims.iterators
    "apply_derived": "apply a derived function (f' f/ ...)",
    "adverb_call": "apply an adverb to its operand",
    "derived_rank": "the rank of a derived function",
    # owner: prims.tables
    "column": "a table's column by name",
    "keyed_lookup": "index a keyed table",
    "amend_table": "amend a table",
    "amend_keyed": "amend a keyed table",
    "make_table": "build a table from names and columns",
    # owner: prims.casting
    "enum_index": "index an enumeration",
    # owner: library.aggregates
    "fold": "the fast path of an accumulator keyword over a list (sum, prd, max, ...)",
    "running": "the fast path of a running accumulator (sums, prds, maxs, ...)",
    # owner: library.keywords
    "dot_field": "field access on a dictionary or table (d.k)",
    # owner: library.table_keywords
    "join_in_place": "x,:y on a table",
    # owner: library.qsql
    "compile_qsql": "compile a qSQL template node",
    # owner: library.views
    "read_view": "the current value of a view",
    "compile_view": "compile a view definition",
    # owner: library.primitives
    "apply_n": "apply a primitive glyph to n arguments",
    "unary_prim": "the unary form of a primitive glyph",
    # Inside prims/, verbs.py is the bottom: the topical modules build on it, and where a verb
    # needs one of them (a cast, an enumeration, a table, temporal arithmetic) it calls these.
    # owner: prims.casting
    "cast_to": "cast a value to a type ($)",
    # owner: prims.enums
    "enum_values": "the values an enumeration stands for",
    "enum_from_indices": "an enumeration from its domain and indices",
    "enum_extend": "extend an enumeration's domain (?)",
    "enum_join": "join enumerations (,)",
    # owner: prims.tables
    "keyed_upsert": "upsert into a keyed table",
    "table_join": "join tables (,)",
    "xkey_n": "key a table on its first n columns (n!t)",
    "table_find": "find rows in a table (?)",
    # owner: prims.temporal_ops
    "arith": "arithmetic on temporal values",
    "comparable": "temporal values made comparable",
    # owner: prims.listops
    "take_n": "take n items (#)",
    # owner: front.session
    "write_handle": "write a value to handle 1 or 2 (the session's output)",
    "write_output": "append text to the session's output",
    "system_command": "run a \\ system command",
}


class _Upcalls:
    __slots__ = tuple(SLOTS)

    def provide(self, **functions):
        for name, fn in functions.items():
            if name not in SLOTS:
                raise KeyError(f"upcalls: no slot {name!r} (add it to SLOTS in base/upcalls.py)")
            setattr(self, name, fn)

    def missing(self):
        return [name for name in SLOTS if not hasattr(self, name)]


UP = _Upcalls()
