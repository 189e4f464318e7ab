"""`qblueprint`: the command line. Subcommands are thin: they parse arguments and call the library."""
from __future__ import annotations

import argparse
import ast
import os
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


def _eval(args) -> int:
    from qblueprint import evaluate as ev
    from qblueprint.dataset import GenerationError, SamplingConfig, make_generator

    given = [bool(args.model and not args.endpoint), bool(args.endpoint), bool(args.solutions)]
    if sum(given) != 1:
        raise ValueError("give one of --model PATH, --endpoint URL --model NAME, or --solutions FILE")
    if args.endpoint and not args.model:
        raise ValueError("--endpoint needs --model NAME (the model the server serves)")
    if args.dataset == "q-humaneval" and not args.path:
        raise ValueError("--dataset q-humaneval needs --path FILE (KX's q_humaneval.jsonl)")
    if args.dataset == "q-leetcode" and args.compat != "default":
        raise ValueError("--compat kx applies to q-humaneval only")
    generator = None
    if not args.solutions:
        generator = make_generator(args.model, args.endpoint, backend=args.backend_gen, batch_size=args.batch_size,
                                   **(dict(concurrency=args.concurrency, max_requests=args.max_requests,
                                           api_key=os.environ.get(args.api_key_env) if args.api_key_env else None)
                                      if args.endpoint else {}))
    name = "solutions" if args.solutions else Path(str(args.model)).name or "model"
    out = Path(args.out) if args.out else Path("reports") / "eval" / f"{args.dataset}-{name}"
    cfg = SamplingConfig(n=args.n, temperature=args.temperature, top_p=args.top_p,
                         max_new_tokens=args.max_new_tokens, seed=args.seed)
    try:
        return _eval_run(args, ev, generator, out, cfg)
    except GenerationError as exc:  # what was generated before is kept in the output folder
        print(f"qblueprint eval: {exc}; completions so far are kept in {out}", file=sys.stderr)
        return 2


def _eval_run(args, ev, generator, out, cfg) -> int:
    if args.dataset == "q-humaneval":
        r = ev.eval_humaneval(args.path, out, generator, args.solutions, cfg, compat=args.compat, backend=args.backend,
                              timeout=args.timeout, limit=args.limit)
        ks = ", ".join(f"pass@{k[8:]} {r[k]:.4f}" for k in r if k.startswith("pass_at_"))
        print(f"q-humaneval ({args.compat} comparison): {r['passed_solutions']}/{r['total_solutions']} samples passed "
              f"on {r['total_problems']} tasks; {ks}")
        if r["not_fully_converted"]:
            print(f"{len(r['not_fully_converted'])} task(s) had asserts that could not be converted: "
                  + ", ".join(str(t["task_id"]) for t in r["not_fully_converted"]) + " (listed in the results)")
        print(f"results: {out / 'humaneval_results.json'}; samples: {out / 'humaneval_samples.jsonl'}")
    else:
        m = ev.eval_leetcode(out, generator, args.solutions, split=args.split, cfg=cfg, backend=args.backend,
                             timeout=args.timeout, limit=args.limit)
        ks = ", ".join(f"{k} {m[k]:.4f} [{m[k + '_low']:.4f}, {m[k + '_high']:.4f}]" for k in m
                       if k.startswith("pass@") and not k.endswith(("_low", "_high")))
        print(f"q-leetcode {args.split}: {m['problems']} items, {m['samples']} samples; {ks}")
        print(f"metrics: {out / 'metrics.json'}; samples: {out / 'samples.jsonl'}")
    return 0


def _q(args) -> int:
    try:
        from qblueprint.q.repl import main as repl
    except ImportError as exc:
        print(f"qblueprint q: the q interpreter is not available ({exc})", file=sys.stderr)
        return 2
    return repl(args.args)


def _dataset(args) -> int:
    from qblueprint.dataset import DATASET, import_report_layout, import_summary, verify_command, write_card

    if args.action == "card":
        path = write_card(Path(args.root) if args.root else DATASET)
        print(f"wrote {path}")
        return 0
    if args.action == "import-report":
        results = import_report_layout(args.folder, out=args.out, backend=args.backend)
        for r in results:
            if r.status != "pass": print(f"{r.status}: {r.name}: {r.why}")
        print(import_summary(results))
        return 0 if all(r.status == "pass" for r in results) else 1
    if args.action == "generate":
        return _generate(args)
    ids = [i for i in (args.ids or "").split(",") if i] or None
    return verify_command(Path(args.root) if args.root else DATASET, backend=args.backend, split=args.split, ids=ids)


def _generate(args) -> int:
    from qblueprint.dataset import (HFGenerator, OpenAIGenerator, ReplayGenerator, generation_loop,
                                    load_candidate_problems)

    chosen = [name for name in ("openai", "scale", "replay") if getattr(args, name)]
    if len(chosen) != 1:
        print("qblueprint dataset generate: give exactly one of --openai URL, --scale NAME, --replay FILE", file=sys.stderr)
        return 2
    if args.openai:
        if not args.model:
            print("qblueprint dataset generate: --openai needs --model", file=sys.stderr)
            return 2
        generator = OpenAIGenerator(args.openai, args.model, concurrency=args.concurrency)
    elif args.scale:
        generator = HFGenerator.from_scale(args.scale, {"model": args.model} if args.model else None)
    else:
        generator = ReplayGenerator(args.replay)
    problems = load_candidate_problems(args.input)
    run = generation_loop(problems, generator, rounds=args.rounds, n=args.n, tests_per_problem=args.tests,
                          temperature=args.temperature, max_new_tokens=args.max_new_tokens, pool=args.pool,
                          log=args.log, backend=args.backend)
    print(run.table().to_string(index=False))
    print(f"generate: {len(run.accepted)} accepted into {args.pool}, {len(run.rejected)} rejected"
          + (f" (logged in {args.log})" if args.log else ""))
    return 0


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
    card = dataset_commands.add_parser("card", help="regenerate the dataset card README.md from the problem files")
    card.add_argument("--root", help="dataset folder holding problems/ (default: data/q_leetcode)")
    card.set_defaults(run=_dataset)
    imp = dataset_commands.add_parser("import-report", help="import and re-verify the report's q-LeetCode layout "
                                                            "(one folder per problem)")
    imp.add_argument("folder", help="folder holding one folder per problem")
    imp.add_argument("--out", help="write the converted problems that pass to OUT/problems/")
    imp.add_argument("--backend", choices=["embedded", "q", "pykx"], help="q back end (default: embedded)")
    imp.set_defaults(run=_dataset)
    gen = dataset_commands.add_parser("generate", help="the model-in-the-loop generation loop: propose q solutions and "
                                                       "q tests for problems without q, keep what verifies")
    gen.add_argument("input", help="JSONL of problems (the file format's fields; q may be absent)")
    gen.add_argument("--pool", required=True, help="JSONL the accepted candidates are appended to")
    gen.add_argument("--log", help="JSONL the rejected candidates are appended to")
    gen.add_argument("--openai", metavar="URL", help="an OpenAI-compatible endpoint, e.g. http://127.0.0.1:8000/v1")
    gen.add_argument("--scale", help="a local model: a scale from qblueprint.scales (tiny, 1.5b, ...)")
    gen.add_argument("--replay", metavar="FILE", help="a JSONL of {prompt, completions} to replay")
    gen.add_argument("--model", help="the endpoint's model name, or a local model path for --scale")
    gen.add_argument("--rounds", type=int, default=3)
    gen.add_argument("--n", type=int, default=4, help="completions per prompt and round")
    gen.add_argument("--tests", type=int, default=2, help="q test translations asked for per problem")
    gen.add_argument("--temperature", type=float, default=0.8)
    gen.add_argument("--max-new-tokens", type=int, default=512)
    gen.add_argument("--concurrency", type=int, default=8, help="parallel requests to --openai")
    gen.add_argument("--backend", choices=["embedded", "q", "pykx"], help="q back end (default: embedded)")
    gen.set_defaults(run=_dataset)

    ev = commands.add_parser("eval", help="pass@k of a checkpoint, an endpoint or a solutions file on q-leetcode or "
                                          "KX's q-humaneval", description=(
        "Samples -n completions per prompt from --model (a checkpoint directory or hub id; HF generate, or vLLM with "
        "a GPU) or from an OpenAI-compatible --endpoint serving --model NAME, or scores --solutions (KX's solutions "
        "JSONL: task_id plus completion or extracted_code), then judges every sample on the embedded q interpreter "
        "(or --backend q|pykx) and prints pass@k. Samples already in the output folder are not generated again. "
        "q-humaneval also writes results in the shape of KX's results JSON; --compat kx compares as KX's harness "
        "does (PyKX's conversions and =), default uses qblueprint's more forgiving comparison."))
    ev.add_argument("--dataset", choices=["q-leetcode", "q-humaneval"], default="q-leetcode")
    ev.add_argument("--split", default="test", choices=["train", "test"], help="q-leetcode split (default test)")
    ev.add_argument("--path", help="q-humaneval: path to KX's q_humaneval.jsonl")
    ev.add_argument("--model", help="checkpoint directory or hub id; with --endpoint, the served model's name")
    ev.add_argument("--endpoint", help="OpenAI-compatible base URL, e.g. http://127.0.0.1:8000/v1")
    ev.add_argument("--solutions", help="score this solutions JSONL instead of generating")
    ev.add_argument("-n", type=int, default=1, help="samples per prompt (default 1)")
    ev.add_argument("--compat", choices=["default", "kx"], default="default",
                    help="q-humaneval comparison: kx reproduces KX's harness (PyKX rules); default is ours")
    ev.add_argument("--out", help="output folder; default reports/eval/<dataset>-<model>")
    ev.add_argument("--temperature", type=float, default=0.8)
    ev.add_argument("--top-p", type=float, default=0.95)
    ev.add_argument("--max-new-tokens", type=int, default=1024)
    ev.add_argument("--seed", type=int, default=0)
    ev.add_argument("--limit", type=int, help="only the first N problems (per task) or tasks")
    ev.add_argument("--timeout", type=float, default=5.0, help="seconds per solution (default 5, as KX's harness)")
    ev.add_argument("--backend", choices=["embedded", "q", "pykx"], help="q back end that judges (default embedded)")
    ev.add_argument("--generator", dest="backend_gen", choices=["auto", "hf", "vllm"], default="auto",
                    help="how --model runs: auto picks vLLM when installed with a GPU, else HF generate")
    ev.add_argument("--batch-size", type=int, default=8, help="prompts per HF generate call")
    ev.add_argument("--concurrency", type=int, default=8, help="--endpoint: requests in flight")
    ev.add_argument("--max-requests", type=int, help="--endpoint: request budget, retries included")
    ev.add_argument("--api-key-env", help="--endpoint: environment variable holding the API key "
                                          "(default OPENAI_API_KEY when set)")
    ev.set_defaults(run=_eval)

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
