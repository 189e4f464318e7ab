"""DAPT: resuming after an interruption, and the accelerate commands for multi-GPU scales (no GPU needed)."""
import json
from pathlib import Path

import pytest

from qblueprint.dapt import CONFIGS, Interrupted, accelerate_config, launch_command, last_checkpoint, model_card, train_dapt
from qblueprint.scales import SCALES, get_scale


def test_the_accelerate_command_for_a_zero3_scale_names_the_shipped_config():
    cmd = launch_command("32b", "/c", "/o")
    config = Path(cmd[cmd.index("--config_file") + 1])
    assert config == CONFIGS / "zero3.yaml" and config.is_file()
    assert "distributed_type: DEEPSPEED" in config.read_text() and "zero_stage: 3" in config.read_text()
    assert cmd[cmd.index("--num_processes") + 1] == str(SCALES["32b"].dapt.gpus)
    assert cmd[cmd.index("-m") + 1:cmd.index("-m") + 2] == ["accelerate.commands.launch"]
    i = cmd.index("qblueprint.dapt")
    assert cmd[i - 1] == "-m" and cmd[i + 1:i + 3] == ["--scale", "32b"] and json.loads(cmd[-1]) == {}


@pytest.mark.parametrize("scale", [name for name, s in SCALES.items() if s.dapt.gpus > 1])
def test_every_multi_gpu_scale_gets_a_command_accelerate_accepts(scale):
    from accelerate.commands.config.config_args import load_config_from_file
    from accelerate.commands.launch import launch_command_parser
    cmd = launch_command(scale, "/corpus", "/out", overrides={"dapt.max_steps": 5})
    expected = "zero3.yaml" if scale in ("14b", "32b") else "ddp.yaml"
    assert accelerate_config(get_scale(scale)).name == expected and Path(cmd[cmd.index("--config_file") + 1]).name == expected
    args = launch_command_parser().parse_args(cmd[3:])  # what `accelerate launch` parses, after the python -m prefix
    assert args.module and args.training_script == "qblueprint.dapt" and args.num_processes == SCALES[scale].dapt.gpus
    assert args.training_script_args[args.training_script_args.index("--overrides") + 1] == '{"dapt.max_steps": 5}'
    config = load_config_from_file(args.config_file)
    assert str(config.distributed_type).endswith("DEEPSPEED" if expected == "zero3.yaml" else "MULTI_GPU")


def test_a_single_device_scale_has_no_launch_command():
    with pytest.raises(ValueError, match="tiny"):
        launch_command("tiny", "/c", "/o")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    from qblueprint.corpus import build_corpus, default_sources
    cache = tmp_path_factory.mktemp("cache")
    return str(build_corpus(default_sources()[:2], cache=cache, items=[], log=lambda *_: None).path), cache


def test_dapt_resumes_after_an_interruption_without_repeating_steps(corpus, tmp_path, monkeypatch):
    path, cache = corpus
    monkeypatch.setenv("QBLUEPRINT_CACHE", str(cache))
    overrides = {"dapt.max_steps": 6, "dapt.max_length": 64, "dapt.per_device_train_batch_size": 2}
    first = []
    with pytest.raises(Interrupted):
        train_dapt("tiny", path, str(tmp_path / "run"), overrides=overrides, checkpoints=3, stop_after=4, steps_run=first)
    assert first == [1, 2, 3, 4] and last_checkpoint(tmp_path / "run" / "checkpoints").name == "checkpoint-4"
    assert not (tmp_path / "run" / "result.json").exists()
    second = []
    result = train_dapt("tiny", path, str(tmp_path / "run"), overrides=overrides, checkpoints=3, steps_run=second)
    assert second == [5, 6]  # no finished step is repeated
    assert result["resumed_from"].endswith("checkpoint-4") and result["steps"] == 6
    assert [e["step"] for e in result["history"] if "eval_loss" in e] == [2, 4, 6]
    saved = json.loads((tmp_path / "run" / "result.json").read_text())
    assert saved["chosen_step"] in (0, 2, 4, 6) and saved["heldout_loss_after"] <= saved["heldout_loss_before"]
    model = tmp_path / "run" / "model"
    assert (model / "config.json").exists() and (model / "tokenizer_config.json").exists()
    card = (model / "README.md").read_text()
    assert "base_model:" in card and saved["corpus_fingerprint"] in card and f"{saved['heldout_loss_after']:.4f}" in card
    # the interrupted and resumed run trains exactly as one that was never interrupted
    straight = train_dapt("tiny", path, str(tmp_path / "straight"), overrides=overrides, checkpoints=3)
    losses = lambda r: [(e["step"], round(e.get("loss", 0), 5), round(e.get("eval_loss", 0), 5)) for e in r["history"]
                        if "step" in e]
    assert losses(straight) == losses(result) and straight["heldout_loss_after"] == pytest.approx(result["heldout_loss_after"])
    # a finished run is not trained again: rerun, it returns what it measured
    again = []
    rerun = train_dapt("tiny", path, str(tmp_path / "run"), overrides=overrides, checkpoints=3, steps_run=again)
    assert again == [] and rerun["reused"] and rerun["steps"] == 6 and rerun["heldout_loss_after"] == result["heldout_loss_after"]
    # killed after its last checkpoint but before writing its result: no step past max_steps
    (tmp_path / "run" / "result.json").unlink()
    late = []
    restored = train_dapt("tiny", path, str(tmp_path / "run"), overrides=overrides, checkpoints=3, steps_run=late)
    assert late == [] and restored["steps"] == 6 and not restored["reused"]
    assert restored["heldout_loss_after"] == pytest.approx(result["heldout_loss_after"])
    # a different recipe does not resume the old run's checkpoints
    third = []
    other = train_dapt("tiny", path, str(tmp_path / "run"), overrides={**overrides, "dapt.max_steps": 2}, checkpoints=1,
                       steps_run=third)
    assert other["resumed_from"] is None and third == [1, 2]


def test_model_card_names_base_data_recipe_and_loss():
    result = dict(scale="7b", base="Qwen/Qwen2.5-7B-Instruct", corpus="/c", corpus_fingerprint="abc123", finetune="lora",
                  precision="bf16", steps=800, tokens=1000, eval_every=80, chosen_step=80, heldout_loss_before=1.5,
                  heldout_loss_after=1.25, recipe=dict(learning_rate=1e-5, max_steps=800))
    card = model_card(result)
    assert "base_model: Qwen/Qwen2.5-7B-Instruct" in card and "abc123" in card and "| `learning_rate` | 1e-05 |" in card
    assert "1.5000 before" in card and "1.2500 after" in card and "LoRA merged" in card


def test_lora_is_merged_and_saved_as_a_plain_model(corpus, tmp_path, monkeypatch):
    from qblueprint.scales import load_model, parameter_count
    path, cache = corpus
    monkeypatch.setenv("QBLUEPRINT_CACHE", str(cache))
    overrides = {"dapt.max_steps": 4, "dapt.max_length": 64, "dapt.per_device_train_batch_size": 2,
                 "dapt.finetune": "lora", "dapt.learning_rate": 1e-2}
    result = train_dapt("tiny", path, str(tmp_path / "lora"), overrides=overrides, checkpoints=2)
    assert result["finetune"] == "lora" and result["heldout_loss_after"] < result["heldout_loss_before"]
    saved = tmp_path / "lora" / "model"
    assert not (saved / "adapter_config.json").exists()  # merged: SFT loads it like any checkpoint
    model, _ = load_model(str(saved))
    base, _ = load_model(result["base"])
    assert type(model).__name__ == "Qwen2ForCausalLM" and parameter_count(model) == parameter_count(base)


def test_the_base_model_is_kept_when_no_checkpoint_beats_it(corpus, tmp_path, monkeypatch):
    path, cache = corpus
    monkeypatch.setenv("QBLUEPRINT_CACHE", str(cache))
    overrides = {"dapt.max_steps": 2, "dapt.max_length": 64, "dapt.per_device_train_batch_size": 2,
                 "dapt.learning_rate": 50.0}  # diverges at once
    result = train_dapt("tiny", path, str(tmp_path / "diverged"), overrides=overrides, checkpoints=2)
    assert result["chosen_step"] == 0 and result["heldout_loss_after"] == result["heldout_loss_before"]
    assert all(e["eval_loss"] > result["heldout_loss_before"] for e in result["history"] if "eval_loss" in e)
    assert "the base model" in (tmp_path / "diverged" / "model" / "README.md").read_text()
