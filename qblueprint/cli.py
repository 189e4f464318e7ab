"""`qblueprint`: the command line. Subcommands are thin: they parse arguments and call the library."""
from __future__ import annotations

import argparse
import ast
import sys
from pathlib import Path


def _value(text: str):
    "A parameter value: a Python literal where it parses as one (1, 1e-5, True, [1, 2]), else the text itself."
    try: return ast.literal_eval(text)
    except (ValueError, SyntaxError): return text


def parse_parameters(pairs: list[str]) -> dict:
    """`key=value` pairs as notebook parameters. A dotted key (`sft.learning_rate=1e-4`) or `model=...` is a recipe
    override and goes into the `overrides` parameter."""
    params, overrides = {}, {}
    for pair in pairs:
        key, sep, text = pair.partition("=")
        if not sep or not key:
            raise ValueError(f"-p {pair!r}: expected key=value")
        if "." in key or key == "model": overrides[key] = _value(text)
        else: params[key] = _value(text)
    if overrides: params["overrides"] = {**params.get("overrides", {}), **overrides}
    return params


def find_notebooks(start: Path) -> Path:
    "The `nbs/` folder of the project that contains `start` (found through its settings.ini)."
    for folder in [start, *start.parents]:
        if (folder / "settings.ini").exists() and (folder / "nbs").is_dir(): return folder / "nbs"
    raise FileNotFoundError(f"no qblueprint checkout (settings.ini and nbs/) at or above {start}; pass --nbs")


def _study(args) -> int:
    from qblueprint.study import run_study

    nbs = Path(args.nbs) if args.nbs else find_notebooks(Path.cwd())
    out = Path(args.out) if args.out else nbs.parent / "reports"
    outcomes = run_study([s for s in args.scales.split(",") if s], out=out, nbs=nbs,
                         stages=[s for s in (args.stages or "").split(",") if s],
                         parameters=parse_parameters(args.param), force=args.force, report=not args.no_report)
    return 1 if any(o.status == "failed" for o in outcomes.values()) else 0


def _q(args) -> int:
    try:
        from qblueprint.q.repl import main as repl
    except ImportError as exc:
        print(f"qblueprint q: the q interpreter is not available ({exc})", file=sys.stderr)
        return 2
    return repl(args.args)


def _dataset(args) -> int:
    from qblueprint.dataset import DATASET, verify_command

    ids = [i for i in (args.ids or "").split(",") if i] or None
    return verify_command(Path(args.root) if args.root else DATASET, backend=args.backend, split=args.split, ids=ids)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="qblueprint", description=(
        "A notebook-driven blueprint for specialising LLMs to q. "
        "Run `qblueprint <command> --help` for a command's options."))
    commands = parser.add_subparsers(dest="command", metavar="<command>", required=True)

    study = commands.add_parser("study", help="run the scaling study: stage notebooks per scale, then the report",
                                description=(
        "Runs the numbered stage notebooks (nbs/NN_*.ipynb) in order with papermill for each scale, then the "
        "cross-scale report (nbs/07_report.ipynb). Executed notebooks and each stage's metrics.json land in "
        "<out>/<scale>/<stage>/; the report in <out>/report/; each scale's outcome in <out>/study.json. "
        "Stages already complete with the same notebook and parameters are skipped; a failing scale is recorded "
        "and the study goes on with the next. Exits 1 if any scale failed."))
    study.add_argument("--scales", default="tiny", help="comma-separated scales (tiny,1.5b,3b,7b,14b,32b); default tiny")
    study.add_argument("--stages", help="comma-separated stage notebooks to run, by name (00_scales), number (00) "
                                        "or stage (model); default all")
    study.add_argument("--out", help="reports folder; default reports/ beside nbs/")
    study.add_argument("--nbs", help="notebooks folder; default the nbs/ of the checkout around the current folder")
    study.add_argument("-p", "--param", action="append", default=[], metavar="KEY=VALUE",
                       help="a notebook parameter (seed=1), or a recipe override (sft.max_steps=5, model=PATH); "
                            "repeatable")
    study.add_argument("--force", action="store_true", help="rerun stages that are already complete")
    study.add_argument("--no-report", action="store_true", help="skip the cross-scale report")
    study.set_defaults(run=_study)

    dataset = commands.add_parser("dataset", help="the q problem set: verify it on the execution service",
                                  description="Dataset commands. `verify` runs every Python reference and every q "
                                              "solution against every test and ends with `verified: P/N problems, T tests`.")
    dataset_commands = dataset.add_subparsers(dest="action", metavar="<action>", required=True)
    verify = dataset_commands.add_parser("verify", help="run every problem's Python reference and q solution on its tests")
    verify.add_argument("--backend", choices=["embedded", "q", "pykx"], help="q back end (default: embedded)")
    verify.add_argument("--split", choices=["train", "test"], help="only this split")
    verify.add_argument("--ids", help="comma-separated problem ids")
    verify.add_argument("--root", help="dataset folder holding problems/ (default: data/q_leetcode)")
    verify.set_defaults(run=_dataset)

    q = commands.add_parser("q", help="the embedded q interpreter: a console, or run a q script",
                            description="Starts the embedded q interpreter; arguments go to it unchanged "
                                        "(a script path runs that script).")
    q.add_argument("args", nargs=argparse.REMAINDER, help="arguments for the interpreter")
    q.set_defaults(run=_q)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except (ValueError, KeyError, FileNotFoundError) as exc:
        print(f"qblueprint {args.command}: {exc.args[0] if exc.args else exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
