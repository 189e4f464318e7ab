"""The scaling study renders from whatever has been measured, showing a missing scale or stage as missing."""
import json
import re

import pandas as pd

from qblueprint.report import (MISSING, collect_metrics, eval_table, markdown_table, nominal_parameters, numbers_table, scaling_study,
                               task_table, training_curves)


def write(path, data):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data))


def evaluated(p1, params, tasks=None):
    return {"status": "evaluated", "parameters": params, "samples": 16, "pass@1": p1, "pass@1_low": p1 / 2,
            "pass@1_high": min(1, p1 * 2), "pass@8": min(1, 3 * p1), "pass@8_low": p1, "pass@8_high": 1.0,
            "by_task": {t: {"pass@1": v} for t, v in (tasks or {}).items()}}


def study(tmp_path):
    "tiny: base and sft evaluated, dapt and grpo missing; 1.5b: base only; 7b: only its model stage ran."
    r = tmp_path / "reports"
    write(r / "tiny" / "eval" / "metrics.json", dict(seed=3, commit="abc123", time="2026-01-01T00:00:00+00:00", checkpoints=dict(
        base=evaluated(0.0, 158_000, {"description_to_q": 0.0, "q_to_python": 0.0}),
        dapt={"status": "missing"},
        sft=evaluated(0.25, 158_000, {"description_to_q": 0.5, "q_to_python": 0.0}),
        grpo={"status": "missing"})))
    write(r / "tiny" / "sft" / "metrics.json", dict(steps=40, curves={"loss": [[1, 6.0], [2, 5.0], [3, 4.5]],
                                                                        "validation pass@1": [[0, 0.0], [3, 0.25]]}))
    write(r / "tiny" / "sft" / "run.json", dict(notebook="04_sft.ipynb", parameters=dict(seed=3), seconds=12.5,
                                                commit="abc123", finished="2026-01-01T00:00:10+00:00"))
    write(r / "tiny" / "dapt" / "metrics.json", dict(steps=40, heldout_loss=4.0))  # ran, logged no curves
    write(r / "1.5b" / "eval" / "metrics.json", dict(seed=0, commit="def", time="t", checkpoints=dict(
        base=evaluated(0.4, 1.5e9, {"description_to_q": 0.4}))))
    write(r / "7b" / "model" / "metrics.json", dict(parameters=7.6e9, heldout_loss=1.2))
    return r


def test_eval_table_shows_missing_checkpoints_and_scales(tmp_path):
    t = eval_table(study(tmp_path)).set_index(["scale", "checkpoint"])
    assert t.loc[("tiny", "sft"), "pass@1"] == 0.25 and t.loc[("tiny", "base"), "pass@1"] == 0.0
    assert t.loc[("tiny", "dapt"), "status"] == MISSING and pd.isna(t.loc[("tiny", "dapt"), "pass@1"])
    assert (t.loc["7b"].status == MISSING).all() and t.loc[("7b", "base"), "parameters"] == 7.6e9
    assert list(dict.fromkeys(t.index.get_level_values(0))) == ["tiny", "1.5b", "7b"]
    assert nominal_parameters("1.5b") == 1.5e9 and nominal_parameters("tiny") is None


def test_task_table_and_curves(tmp_path):
    r = study(tmp_path)
    tasks = task_table(r)
    assert tasks.loc[("tiny", "sft"), "description_to_q"] == 0.5 and tasks.loc[("7b", "base"), "status"] == MISSING
    curves = training_curves(r)
    assert curves[("tiny", "sft")]["loss"][-1] == [3, 4.5]
    assert curves[("tiny", "dapt")] == {} and curves[("tiny", "grpo")] is None and curves[("7b", "sft")] is None


def test_the_study_renders_with_missing_scales_and_stages(tmp_path):
    r = study(tmp_path)
    md, html = scaling_study(r)
    assert md == r / "scaling_study.md" and html == r / "scaling_study.html"
    text = md.read_text()
    assert "| tiny | dapt | missing |" in text and "| 7b | base | missing |" in text
    assert "Stages not run (missing): tiny grpo, 1.5b dapt" in text and "ran without logging curves: tiny dapt" in text
    for png in re.findall(r"\]\((report/[^)]+\.png)\)", text):
        assert (r / png).exists()
    assert {"report/pass_at_k.png", "report/tasks.png", "report/training_curves.png"} <= set(re.findall(r"\]\(([^)]+)\)", text))
    page = html.read_text()
    assert page.count("data:image/png;base64,") == 3 and "<img src=\"report/" not in page  # self-contained
    assert "abc123" in page and "missing" in page
    # every number is in numbers.csv with its run
    numbers = pd.read_csv(r / "report" / "numbers.csv")
    row = numbers[(numbers.scale == "tiny") & (numbers.stage == "eval") & (numbers.metric == "checkpoints.sft.pass@1")]
    assert row.value.item() == 0.25 and row.commit.item() == "abc123" and row.seed.item() == 3


def test_failures_and_humaneval_results_are_reported(tmp_path):
    from qblueprint.report import failure_table, humaneval_table
    r = study(tmp_path)
    m = json.loads((r / "tiny" / "eval" / "metrics.json").read_text())
    m["checkpoints"]["sft"].update(passed_samples=4, failures={"wrong_answer": 8, "q_error 'type (test)": 4})
    write(r / "tiny" / "eval" / "metrics.json", m)
    write(r / "eval" / "q-leetcode-x" / "metrics.json", {"pass@1": 0.5})  # a `qblueprint eval` run, not a scale
    write(r / "eval" / "q-humaneval-x" / "humaneval_results.json",
          dict(source="model x", compat="kx", total_problems=164, total_solutions=164, pass_at_1=0.1, not_fully_converted=[1, 2]))
    f = failure_table(r)
    assert f.loc[("tiny", "sft"), "wrong_answer"] == 8 and f.loc[("tiny", "sft"), "passed"] == 4
    h = humaneval_table(r)
    assert h.loc[0, "compat"] == "kx" and h.loc[0, "pass_at_1"] == 0.1 and h.loc[0, "not_fully_converted"] == 2
    text = scaling_study(r)[0].read_text()
    assert "\n| eval |" not in text and "eval" not in set(collect_metrics(r).scale)
    assert "## What went wrong" in text and "## q-HumanEval" in text and "q_error 'type (test)" in text


def test_the_study_renders_with_nothing_measured(tmp_path):
    (tmp_path / "r").mkdir()
    md, html = scaling_study(tmp_path / "r")
    assert "No scale has results yet" in md.read_text() and html.exists()


def test_numbers_link_to_run_json_when_metrics_lack_run_fields(tmp_path):
    numbers = numbers_table(study(tmp_path))
    sft = numbers[(numbers.scale == "tiny") & (numbers.stage == "sft") & (numbers.metric == "steps")]
    assert sft.commit.item() == "abc123" and sft.time.item() == "2026-01-01T00:00:10+00:00" and sft.seed.item() == 3


def test_markdown_table_writes_missing_for_gaps():
    df = pd.DataFrame({"a": [1.0, None], "b": ["x", "y|z"]}, index=["r1", "r2"])
    assert markdown_table(df).splitlines()[3] == "| r2 | missing | y\\|z |"
