"""IPython magics: `%%q` runs a cell and `%q` a line in one q session kept per kernel (notebook).

Load with `%load_ext qblueprint.q.magic`. The cell's console text is printed as the q console
would show it; errors appear as q's `'name` text rather than Python tracebacks.
"""
from .session import Session
from .session import split_script

_SESSION = None


def session():
    """The notebook's q session (created on first use, then kept)."""
    global _SESSION
    if _SESSION is None:
        _SESSION = Session()
    return _SESSION


def run_cell(text):
    """Console text for a cell: each top-level statement as if typed at the q) prompt."""
    s = session()
    out = []
    for stmt in split_script(text):
        out.append(s.console(stmt))
    return "".join(out)


def q_magic(line, cell=None):
    text = run_cell(cell if cell is not None else line)
    if text:
        print(text, end="" if text.endswith("\n") else "\n")


def load_ipython_extension(ipython):
    ipython.register_magic_function(lambda line: q_magic(line), "line", "q")
    ipython.register_magic_function(lambda line, cell: q_magic(line, cell), "cell", "q")
