"""The `qblueprint` command line."""
import subprocess
import sys
import types

import pytest

from qblueprint.cli import build_parser, find_notebooks, main, parse_parameters


def test_parameters_parse_literals_and_route_overrides():
    params = parse_parameters(["seed=3", "name=abc", "sft.learning_rate=1e-4", "model=/weights/q", "flag=True"])
    assert params == {"seed": 3, "name": "abc", "flag": True,
                      "overrides": {"sft.learning_rate": 1e-4, "model": "/weights/q"}}


def test_a_parameter_without_equals_is_an_error_naming_it():
    with pytest.raises(ValueError, match="-p 'seed': expected key=value"):
        parse_parameters(["seed"])


def test_help_explains_each_command():
    top = build_parser().format_help()
    assert "study" in top and "q" in top
    result = subprocess.run([sys.executable, "-m", "qblueprint.cli", "study", "--help"], capture_output=True, text=True)
    assert result.returncode == 0 and "--scales" in result.stdout and "--force" in result.stdout


def test_notebooks_are_found_from_inside_the_checkout(tmp_path):
    (tmp_path / "settings.ini").write_text("[DEFAULT]\n")
    (tmp_path / "nbs").mkdir()
    (tmp_path / "nbs" / "deep").mkdir()
    assert find_notebooks(tmp_path / "nbs" / "deep") == tmp_path / "nbs"
    with pytest.raises(FileNotFoundError, match="pass --nbs"):
        find_notebooks(tmp_path.parent)


def test_bad_scale_exits_2_with_a_message(capsys, tmp_path):
    assert main(["study", "--scales", "huge", "--out", str(tmp_path)]) == 2
    assert "unknown scale(s) huge" in capsys.readouterr().err


def test_q_passes_its_arguments_to_the_interpreter(monkeypatch):
    seen = []
    fake = types.ModuleType("qblueprint.q.front.repl")
    fake.main = lambda argv: seen.append(argv) or 0
    monkeypatch.setitem(sys.modules, "qblueprint.q.front.repl", fake)
    assert main(["q", "script.q", "-x"]) == 0
    assert seen == [["script.q", "-x"]]
