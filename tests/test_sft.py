"""SFT: one prompt format across stages, a validation slice kept out of training, and resuming without repeats."""
import json

import pytest

from qblueprint.dataset import build_messages, synthetic_problems, task_views
from qblueprint.scales import TinySpec, get_scale, load_model, tiny_checkpoint
from qblueprint.sft import (best_entry, render_prompt, sft_trainer, start_source, train_sft, validation_split)
from helpers import Interrupt, Steps, StopAt

SPEC = TinySpec(vocab_size=400, hidden_size=32, intermediate_size=64, num_hidden_layers=1, num_attention_heads=2,
                num_key_value_heads=1, max_position_embeddings=256)


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    import os
    cache = tmp_path_factory.mktemp("cache")
    old = os.environ.get("QBLUEPRINT_CACHE")
    os.environ["QBLUEPRINT_CACHE"] = str(cache)
    yield dict(model=str(tiny_checkpoint(SPEC, seed=0, cache=cache)))
    if old is None: os.environ.pop("QBLUEPRINT_CACHE")
    else: os.environ["QBLUEPRINT_CACHE"] = old


@pytest.fixture(scope="module")
def problems():
    ps = [p for p in synthetic_problems(0) if p.split == "train"]
    return [p for p in ps if p.difficulty == "easy"][:4] + [p for p in ps if p.difficulty == "medium"][:4]


def test_sft_trains_on_the_prompt_that_evaluation_and_grpo_render(env, problems, tmp_path):
    from trl.data_utils import apply_chat_template
    model, tok = load_model(env["model"])
    recipe = get_scale("tiny", {"sft.max_steps": 1}).sft
    trainer = sft_trainer(model, tok, task_views(problems[:2], ("description_to_q", "python_to_q")), recipe, tmp_path)
    for row, raw in zip(trainer.train_dataset, task_views(problems[:2], ("description_to_q", "python_to_q"))):
        prompt_ids = [i for i, label in zip(row["input_ids"], row["labels"]) if label == -100]
        problem = next(p for p in problems if p.id == raw["id"])
        expected = render_prompt(tok, build_messages(problem, raw["task"]))
        assert tok.decode(prompt_ids) == expected  # what SFT trains on
        assert apply_chat_template({"prompt": raw["prompt"]}, tok)["prompt"] == expected  # TRL's own rendering
        answer = tok.decode([i for i, label in zip(row["input_ids"], row["labels"]) if label != -100])
        assert answer.startswith("```q\n") and problem.q.strip() in answer  # the loss covers the answer


def test_validation_split_is_spread_disjoint_and_nested(problems):
    train, val = validation_split(problems, 4, seed=0)
    assert {p.difficulty for p in val} == {"easy", "medium"}
    assert not {p.id for p in train} & {p.id for p in val} and len(train) + len(val) == len(problems)
    _, smaller = validation_split(list(reversed(problems)), 2, seed=0)  # order of the input does not matter
    assert {p.id for p in smaller} <= {p.id for p in val}
    with pytest.raises(ValueError, match="val_size"):
        validation_split(problems, len(problems))


def test_best_entry_prefers_pass_rate_then_later_steps_and_skips_the_base():
    history = [dict(step=0, pass_at_1=0.9), dict(step=2, pass_at_1=0.5), dict(step=4, pass_at_1=0.5),
               dict(step=6, pass_at_1=0.25)]
    assert best_entry(history)["step"] == 4
    assert best_entry(history, {2, 6})["step"] == 2


def test_start_source_prefers_the_previous_stages_model(tmp_path):
    (tmp_path / "tiny" / "dapt" / "model").mkdir(parents=True)
    assert start_source(tmp_path, "tiny", ("dapt",), overrides={"model": "base"}) == "base"
    (tmp_path / "tiny" / "dapt" / "model" / "config.json").write_text("{}")
    assert start_source(tmp_path, "tiny", ("dapt",), overrides={"model": "base"}) == str(tmp_path / "tiny/dapt/model")


def test_sft_resumes_from_its_last_checkpoint_without_repeating_steps(env, problems, tmp_path):
    overrides = {"model": env["model"], "sft.max_steps": 4, "sft.eval_steps": 2, "sft.val_size": 2,
                 "sft.per_device_train_batch_size": 2, "sft.val_max_new_tokens": 8, "sft.cpu_threads": 1,
                 "sft.logging_steps": 1}
    log = []
    with pytest.raises(Interrupt):
        train_sft("tiny", tmp_path, overrides=overrides, problems=problems, callbacks=[StopAt(3)], log=log.append)
    assert not (tmp_path / "tiny" / "sft" / "model").exists()
    steps = Steps()
    metrics = train_sft("tiny", tmp_path, overrides=overrides, problems=problems, callbacks=[steps], log=log.append)
    assert steps.begun == [3, 4]  # steps 1 and 2 came from checkpoint-2; step 3 was lost with the interruption
    assert metrics["resumed_from"] == 2 and metrics["steps"] == 4
    assert [p[0] for p in metrics["curves"]["validation pass@1"]] == [0, 2, 4]  # each step scored once
    assert [p[0] for p in metrics["curves"]["loss"]] == [1, 2, 3, 4]
    out = tmp_path / "tiny" / "sft"
    assert (out / "model" / "config.json").exists() and "SFT" in (out / "model" / "README.md").read_text()
    assert json.loads((out / "result.json").read_text())["chosen_step"] in (2, 4)
    assert 0 <= metrics["train_pass_at_1_base"] <= 1 and metrics["validation_answers"] == 4

    # run again once finished: the state is restored, not trained one step past max_steps
    again = train_sft("tiny", tmp_path, overrides=overrides, problems=problems, callbacks=[steps := Steps()],
                      log=log.append)
    assert steps.begun == [] and again["steps"] == 4 and again["chosen_step"] == metrics["chosen_step"]
    assert again["curves"]["validation pass@1"] == metrics["curves"]["validation pass@1"]


def test_new_weights_at_the_same_path_start_a_new_run(tmp_path):
    from qblueprint.sft import model_fingerprint
    folder = tmp_path / "model"
    folder.mkdir()
    (folder / "config.json").write_text("{}")
    (folder / "model.safetensors").write_bytes(b"a")
    first = model_fingerprint(str(folder))
    (folder / "model.safetensors").write_bytes(b"bb")
    assert model_fingerprint(str(folder)) != first and model_fingerprint("Qwen/Qwen2.5-7B") == "Qwen/Qwen2.5-7B"


def test_lora_sft_merges_its_adapters_into_the_saved_model(env, problems, tmp_path):
    overrides = {"model": env["model"], "sft.finetune": "lora", "sft.lora_r": 4, "sft.lora_alpha": 8,
                 "sft.max_steps": 2, "sft.eval_steps": 2, "sft.val_size": 1, "sft.per_device_train_batch_size": 2,
                 "sft.val_max_new_tokens": 4, "sft.cpu_threads": 1}
    metrics = train_sft("tiny", tmp_path, overrides=overrides, problems=problems[:4], log=lambda s: None)
    saved = tmp_path / "tiny" / "sft" / "model"
    assert metrics["finetune"] == "lora" and (saved / "model.safetensors").exists()
    assert not (saved / "adapter_config.json").exists()  # merged: GRPO loads it as a plain checkpoint
    load_model(str(saved))


def test_several_gpus_launch_the_stage_module_with_the_shipped_accelerate_configs(tmp_path):
    from qblueprint.sft import launch_command
    cmd = launch_command("qblueprint.sft", "sft", "7b", tmp_path, seed=3, overrides={"sft.max_steps": 5})
    assert cmd[1:3] == ["-m", "accelerate.commands.launch"]
    assert cmd[cmd.index("--config_file") + 1].endswith("ddp.yaml") and cmd[cmd.index("--num_processes") + 1] == "8"
    assert cmd[cmd.index("-m", 3) + 1] == "qblueprint.sft" and json.loads(cmd[-1]) == {"sft.max_steps": 5}
    big = launch_command("qblueprint.grpo", "grpo", "32b", tmp_path, processes=4)
    assert big[big.index("--config_file") + 1].endswith("zero3.yaml") and big[big.index("--num_processes") + 1] == "4"
