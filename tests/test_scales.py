"""The scale registry encodes the report's published recipes and rejects bad input by name."""
import subprocess
import sys

import pytest

from qblueprint.scales import SCALES, STAGES, Recipe, get_scale, model_env_var

LARGE = ["1.5b", "3b", "7b", "14b", "32b"]


def test_registry_holds_tiny_and_the_published_sizes():
    assert list(SCALES) == ["tiny", *LARGE]
    for name in LARGE:
        assert SCALES[name].model == f"Qwen/Qwen2.5-{name.upper()}-Instruct"
    assert SCALES["tiny"].model is None and SCALES["tiny"].tiny is not None


@pytest.mark.parametrize("name", LARGE)
def test_dapt_recipe_matches_the_report(name):
    r = SCALES[name].dapt
    assert (r.finetune, r.learning_rate, r.max_steps, r.max_length, r.weight_decay) == ("full", 1e-5, 800, 2048, 0.01)


@pytest.mark.parametrize("name", LARGE)
def test_sft_recipe_matches_the_report(name):
    r = SCALES[name].sft
    assert r.learning_rate == (4e-6 if name in ("14b", "32b") else 2e-5)
    assert (r.max_steps, r.per_device_train_batch_size, r.gradient_accumulation_steps, r.max_length) == (1000, 1, 8, 2048)


@pytest.mark.parametrize("name", LARGE)
def test_grpo_recipe_matches_the_report(name):
    r = SCALES[name].grpo
    assert (r.learning_rate, r.num_generations, r.temperature, r.max_completion_length) == (2e-6, 8, 0.8, 2048)
    assert (r.per_device_train_batch_size, r.gradient_accumulation_steps) == (1, 8)


def test_published_fields_name_real_fields_and_tiny_claims_none():
    for scale in SCALES.values():
        for stage in STAGES:
            published = scale.recipe(stage).published
            if scale.name == "tiny":
                assert published == ()  # tiny's numbers are this project's, sized for a CPU
            else:
                assert "learning_rate" in published


def test_tiny_trains_on_cpu_in_full_precision():
    for stage in STAGES:
        r = SCALES["tiny"].recipe(stage)
        assert (r.gpus, r.precision) == (0, "fp32")
        kw = r.trainer_kwargs()
        assert kw["use_cpu"] and not kw["bf16"] and not kw["activation_checkpointing"]


def test_trainer_kwargs_build_real_trl_configs(tmp_path):
    from trl import GRPOConfig, SFTConfig

    tiny = SCALES["tiny"]
    sft = SFTConfig(output_dir=str(tmp_path / "sft"), **tiny.sft.trainer_kwargs())
    assert (sft.max_length, sft.learning_rate, sft.bf16, sft.use_cpu) == (256, tiny.sft.learning_rate, False, True)
    grpo = GRPOConfig(output_dir=str(tmp_path / "grpo"), **tiny.grpo.trainer_kwargs())
    assert (grpo.num_generations, grpo.temperature, grpo.beta) == (tiny.grpo.num_generations, 0.8, tiny.grpo.beta)
    assert grpo.max_completion_length == tiny.grpo.max_completion_length


def test_overrides_change_one_field_and_leave_the_registry_alone():
    s = get_scale("7b", {"sft.learning_rate": 1e-4, "model": "/models/q7"})
    assert (s.sft.learning_rate, s.model) == (1e-4, "/models/q7")
    assert SCALES["7b"].sft.learning_rate == 2e-5 and s.dapt == SCALES["7b"].dapt


def test_environment_variable_overrides_the_model(monkeypatch):
    assert model_env_var("1.5b") == "QBLUEPRINT_MODEL_1_5B"
    monkeypatch.setenv("QBLUEPRINT_MODEL_1_5B", "/weights/qwen-1.5b")
    assert get_scale("1.5b").model == "/weights/qwen-1.5b"
    assert get_scale("1.5b", {"model": "other"}).model == "other"  # a parameter beats the environment


@pytest.mark.parametrize("name,overrides,message", [
    ("huge", None, "unknown scale 'huge'"),
    ("tiny", {"sft.learning_rat": 1.0}, "unknown override 'sft.learning_rat'"),
    ("tiny", {"rl.max_steps": 1}, "unknown override 'rl.max_steps'"),
])
def test_bad_names_are_reported(name, overrides, message):
    with pytest.raises(KeyError, match=message):
        get_scale(name, overrides)


@pytest.mark.parametrize("kw,message", [
    (dict(finetune="qlora"), "finetune"),
    (dict(precision="fp16"), "precision"),
    (dict(max_steps=0), "max_steps"),
    (dict(learning_rate=-1.0), "learning_rate"),
    (dict(gpus=0), "bf16 training needs a GPU"),
    (dict(published=("lr",)), "unknown fields"),
])
def test_invalid_recipes_are_rejected(kw, message):
    base = dict(learning_rate=1e-5, max_steps=10, per_device_train_batch_size=1, gradient_accumulation_steps=1,
                max_length=128)
    with pytest.raises(ValueError, match=message):
        Recipe(**{**base, **kw})


def test_override_with_invalid_value_is_rejected():
    with pytest.raises(ValueError, match="max_steps"):
        get_scale("tiny", {"dapt.max_steps": -5})


def test_importing_the_registry_does_not_import_torch():
    code = "import sys, qblueprint.scales, qblueprint; assert 'torch' not in sys.modules and 'transformers' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)
