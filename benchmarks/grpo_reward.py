"""GRPO reward benchmark: completions judged per second beside the generation step on the same batch.

    python benchmarks/grpo_reward.py [--model PATH] [--scale tiny] [--prompts 8] [--generations 8]
                                     [--max-new-tokens 48] [--repeats 3] [--problems synthetic|q_leetcode]

One GRPO batch is `prompts` prompts (description->q and python->q views of train-split problems) with `generations`
sampled completions each. The run times, on that one batch and in this one process:

1. the generation step: the model samples every completion (as GRPO does without vLLM: `generate` with sampling at
   the recipe's temperature), `repeats` times;
2. the reward: `ExecutionReward` judges every completion on its problem's first five tests through
   `judge_items` -> `run_batch`, once cold (the worker pool starts) and `repeats` times warm.

It prints seconds and completions per second for both, and what the completions scored. The model defaults to the
SFT model of `--scale` in `reports/` when there is one (its completions look like code), else the scale's base model.
"""
import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--model", help="checkpoint folder or hub id (default: reports/<scale>/sft/model or the base model)")
    p.add_argument("--scale", default="tiny")
    p.add_argument("--reports", default=str(ROOT / "reports"))
    p.add_argument("--prompts", type=int, default=8)
    p.add_argument("--generations", type=int, default=8)
    p.add_argument("--max-new-tokens", type=int, default=48)
    p.add_argument("--temperature", type=float, default=0.8)
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--problems", choices=("scale", "synthetic", "q_leetcode"), default="scale",
                   help="whose train split to sample prompts from (default: the scale's)")
    p.add_argument("--threads", type=int, default=0, help="torch threads (0: torch's default)")
    a = p.parse_args()

    import torch
    from qblueprint.dataset import build_messages, load_problems, problems_for_scale, synthetic_problems
    from qblueprint.grpo import GRPO_TASKS, ExecutionReward
    from qblueprint.scales import load_model
    from qblueprint.sft import generate, start_source

    if a.threads: torch.set_num_threads(a.threads)
    if a.problems == "scale": problems = problems_for_scale(a.scale, "train")
    elif a.problems == "synthetic": problems = [q for q in synthetic_problems() if q.split == "train"]
    else: problems = load_problems(split="train", on_error="collect").problems
    pairs = [(problems[i % len(problems)], GRPO_TASKS[i % 2]) for i in range(a.prompts)]
    source = a.model or start_source(a.reports, a.scale, ("sft",))
    model, tok = load_model(source, dtype="float32" if not torch.cuda.is_available() else "auto")
    if torch.cuda.is_available(): model.to("cuda")
    conversations = [build_messages(q, t) for q, t in pairs for _ in range(a.generations)]
    n = len(conversations)
    print(f"model {source}; batch: {a.prompts} prompts x {a.generations} completions = {n}, "
          f"up to {a.max_new_tokens} new tokens, temperature {a.temperature}; device "
          f"{'cuda' if torch.cuda.is_available() else 'cpu'}, {torch.get_num_threads()} torch threads")

    gen_times, completions = [], None
    for _ in range(a.repeats):
        t0 = time.perf_counter()
        completions = generate(model, tok, conversations, a.max_new_tokens, batch_size=n, do_sample=True,
                               temperature=a.temperature)
        gen_times.append(time.perf_counter() - t0)

    reward = ExecutionReward([q for q, _ in pairs])
    kwargs = dict(completions=[[{"role": "assistant", "content": c}] for c in completions],
                  id=[q.id for q, _ in pairs for _ in range(a.generations)],
                  task=[t for _, t in pairs for _ in range(a.generations)])
    t0 = time.perf_counter()
    rewards = reward(**kwargs)
    cold = time.perf_counter() - t0
    warm = []
    for _ in range(a.repeats):
        t0 = time.perf_counter()
        again = reward(**kwargs)
        warm.append(time.perf_counter() - t0)
    assert again == rewards, "the same completions must get the same rewards"

    gen, rew = statistics.median(gen_times), statistics.median(warm)
    scored = [r for r in rewards if r is not None]
    print(f"generation step: {gen:8.3f} s  ({n / gen:8.1f} completions/s; median of {a.repeats})")
    print(f"reward (warm)  : {rew:8.3f} s  ({n / rew:8.1f} completions/s; median of {a.repeats}; "
          f"{5 * n / rew:.0f} tests/s)")
    print(f"reward (cold)  : {cold:8.3f} s  (worker pool started inside)")
    print(f"reward / generation time: {rew / gen:.3f}")
    failing = {k.split("/", 1)[1]: round(v * n) for k, v in reward.last.items() if k.startswith("failing/") and v}
    print(f"rewards: mean {statistics.mean(scored) if scored else float('nan'):.3f}, all tests passed "
          f"{reward.last['pass_rate']:.1%}, unscored {n - len(scored)}; failing completions by verdict: {failing}")

if __name__ == "__main__":
    main()
