"""The study runner: stage discovery, resume, failures that do not stop the study, and a real papermill run."""
import json
from pathlib import Path

import nbformat
import pytest

from qblueprint.study import REPORT_NOTEBOOK, notebook_parameters, run_study, select_stages, stage_notebooks, stage_of

NBS = Path(__file__).resolve().parent.parent / "nbs"


def make_notebook(path: Path, stage: str | None, body: str):
    "A notebook with a parameters cell (declaring `stage` when given) and one code cell."
    params = (f"stage = {stage!r}\n" if stage else "") + "scale = 'tiny'\nreports = '.'\nseed = 0\noverrides = {}"
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(params), nbformat.v4.new_code_cell(body)])
    nb.cells[0].metadata["tags"] = ["parameters"]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "python3", "language": "python"}
    nbformat.write(nb, path)


WRITE_METRICS = """
import json, pathlib
out = pathlib.Path(reports) / scale / stage
out.mkdir(parents=True, exist_ok=True)
if scale in overrides.get("fail_on", []): raise RuntimeError(f"boom at {scale}")
(out / "metrics.json").write_text(json.dumps({"seed": seed}))
"""


@pytest.fixture
def nbs(tmp_path):
    folder = tmp_path / "nbs"
    folder.mkdir()
    make_notebook(folder / "00_first.ipynb", "first", WRITE_METRICS)
    make_notebook(folder / "01_second.ipynb", "second", WRITE_METRICS)
    make_notebook(folder / REPORT_NOTEBOOK, None, "import pathlib; (pathlib.Path(reports) / 'report').mkdir(exist_ok=True)")
    (folder / "index.ipynb").write_text((folder / "00_first.ipynb").read_text())  # not a stage
    return folder


def test_the_project_notebooks_are_found_in_order():
    stages = stage_notebooks(NBS)
    assert stages[0].name == "00_scales.ipynb" and stage_of(stages[0]) == "model"
    assert [p.name for p in stages] == sorted(p.name for p in stages)
    assert REPORT_NOTEBOOK not in [p.name for p in stages] and "index.ipynb" not in [p.name for p in stages]
    for nb in stages:  # every stage declares the parameters the runner passes
        assert {"stage", "scale", "data", "seed", "overrides"} <= set(notebook_parameters(nb)) | {"reports"}


def test_stages_are_selected_by_file_number_or_stage(nbs):
    all_ = stage_notebooks(nbs)
    assert [p.name for p in all_] == ["00_first.ipynb", "01_second.ipynb"]
    assert select_stages(all_, ["01"]) == select_stages(all_, ["second"]) == select_stages(all_, ["01_second"]) == all_[1:]
    with pytest.raises(ValueError, match="unknown stage 'third'"):
        select_stages(all_, ["third"])


def test_a_notebook_without_a_stage_is_an_error_naming_it(nbs):
    make_notebook(nbs / "02_nameless.ipynb", None, "pass")
    with pytest.raises(ValueError, match="02_nameless.ipynb: its parameters cell must set stage"):
        stage_of(nbs / "02_nameless.ipynb")


class FakeRun:
    "Stands in for papermill: records the calls and writes what a stage notebook would."

    def __init__(self, fail=()):
        self.calls, self.fail = [], set(fail)

    def __call__(self, notebook, output, parameters, cwd):
        self.calls.append((parameters.get("scale", "report"), notebook.name))
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text("{}")
        if parameters.get("scale") in self.fail: raise RuntimeError(f"boom at {parameters['scale']}")
        if "stage" in parameters: (output.parent / "metrics.json").write_text("{}")


def test_a_failing_scale_is_recorded_and_the_study_goes_on(nbs, tmp_path):
    run, out, lines = FakeRun(fail={"3b"}), tmp_path / "reports", []
    outcomes = run_study(["3b", "tiny"], out=out, nbs=nbs, run=run, log=lines.append)
    assert outcomes["3b"].status == "failed" and "boom at 3b" in outcomes["3b"].error
    assert outcomes["tiny"].status == "ok"
    # 3b stopped at its first stage; tiny ran both; the report ran last
    assert run.calls == [("3b", "00_first.ipynb"), ("tiny", "00_first.ipynb"), ("tiny", "01_second.ipynb"),
                         ("report", REPORT_NOTEBOOK)]
    summary = json.loads((out / "study.json").read_text())
    assert summary["3b"]["status"] == "failed" and summary["tiny"]["status"] == "ok"
    assert "boom at 3b" in (out / "3b" / "error.txt").read_text()
    assert any("FAILED" in line and "3b" in line for line in lines)


def test_resume_skips_complete_stages_and_reruns_what_changed(nbs, tmp_path):
    out = tmp_path / "reports"
    run_study(["tiny"], out=out, nbs=nbs, run=FakeRun(), report=False, log=lambda _: None)

    again = FakeRun()
    outcome = run_study(["tiny"], out=out, nbs=nbs, run=again, report=False, log=lambda _: None)["tiny"]
    assert again.calls == [] and [s["status"] for s in outcome.stages] == ["skipped", "skipped"]

    forced = FakeRun()
    run_study(["tiny"], out=out, nbs=nbs, run=forced, report=False, force=True, log=lambda _: None)
    assert len(forced.calls) == 2

    new_seed = FakeRun()  # different parameters: the stage's outputs no longer match
    run_study(["tiny"], out=out, nbs=nbs, run=new_seed, report=False, parameters={"seed": 1}, log=lambda _: None)
    assert len(new_seed.calls) == 2

    make_notebook(nbs / "01_second.ipynb", "second", WRITE_METRICS + "\n# edited")
    edited = FakeRun()
    run_study(["tiny"], out=out, nbs=nbs, run=edited, report=False, parameters={"seed": 1}, log=lambda _: None)
    assert edited.calls == [("tiny", "01_second.ipynb")]


def test_a_stage_that_writes_no_metrics_fails(nbs, tmp_path):
    def silent(notebook, output, parameters, cwd): output.parent.mkdir(parents=True, exist_ok=True)
    outcome = run_study(["tiny"], out=tmp_path, nbs=nbs, run=silent, report=False, log=lambda _: None)["tiny"]
    assert outcome.status == "failed" and "without writing" in outcome.error


def test_a_rerun_stage_reruns_the_stages_after_it(nbs, tmp_path):
    run_study(["tiny"], out=tmp_path, nbs=nbs, run=FakeRun(), report=False, log=lambda _: None)
    (tmp_path / "tiny" / "first" / "metrics.json").unlink()
    run = FakeRun()
    run_study(["tiny"], out=tmp_path, nbs=nbs, run=run, report=False, log=lambda _: None)
    assert run.calls == [("tiny", "00_first.ipynb"), ("tiny", "01_second.ipynb")]


def test_unknown_scale_is_rejected_before_anything_runs(nbs, tmp_path):
    with pytest.raises(ValueError, match="unknown scale.*huge"):
        run_study(["tiny", "huge"], out=tmp_path, nbs=nbs, run=FakeRun())


def test_papermill_runs_the_notebooks_for_real(nbs, tmp_path):
    out, lines = tmp_path / "reports", []
    outcomes = run_study(["tiny", "1.5b"], out=out, nbs=nbs, stages=["00"], log=lines.append,
                         parameters={"seed": 7, "overrides": {"fail_on": ["tiny"]}})
    assert outcomes["tiny"].status == "failed" and "RuntimeError: boom at tiny" in outcomes["tiny"].error
    assert outcomes["1.5b"].status == "ok"
    assert json.loads((out / "1.5b" / "first" / "metrics.json").read_text()) == {"seed": 7}
    executed = nbformat.read(out / "1.5b" / "first" / "00_first.ipynb", as_version=4)
    assert any("injected-parameters" in c.metadata.get("tags", []) for c in executed.cells)
    assert (out / "tiny" / "first" / "00_first.ipynb").exists()  # the failed run's notebook shows the error
    assert (out / "report").is_dir() and (out / "report" / REPORT_NOTEBOOK).exists()
    assert lines[-1] == f"study: 1 of 2 scale(s) ok; failed: tiny (see {out}/<scale>/error.txt)"


def test_metrics_are_written_whole(tmp_path):
    from qblueprint.study import write_metrics
    path = write_metrics(tmp_path / "tiny" / "model", {"loss": 1.5})
    assert json.loads(path.read_text()) == {"loss": 1.5}
    assert [p.name for p in path.parent.iterdir()] == ["metrics.json"]


def test_a_numbered_notebook_without_parameters_is_a_library_notebook_not_a_stage(nbs):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")])
    nbformat.write(nb, nbs / "01_library.ipynb")
    assert [p.name for p in stage_notebooks(nbs)] == ["00_first.ipynb", "01_second.ipynb"]
    assert [p.name for p in select_stages(stage_notebooks(nbs), ["01"])] == ["01_second.ipynb"]
