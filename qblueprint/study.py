"""The scaling study: run the numbered stage notebooks per scale with papermill, then the cross-scale report.

Stage notebooks are `nbs/NN_name.ipynb` (two digits, an underscore), run in name order; the report notebook runs
last, once, across all scales. Each stage notebook has one cell tagged `parameters` that sets at least `stage` (the
folder it writes under `reports/<scale>/`), `scale`, `reports`, `data`, `seed` and `overrides`, and it writes
`reports/<scale>/<stage>/metrics.json`.

A stage is complete when its `metrics.json` exists and its `run.json` records the same notebook and parameters as the
run about to start; complete stages are skipped unless forced. Once a stage of a scale runs, the later stages of
that scale run too, since their inputs may have changed.
"""
from __future__ import annotations

import ast
import hashlib
import json
import os
import re
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

REPORT_NOTEBOOK = "07_report.ipynb"
REPORT_DIR = "report"  # reports/<REPORT_DIR>/ holds the executed report and what it writes
SUMMARY = "study.json"  # reports/study.json: the last outcome of each scale
_STAGE_NAME = re.compile(r"^\d\d_\w+\.ipynb$")


def write_metrics(stage_dir: Path | str, metrics: dict) -> Path:
    "Write a stage's `metrics.json` atomically, so a reader (the report, a resumed study) never sees half of it."
    path = Path(stage_dir) / "metrics.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".metrics.json.{os.getpid()}")
    partial.write_text(json.dumps(metrics, indent=2) + "\n")
    partial.replace(path)
    return path


def _numbered(nbs: Path | str) -> list[Path]:
    return sorted(p for p in Path(nbs).iterdir() if _STAGE_NAME.match(p.name) and p.name != REPORT_NOTEBOOK)


def _has_parameters(notebook: Path) -> bool:
    import nbformat
    return any("parameters" in c.metadata.get("tags", []) for c in nbformat.read(notebook, as_version=4).cells)


def stage_notebooks(nbs: Path | str) -> list[Path]:
    """The stage notebooks in `nbs`, in the order they run: numbered notebooks with a cell tagged `parameters` (the
    report is not a stage, nor is a numbered library notebook without parameters, such as the dataset's)."""
    return [p for p in _numbered(nbs) if _has_parameters(p)]


def library_notebooks(nbs: Path | str) -> list[Path]:
    "Numbered notebooks that are not stages (no `parameters` cell): they build the library and the study skips them."
    return [p for p in _numbered(nbs) if not _has_parameters(p)]


def notebook_parameters(notebook: Path) -> dict:
    "The default values in `notebook`'s `parameters` cell that are literals (others are left out)."
    import nbformat

    nb = nbformat.read(notebook, as_version=4)
    cells = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    if len(cells) != 1:
        raise ValueError(f"{notebook}: expected one cell tagged 'parameters', found {len(cells)}")
    found = {}
    for node in ast.parse(cells[0].source).body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            try: found[node.targets[0].id] = ast.literal_eval(node.value)
            except ValueError: pass  # computed defaults (environment look-ups) are not literals
    return found


def stage_of(notebook: Path) -> str:
    "The output folder name that `notebook` declares as `stage` in its parameters cell."
    stage = notebook_parameters(notebook).get("stage")
    if not isinstance(stage, str) or not stage:
        raise ValueError(f"{notebook}: its parameters cell must set stage = '<folder name>'")
    return stage


def select_stages(notebooks: list[Path], wanted: list[str] | None) -> list[Path]:
    "The notebooks named in `wanted` by file name, stem, number prefix or stage name; all when `wanted` is empty."
    if not wanted: return notebooks
    chosen = []
    for name in wanted:
        # by file name first, so a notebook that is not asked for is not read (nor its parameters checked)
        hits = [nb for nb in notebooks if name in (nb.name, nb.stem, nb.name[:2])] or \
               [nb for nb in notebooks if name == stage_of(nb)]
        if not hits:
            raise ValueError(f"unknown stage {name!r}; stage notebooks are {', '.join(nb.name for nb in notebooks)}")
        chosen += [nb for nb in hits if nb not in chosen]
    return sorted(chosen)


def git_commit(folder: Path | str) -> str | None:
    "The git commit checked out around `folder` (`+dirty` when tracked files differ), or None outside git."
    import subprocess
    try:
        sha = subprocess.run(["git", "rev-parse", "HEAD"], cwd=folder, capture_output=True, text=True, timeout=10)
        if sha.returncode: return None
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=folder,
                               capture_output=True, text=True, timeout=10).stdout.strip()
        return sha.stdout.strip()[:12] + ("+dirty" if dirty else "")
    except (OSError, subprocess.SubprocessError):
        return None


def _now() -> str:
    from datetime import datetime, timezone
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _is_complete(stage_dir: Path, record: dict) -> bool:
    run = stage_dir / "run.json"
    if not ((stage_dir / "metrics.json").exists() and run.exists()): return False
    try: previous = json.loads(run.read_text())
    except json.JSONDecodeError: return False
    return {k: previous.get(k) for k in record} == record


def execute(notebook: Path, output: Path, parameters: dict, cwd: Path) -> None:
    "Run `notebook` with papermill, saving the executed copy (with any error in it) to `output`."
    import papermill

    output.parent.mkdir(parents=True, exist_ok=True)
    papermill.execute_notebook(str(notebook), str(output), parameters=parameters, cwd=str(cwd),
                               kernel_name="python3", progress_bar=False, log_output=False,
                               # the kernel's own log (transport warnings, the interrupt at shutdown) is noise in a study's log
                               extra_arguments=["--IPKernelApp.log_level=CRITICAL"])


@dataclass
class ScaleOutcome:
    scale: str
    status: str = "ok"  # "ok" or "failed"
    stages: list[dict] = field(default_factory=list)
    error: str | None = None
    seconds: float = 0.0


def _error_text(exc: BaseException) -> str:
    # papermill's error carries the notebook's own traceback; keep its name and message, not the ANSI colours
    name, value = getattr(exc, "ename", type(exc).__name__), getattr(exc, "evalue", str(exc))
    return re.sub(r"\x1b\[[0-9;]*m", "", f"{name}: {value}")


def run_scale(scale: str, notebooks: list[Path], out: Path, nbs: Path, parameters: dict, force: bool,
              log: Callable[[str], None], run: Callable = execute) -> ScaleOutcome:
    "Run the stage notebooks for one scale, skipping complete stages; stop this scale at the first failure."
    outcome, started, rerun_rest = ScaleOutcome(scale), time.perf_counter(), force
    for i, nb in enumerate(notebooks, 1):
        stage = stage_of(nb)
        stage_dir = out / scale / stage
        params = {**parameters, "scale": scale, "stage": stage}
        record = dict(notebook=nb.name, notebook_sha256=_sha256(nb), parameters=params)
        prefix = f"[{scale}] {i}/{len(notebooks)} {nb.stem} ({stage})"
        if not rerun_rest and _is_complete(stage_dir, record):
            log(f"{prefix}: complete, skipped (--force reruns it)")
            outcome.stages.append(dict(notebook=nb.name, stage=stage, status="skipped"))
            continue
        rerun_rest = True
        log(f"{prefix}: running ...")
        t0 = time.perf_counter()
        (stage_dir / "run.json").unlink(missing_ok=True)
        try:
            run(nb, stage_dir / nb.name, params, nbs)
            if not (stage_dir / "metrics.json").exists():
                raise RuntimeError(f"{nb.name} finished without writing {stage_dir / 'metrics.json'}")
        except Exception as exc:  # a failing scale is recorded, and the study goes on with the next one
            seconds = round(time.perf_counter() - t0, 1)
            outcome.status, outcome.error = "failed", f"{nb.name}: {_error_text(exc)}"
            outcome.stages.append(dict(notebook=nb.name, stage=stage, status="failed", seconds=seconds))
            log(f"{prefix}: FAILED after {seconds}s: {outcome.error}")
            log(f"{prefix}: the executed notebook with the error is {stage_dir / nb.name}")
            (out / scale / "error.txt").write_text(outcome.error + "\n\n" + "".join(traceback.format_exception(exc)))
            break
        seconds = round(time.perf_counter() - t0, 1)
        # the commit and the finish time link every number this stage wrote to the run that made it (the report shows them)
        (stage_dir / "run.json").write_text(json.dumps({**record, "seconds": seconds, "commit": git_commit(nbs),
                                                        "finished": _now()}, indent=2) + "\n")
        outcome.stages.append(dict(notebook=nb.name, stage=stage, status="ran", seconds=seconds))
        log(f"{prefix}: done in {seconds}s -> {stage_dir / 'metrics.json'}")
    else:
        (out / scale / "error.txt").unlink(missing_ok=True)
    outcome.seconds = round(time.perf_counter() - started, 1)
    return outcome


def run_study(scales: list[str], out: Path | str = "reports", nbs: Path | str = "nbs", stages: list[str] | None = None,
              parameters: dict | None = None, force: bool = False, report: bool = True,
              log: Callable[[str], None] = print, run: Callable = execute) -> dict[str, ScaleOutcome]:
    "Run the study for `scales` and then the report; returns each scale's outcome, also saved to `out/study.json`."
    from qblueprint.scales import SCALES

    unknown = [s for s in scales if s not in SCALES]
    if unknown: raise ValueError(f"unknown scale(s) {', '.join(unknown)}; scales are {', '.join(SCALES)}")
    out, nbs = Path(out).resolve(), Path(nbs).resolve()
    notebooks = select_stages(stage_notebooks(nbs), stages)
    parameters = {"reports": str(out), "data": str(nbs.parent / "data"), "seed": 0, "overrides": {},
                  **(parameters or {})}
    log(f"study: scales {', '.join(scales)}; stages {', '.join(nb.stem for nb in notebooks)}; outputs in {out}")
    if library_notebooks(nbs):
        log(f"study: not stages (no parameters cell): {', '.join(nb.stem for nb in library_notebooks(nbs))}")
    summary_file = out / SUMMARY
    summary = json.loads(summary_file.read_text()) if summary_file.exists() else {}
    outcomes = {}
    for scale in scales:
        (out / scale).mkdir(parents=True, exist_ok=True)
        outcomes[scale] = run_scale(scale, notebooks, out, nbs, parameters, force, log, run)
        summary[scale] = vars(outcomes[scale])
        summary_file.write_text(json.dumps(summary, indent=2) + "\n")
    if report:
        notebook = nbs / REPORT_NOTEBOOK
        log(f"[report] {notebook.stem} across {', '.join(summary)}: running ...")
        t0 = time.perf_counter()
        try:
            run(notebook, out / REPORT_DIR / notebook.name, {"reports": str(out)}, nbs)
            log(f"[report] done in {time.perf_counter() - t0:.1f}s -> {out / REPORT_DIR}")
        except Exception as exc:
            outcomes[REPORT_DIR] = ScaleOutcome(REPORT_DIR, "failed", error=_error_text(exc))
            log(f"[report] FAILED: {_error_text(exc)}")
    failed = [name for name, o in outcomes.items() if o.status == "failed"]
    log(f"study: {len(scales) - len([f for f in failed if f in scales])} of {len(scales)} scale(s) ok"
        + (f"; failed: {', '.join(failed)} (see {out}/<scale>/error.txt)" if failed else ""))
    return outcomes
