"""`qblueprint q`: an interactive `q)` prompt, or `qblueprint q FILE.q` to run a script."""
import re
import sys

from ..base.errors import QError
from .session import Session, script_statements


def run_file(path, out=None, err=None):
    """Run a script like `q FILE.q`: print what it writes; an error stops it with status 1."""
    out = out or sys.stdout
    err = err or sys.stderr
    try:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
    except OSError as e:
        err.write("%s: %s\n" % (path, e.strerror))
        return 2
    session = Session()
    for lineno, stmt in script_statements(text):
        status = _exit_status(stmt)
        if status is not None:
            return status
        session.out = []
        try:
            session.run_statements(stmt)
        except QError as e:
            out.write("".join(session.out))
            # q's first line, then where: the file, line and statement, so the error can be found
            err.write("'%s\n  [0]  %s:%d: %s\n" % (e.name, path, lineno, stmt.split("\n", 1)[0]))
            return 1
        out.write("".join(session.out))
        out.flush()
    return 0


def repl(inp=None, out=None):
    inp = inp or sys.stdin
    out = out or sys.stdout
    session = Session()
    buf = []
    while True:
        out.write("q)" if not buf else "")
        out.flush()
        line = inp.readline()
        if not line:
            return 0
        line = line.rstrip("\n")
        if not buf:
            status = _exit_status(line)
            if status is not None:
                return status
        buf.append(line)
        text = "\n".join(buf)
        if _open_brackets(text) > 0:
            continue
        buf = []
        result = session.console(text)
        if result:
            out.write(result if result.endswith("\n") else result + "\n")


def _exit_status(stmt):
    """The status a line ends the session with: `\\\\` is 0, `exit n` is n; else None."""
    text = stmt.strip().rstrip(";").strip()
    if text == "\\\\":
        return 0
    m = re.fullmatch(r"exit\s+(-?\d+)", text)
    return int(m.group(1)) if m else None


def _open_brackets(text):
    depth = 0
    in_str = False
    i = 0
    while i < len(text):
        c = text[i]
        if in_str:
            if c == "\\":
                i += 1
            elif c == '"':
                in_str = False
        elif c == '"':
            in_str = True
        elif c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
        i += 1
    return depth


def main(argv=None):
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv:
        return run_file(argv[0])
    return repl()


if __name__ == "__main__":
    sys.exit(main())
