"""Views: `v::expr` typed at the top level makes v a view of expr, evaluated afresh whenever v is
read, so it always reflects the variables it depends on. `view` gives a view's source text,
`views` the names of the session's views.

The parser marks a top-level `name::expr` whose expression names something as a ('view', name,
rhs, source) node; an expression of constants and keywords only is an ordinary global assignment.
"""
import numpy as np

from ..base.errors import QError
from ..base.upcalls import UP
from ..base.values import Atom, Vec, sym_vec, char_vec
from ..base.registry import kw
from ..evaluation import evaluator as ev


class View:
    __slots__ = ("src", "closure")

    def __init__(self, src, closure):
        self.src = src
        self.closure = closure


def _views():
    session = ev.STATE.session
    return session.views if session is not None else {}


def _free_names(node, out):
    """Names a parse node refers to (variables, not keywords)."""
    if isinstance(node, tuple):
        if len(node) == 2 and node[0] == "v":
            out.add(node[1])
            return out
        for part in node[1:]:
            _free_names(part, out)
    elif isinstance(node, list):
        for part in node:
            _free_names(part, out)
    return out


def compile_view(node, scope):
    _, name, rhs, src = node
    closure = ev.compile_node(rhs, scope)
    names = _free_names(rhs, set())
    depends = any(n not in ev.PROTECTED and n != name for n in names)
    if not depends or name in ev.PROTECTED:
        return ev.compile_node(("asg", name, rhs, None, True), scope)

    def define(L):
        ev.STATE.g.pop(name, None)
        _views()[name] = View(src, closure)
        return ev.IDENTITY
    return define


def read_view(name):
    """The current value of view `name`, or None when there is no such view."""
    view = _views().get(name)
    if view is None:
        return None
    return view.closure({})


@kw("view")
def view(x):
    if not (type(x) is Atom and x.t == -11):
        raise QError("type")
    v = _views().get(x.v)
    if v is None:
        raise QError(x.v)
    return char_vec(v.src)


@kw("views")
def views(x):
    names = sorted(n for n in _views() if n not in ev.STATE.g)
    return Vec(11, np.array(names, dtype=object), "s") if names else sym_vec([])


UP.provide(read_view=read_view, compile_view=compile_view)
