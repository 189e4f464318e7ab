"""The `qblueprint q` entry points (script runner, REPL) and the notebook magics."""
import io

from qblueprint.q.front import repl
from qblueprint.q.front import magic


def test_script_prints_writes_and_stops_at_error(tmp_path, capsys):
    script = tmp_path / "t.q"
    script.write_text('show 1+1\n-1 "hi";\nf:{[x]\n  x*3}\nshow f 2\n1+`a\nshow "not reached"\n')
    rc = repl.main([str(script)])
    out = capsys.readouterr()
    assert rc == 1
    assert out.out == "2\nhi\n6\n"
    assert out.err == "'type\n  [0]  %s:6: 1+`a\n" % script  # the error, then its file and line


def test_script_exit_ends_cleanly(tmp_path, capsys):
    script = tmp_path / "t.q"
    script.write_text("show 1\n\\\\\nshow 2\n")
    assert repl.main([str(script)]) == 0
    assert capsys.readouterr().out == "1\n"


def test_repl_reads_multiline_input():
    out = io.StringIO()
    repl.repl(io.StringIO("til 3\nf:{x+\n y}\nf[1;2]\n"), out)
    text = out.getvalue()
    assert "0 1 2" in text and "3" in text.split("0 1 2")[1]


def test_magic_keeps_one_session_per_kernel():
    magic._SESSION = None
    assert magic.run_cell("a:10") == ""
    assert magic.run_cell("a+1").strip() == "11"
    assert magic.run_cell("1+`a").strip() == "'type"


def test_script_exit_status(tmp_path, capsys):
    script = tmp_path / "t.q"
    script.write_text("show 1\nexit 3\nshow 2\n")
    assert repl.main([str(script)]) == 3
    assert capsys.readouterr().out == "1\n"
