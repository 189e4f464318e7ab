"""Session: one q workspace (globals, output buffer, limits) and the console/eval/load API."""
import os
import sys
import threading

import numpy as np

from ..base.errors import QError
from ..base.upcalls import UP
from ..base.values import Atom, Keyword, Limits, IDENTITY, Null, Vec, char_vec, text_to_q, text_from_q
from ..evaluation import evaluator as ev
from ..library import primitives  # noqa: F401  (fills the primitive tables)
from ..prims import iterators, temporal_ops  # noqa: F401  (fill their upcall slots)
from ..base.registry import K_UNARY_FORMS
from ..library.keywords import REGISTRY
from ..reading.parser import parse
from ..output.display import display, console_text, DEFAULT_CONSOLE_SIZE, CONSOLE_SIZE_RANGE, FloatDigits
from ..base.values import string_of, QList
from ..base.values import from_py

# q commands that are not the operating system's; OS commands (`\ls`) are refused as 'access
_Q_COMMANDS = set("abBcCdefglopPrsStTuvwWxz12_") | {"cd", "ts"}
_PARSE_CACHE = {}
_PARSE_CACHE_MAX = 4096
BUILTINS = None


def _compile(text):
    """Parse and compile source text (cached): list of (node, closure)."""
    key = (ev.STATE.ns, text)       # names compile relative to the current namespace
    hit = _PARSE_CACHE.get(key)
    if hit is not None:
        return hit
    nodes = parse(text)
    compiled = [(n, ev.compile_node(n, None)) for n in nodes]
    if len(_PARSE_CACHE) >= _PARSE_CACHE_MAX:
        _PARSE_CACHE.clear()
    _PARSE_CACHE[key] = compiled
    return compiled


# The recursion limit is the process's, not the thread's: while sessions run it is never lowered
# (each raises it to what it needs), and the host's own limit comes back when the last call returns.
_LIMIT_LOCK = threading.Lock()
_LIMIT = {"running": 0, "host": None}


def _raise_recursion_limit(need):
    with _LIMIT_LOCK:
        if _LIMIT["running"] == 0:
            _LIMIT["host"] = sys.getrecursionlimit()
        _LIMIT["running"] += 1
        if sys.getrecursionlimit() < need:
            sys.setrecursionlimit(need)


def _restore_recursion_limit():
    with _LIMIT_LOCK:
        _LIMIT["running"] -= 1
        if _LIMIT["running"] == 0:
            sys.setrecursionlimit(_LIMIT["host"])


def _builtins():
    """Keyword bindings shared by every session: Python keywords, then keywords.q."""
    global BUILTINS
    if BUILTINS is not None:
        return BUILTINS
    with _BUILTINS_LOCK:        # the first sessions may start in several threads at once
        if BUILTINS is None:
            BUILTINS = _make_builtins()
    return BUILTINS


_BUILTINS_LOCK = threading.Lock()


def _make_builtins():
    # a keyword that is a k primitive's unary form (neg is -:) has that form's type, 101h
    g = {name: Keyword(name, fn, rank, 101 if name in K_UNARY_FORMS else 100)
         for name, (fn, rank) in REGISTRY.items()}
    saved = ev.STATE.g
    ev.STATE.g = g
    try:
        path = os.path.join(os.path.dirname(os.path.dirname(__file__)), "library", "keywords.q")
        with open(path, encoding="utf-8") as fh:
            run_script(fh.read())
    finally:
        ev.STATE.g = saved
    ev.PROTECTED.update(g)
    return g


def split_script(text):
    """Split a q script into statements (see `script_statements`)."""
    return [stmt for _, stmt in script_statements(text)]


def script_statements(text):
    """A q script's statements with the line each starts on: continuation lines start with
    whitespace; `/` lines are comments; a lone `/` opens a block comment closed by a lone `\\`;
    a lone `\\` outside a comment ends the script, and so does `\\\\` (q exits there)."""
    stmts = []
    cur = None
    in_block = False
    for lineno, line in enumerate(text.split("\n"), 1):
        stripped = line.rstrip()
        if in_block:
            if stripped == "\\":
                in_block = False
            continue
        if stripped == "/":
            in_block = True
            continue
        if stripped in ("\\", "\\\\"):
            break       # a lone `\` ends the script; `\\` exits q, so nothing after it runs
        if not stripped:
            continue
        if line[0] in " \t":
            if cur is not None:
                cur.append(line)
            continue
        if line.startswith("/"):
            continue
        if cur is not None:
            stmts.append((start, "\n".join(cur)))
        start, cur = lineno, [line]
    if cur is not None:
        stmts.append((start, "\n".join(cur)))
    return stmts


def run_script(text):
    for stmt in split_script(text):
        if stmt.startswith("\\"):
            _system_command(stmt)
            continue
        for _, c in _compile(stmt):
            c({})


def _system_command(text):
    cmd = text[1:].strip()
    if cmd in ("", "\\"):
        return None
    word = cmd.split()[0]
    if word not in _Q_COMMANDS:
        raise QError("access")
    if word in ("l", "cd", "_"):
        raise QError("access")
    if word == "d":
        return _namespace_command(cmd.split()[1:])
    if word == "c" and ev.STATE.session is not None:
        return ev.STATE.session.console_size_command(cmd.split()[1:])
    if word == "P" and ev.STATE.session is not None:
        return ev.STATE.session.precision_command(cmd.split()[1:])
    raise QError("nyi")


def _namespace_command(args):
    r"""`\d` shows the current namespace, `\d .ns` switches to it, `\d .` returns to the root."""
    st = ev.STATE
    if not args:
        return Atom(-11, st.ns or ".")
    name = args[0]
    if len(args) > 1 or not name.startswith(".") or (name != "." and not all(
            part.isidentifier() for part in name[1:].split("."))):
        raise QError("type")
    st.ns = "" if name == "." else name
    if st.session is not None:
        st.session.ns = st.ns
    return None


class Session:
    """A q workspace.

    >>> Session().console("til 3")
    '0 1 2'
    """

    def __init__(self, max_steps=None, max_bytes=1 << 28, max_depth=800,
                 console_size=DEFAULT_CONSOLE_SIZE, precision=7, max_output=None):
        self.g = dict(_builtins())
        self.ns = ""      # current namespace (\d)
        self.console_size = tuple(console_size)
        self.precision = precision
        self.out = []
        self.views = {}  # name -> views.View, the `v::expr` definitions made at the top level
        self.rng = np.random.default_rng(-314159 & 0xFFFFFFFF)
        self.max_steps = max_steps
        self.max_bytes = max_bytes
        self.max_depth = max_depth
        # cap on what code may print over the session's life (-1, -2, show, 0N!), so an
        # endless printer stops with 'limit instead of filling memory; None: no cap
        self.max_output = max_output
        self.printed_chars = 0

    # ------------------------------------------------------------- running

    def _run(self, fn, *args):
        st = ev.STATE
        saved = (st.g, st.out, st.depth, st.session, st.max_steps, st.steps, st.max_depth,
                 Limits.max_bytes, FloatDigits.current, st.ns)
        FloatDigits.current = self.precision or 17
        st.g, st.out, st.depth, st.session, st.ns = self.g, self.out, 0, self, self.ns
        st.max_steps, st.steps, st.max_depth = self.max_steps, 0, self.max_depth
        Limits.max_bytes = self.max_bytes
        # q's depth needs many Python frames per call; the higher limit lasts only while q
        # runs, so the host process keeps its own (a runaway recursion is still 'stack)
        _raise_recursion_limit(40 * self.max_depth)
        try:
            return fn(*args)
        except RecursionError:
            raise QError("stack") from None
        except MemoryError:
            raise QError("wsfull") from None
        finally:
            _restore_recursion_limit()
            (st.g, st.out, st.depth, st.session, st.max_steps, st.steps, st.max_depth,
             Limits.max_bytes, FloatDigits.current, st.ns) = saved

    def _eval_text(self, text):
        """Evaluate one console input; return (value, print it?)."""
        stripped = text.strip()
        if stripped.startswith("\\"):
            value = _system_command(stripped)
            return (IDENTITY, False) if value is None else (value, True)
        compiled = _compile(text)
        value = IDENTITY
        for _, c in compiled:
            value = c({})
        if not compiled:
            return IDENTITY, False
        last = compiled[-1][0]
        quiet = last[0] in ("asg", "asgi", "nop", "view", "pasg")
        return value, not quiet

    def eval_string(self, text):
        """`value "..."`: evaluate a string inside a running evaluation."""
        compiled = _compile(text)
        value = IDENTITY
        for _, c in compiled:
            value = c({})
        return value

    def console(self, text):
        """Exactly what the q console prints for one input (errors as `'name`)."""
        return text_from_q(self._console(text_to_q(text)))

    def _console(self, text):
        self.out = []
        try:
            value, show = self._run(self._eval_text, text)
            printed = "".join(self.out)
            if show and not isinstance(value, Null):
                printed += self._run(console_text, value, self.console_size) + "\n"
            return printed
        except QError as e:
            return "".join(self.out) + "'" + e.name + "\n"
        except RecursionError:
            return "".join(self.out) + "'stack\n"
        except MemoryError:
            return "".join(self.out) + "'wsfull\n"
        except Exception as e:  # an interpreter defect must not escape the console
            return "".join(self.out) + "'" + _python_error_name(e) + "\n"

    def eval(self, text):
        """Evaluate q text and return the value of its last expression (raises QError)."""
        self.out = []
        text = text_to_q(text)
        try:
            value, _ = self._run(self._eval_text, text)
        except QError:
            raise
        except Exception as e:
            raise QError(_python_error_name(e)) from e
        return value

    def load(self, text):
        """Run a q script (q's script rules) and return everything it printed."""
        ns = self.ns
        try:
            return self.run_statements(text)
        finally:
            self.ns = ns        # as \l does, loading a script leaves the current namespace as it was

    def run_statements(self, text):
        r"""Run statements of a script that is being run piece by piece (`q FILE`): unlike
        `load`, a `\d` among them stays in force for the pieces after it. Returns the output."""
        self.out = []
        try:
            self._run(run_script, text_to_q(text))
        except QError:
            raise
        except Exception as e:
            raise QError(_python_error_name(e)) from e
        return text_from_q("".join(self.out))

    def display(self, value):
        return display(value)

    @property
    def output_exceeded(self):
        """Whether code tried to print more than max_output (the cause of its 'limit)."""
        return self.max_output is not None and self.printed_chars > self.max_output

    def precision_command(self, args):
        """`\\P`: the digits floats show with, or set them from `\\P n` (0 for all 17)."""
        if not args:
            return Atom(-6, self.precision)
        if len(args) > 1 or not args[0].isdigit():
            raise QError("type")
        self.precision = min(int(args[0]), 17)
        FloatDigits.current = self.precision or 17
        return None

    def console_size_command(self, args):
        """`\\c`: the console size (lines, columns) as q shows it, or set it from `\\c lines cols`."""
        if not args:
            return Vec(6, np.array(self.console_size, dtype=np.int32))
        if len(args) > 2 or not all(a.isdigit() for a in args):
            raise QError("type")
        lo, hi = CONSOLE_SIZE_RANGE
        wanted = [int(a) for a in args] + list(self.console_size[len(args):])
        self.console_size = tuple(min(max(n, lo), hi) for n in wanted)
        return None

    def __getitem__(self, name):
        return self.g[name]

    def __setitem__(self, name, value):
        self.g[name] = from_py(value)


def _python_error_name(e):
    if isinstance(e, (IndexError,)):
        return "index"
    if isinstance(e, (ZeroDivisionError, OverflowError, ValueError)):
        return "domain"
    return "type"


def write_handle(handle, value):
    """`-1 x` / `-2 x` / `1 x`: write a string (or strings) to the session output."""
    if isinstance(value, QList):
        text = "\n".join(string_of(v) for v in value.items)
    else:
        text = string_of(value)
    newline = handle < 0
    write_output(text + ("\n" if newline else ""))
    return value


def write_output(text):
    """Print `text` to the running session's output, within its max_output."""
    st = ev.STATE
    session = st.session
    if session is not None and session.max_output is not None:
        # counted even when refused, so that every later write fails too
        session.printed_chars += len(text)
        if session.printed_chars > session.max_output:
            raise QError("limit")
    st.out.append(text)


__all__ = ["Session", "QError", "char_vec"]


UP.provide(write_handle=write_handle, write_output=write_output, system_command=_system_command)
