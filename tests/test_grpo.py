"""GRPO: the execution reward (fraction + bonus, harness failures retried then left out), prompts without tests,
the same prompt text as SFT and evaluation, the per-step log, and resuming without repeating steps."""
import pytest

from qblueprint.dataset import Problem, build_messages, load_problems, python_call, q_call, synthetic_problems
from qblueprint.execute import Verdict, TestOutcome
from qblueprint.grpo import (ExecutionReward, format_reward, grpo_dataset, grpo_trainer, reward_ends, step_log,
                             train_grpo)
from qblueprint.scales import TinySpec, get_scale, load_model, tiny_checkpoint
from qblueprint.sft import render_prompt
from helpers import Interrupt, Steps, StopAt

SPEC = TinySpec(vocab_size=400, hidden_size=32, intermediate_size=64, num_hidden_layers=1, num_attention_heads=2,
                num_key_value_heads=1, max_position_embeddings=256)

ABS = Problem(id="abs_value", title="Absolute value", difficulty="easy", tags=("math",), split="train", entry_point="f",
              args=(("x", "long"),), returns="long", description="Return the absolute value of x.",
              python="def f(x):\n    return abs(x)\n", q="f:{abs x}\n", tests=((1,), (2,), (-3,), (-4,), (5,), (-6,)))


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    import os
    cache = tmp_path_factory.mktemp("cache")
    old = os.environ.get("QBLUEPRINT_CACHE")
    os.environ["QBLUEPRINT_CACHE"] = str(cache)
    yield dict(model=str(tiny_checkpoint(SPEC, seed=0, cache=cache)))
    if old is None: os.environ.pop("QBLUEPRINT_CACHE")
    else: os.environ["QBLUEPRINT_CACHE"] = old


def answer(code):
    return [{"role": "assistant", "content": f"```q\n{code}\n```"}]


def test_reward_is_the_share_of_the_first_five_tests_plus_one_when_all_pass(env):
    reward = ExecutionReward([ABS])
    codes = ["f:{abs x}",  # solved: 5/5 + 1
             "f:{x}",  # half-solved: passes 1, 2 and 5 of the first five
             "f:{abs x",  # broken: does not load
             "f:{$[x=-6;0;abs x]}"]  # wrong only on the sixth test, which the reward does not run
    rewards = reward(completions=[answer(c) for c in codes], id=[ABS.id] * 4, task=["description_to_q"] * 4)
    assert rewards == pytest.approx([2.0, 0.6, 0.0, 2.0])
    assert reward.last["pass_rate"] == 0.5 and reward.last["failing/q_error"] == 0.25
    assert reward.last["failing/wrong_answer"] == 0.25 and reward.last["unscored"] == 0


@pytest.mark.parametrize("text", [
    "```q\nf:{abs x}\n```",  # fenced
    "f:{abs x}",  # unfenced
    "<think>abs is a keyword; ```q\nf:{neg x}\n``` is wrong</think>\n```q\nf:{abs x}\n```",  # reasoning first
    "First the helper:\n```q\ng:{abs x}\n```\nthen the function:\n```q\nf:{g x}\n```",  # several blocks
])
def test_the_reward_reads_each_completion_shape(env, text):
    reward = ExecutionReward([ABS])
    assert reward(completions=[[{"role": "assistant", "content": text}]], id=[ABS.id], task=["python_to_q"]) == [2.0]


def infrastructure():
    return Verdict(tests=(TestOutcome("infrastructure", detail="worker died"),), backend="fake", language="q")


def passed(n=5):
    return Verdict(tests=tuple(TestOutcome("passed") for _ in range(n)), backend="fake", language="q")


class FlakyJudge:
    "Fails like the harness on the completions whose code is in `flaky` for the first `failures` calls."
    def __init__(self, flaky, failures):
        self.flaky, self.failures, self.calls = flaky, failures, []

    def __call__(self, items, backend=None, n_tests=None):
        self.calls.append([code for _, _, code in items])
        failing = len(self.calls) <= self.failures
        return [infrastructure() if failing and code in self.flaky else passed(n_tests) for _, _, code in items]


def test_an_infrastructure_verdict_is_retried_and_then_left_unscored():
    completions = [answer("f:{abs x}"), answer("f:{abs x} / flaky")]
    transient = FlakyJudge({"f:{abs x} / flaky"}, failures=1)
    reward = ExecutionReward([ABS], judge=transient, retries=2)
    assert reward(completions=completions, id=[ABS.id] * 2, task=["python_to_q"] * 2) == [2.0, 2.0]
    assert transient.calls == [["f:{abs x}", "f:{abs x} / flaky"], ["f:{abs x} / flaky"]]  # only the failure again

    persistent = FlakyJudge({"f:{abs x} / flaky"}, failures=99)
    reward = ExecutionReward([ABS], judge=persistent, retries=2)
    logged = {}
    rewards = reward(completions=completions, id=[ABS.id] * 2, task=["python_to_q"] * 2,
                     log_metric=logged.__setitem__)
    assert rewards == [2.0, None]  # None, not 0: TRL leaves it out of the group's baseline
    assert len(persistent.calls) == 3 and logged["unscored"] == 0.5 and logged["failing/infrastructure"] == 0.5


def test_unknown_problem_ids_are_an_error_naming_the_id():
    with pytest.raises(KeyError, match="no_such_problem"):
        ExecutionReward([ABS])(completions=[answer("f:{x}")], id=["no_such_problem"], task=["python_to_q"])


def test_format_reward_pays_for_a_fenced_block_with_code():
    texts = ["```q\nf:{x}\n```", "f:{x}", "```q\n\n```", "<think>x</think>```\nf:{x}\n```"]
    assert format_reward([[{"role": "assistant", "content": t}] for t in texts]) == [1.0, 0.0, 0.0, 1.0]


def test_tests_never_reach_a_prompt():
    problems = synthetic_problems(0)[:20] + load_problems(on_error="collect").problems[:30] + [ABS]
    data = grpo_dataset(problems)
    assert data.column_names == ["prompt", "id", "task"]
    by_id = {p.id: p for p in problems}
    for row in data:
        text = "\n".join(m["content"] for m in row["prompt"])
        p = by_id[row["id"]]
        for args in p.tests:
            assert q_call(p, args) not in text and python_call(p, args) not in text, (p.id, args)
    with pytest.raises(ValueError, match="tasks must be among"):
        grpo_dataset(problems, ("q_to_python",))


def test_grpo_samples_from_the_prompt_text_that_sft_and_evaluation_use(env, tmp_path):
    model, tok = load_model(env["model"])
    problems = [p for p in synthetic_problems(0) if p.split == "train"][:2]
    recipe = get_scale("tiny", {"grpo.max_steps": 1}).grpo
    trainer = grpo_trainer(model, tok, grpo_dataset(problems), ExecutionReward(problems), recipe, tmp_path)
    for row in grpo_dataset(problems):
        problem = next(p for p in problems if p.id == row["id"])
        ids = trainer._tokenize_prompts([row["prompt"]])[0][0]
        assert tok.decode(ids) == render_prompt(tok, build_messages(problem, row["task"]))


def test_step_log_and_reward_ends():
    history = [{"step": s, "reward": float(s), "reward_std": 0.5, "frac_reward_zero_std": 0.25,
                "completions/mean_length": 10.0, "pass_rate": 0.1, "failing/q_error": 0.5, "loss": 0.0}
               for s in range(1, 21)] + [{"step": 20, "train_runtime": 1.0}]
    rows = step_log(history)
    assert [r["step"] for r in rows] == list(range(1, 21))
    assert rows[0] == {"step": 1, "reward": 1.0, "reward_std": 0.5, "pass_rate": 0.1, "all_equal_groups": 0.25,
                       "completion_length": 10.0, "loss": 0.0, "failing/q_error": 0.5}
    assert reward_ends(rows) == (1.5, 19.5)  # first and last tenth: two steps each


class LengthJudge:
    "A fast stand-in for the execution service: passes the tests in proportion to the code's length."
    def __call__(self, items, backend=None, n_tests=None):
        n = n_tests or 5
        return [Verdict(tests=tuple(TestOutcome("passed" if i < min(len(code), n) else "wrong_answer")
                                    for i in range(n)), backend="fake", language="q") for _, _, code in items]


def test_grpo_resumes_from_its_last_checkpoint_without_repeating_steps(env, tmp_path):
    problems = [p for p in synthetic_problems(0) if p.split == "train"][:6]
    overrides = {"model": env["model"], "grpo.max_steps": 4, "grpo.eval_steps": 2, "grpo.val_size": 1,
                 "grpo.per_device_train_batch_size": 4, "grpo.num_generations": 2, "grpo.max_completion_length": 6,
                 "grpo.val_max_new_tokens": 6, "grpo.cpu_threads": 1}
    with pytest.raises(Interrupt):
        train_grpo("tiny", tmp_path, overrides=overrides, problems=problems, callbacks=[StopAt(3)],
                   judge=LengthJudge(), log=lambda s: None)
    steps = Steps()
    metrics = train_grpo("tiny", tmp_path, overrides=overrides, problems=problems, callbacks=[steps],
                         judge=LengthJudge(), log=lambda s: None)
    assert steps.begun == [3, 4]
    assert metrics["resumed_from"] == 2 and metrics["steps"] == 4
    assert [r["step"] for r in metrics["step_log"]] == [1, 2, 3, 4]  # steps 1-2 from the checkpoint's log
    assert [v["step"] for v in metrics["validation"]] == [0, 2, 4]
    assert metrics["reward_start"] == metrics["step_log"][0]["reward"]
    assert (tmp_path / "tiny" / "grpo" / "model" / "config.json").exists()


def test_a_recipe_can_train_on_a_fixed_sample_of_problems():
    from qblueprint.grpo import sample_problems
    problems = [p for p in synthetic_problems(0) if p.split == "train"][:30]
    chosen = sample_problems(problems, 8, seed=1)
    assert len(chosen) == 8 and [p.id for p in chosen] == [p.id for p in problems if p in chosen]
    assert {p.id for p in sample_problems(list(reversed(problems)), 8, seed=1)} == {p.id for p in chosen}
    assert sample_problems(problems, 99) == problems
