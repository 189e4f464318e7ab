"""The tiny model factory: a locally trained tokenizer and a Qwen2 model that load like a real checkpoint."""
import json

import pytest

from qblueprint.scales import (SCALES, TinySpec, chat_sample, corpus_files, heldout_loss, heldout_text, load_model,
                               model_source, parameter_count, tiny_checkpoint, train_tokenizer)

SPEC = TinySpec(vocab_size=400, hidden_size=32, intermediate_size=64, num_hidden_layers=1, num_attention_heads=2,
                num_key_value_heads=1, max_position_embeddings=256)


@pytest.fixture(scope="module")
def checkpoint(tmp_path_factory):
    return tiny_checkpoint(SPEC, seed=0, cache=tmp_path_factory.mktemp("cache"))


@pytest.fixture(scope="module")
def loaded(checkpoint):
    return load_model(str(checkpoint))


def test_checkpoint_is_a_qwen2_save_pretrained_directory(checkpoint):
    config = json.loads((checkpoint / "config.json").read_text())
    assert config["architectures"] == ["Qwen2ForCausalLM"] and config["model_type"] == "qwen2"
    assert json.loads((checkpoint / "tokenizer_config.json").read_text())["tokenizer_class"] == "Qwen2Tokenizer"


@pytest.mark.parametrize("text", [
    "select sum size by sym from trade where price>100.5",
    "f:{[x;y] x+y}\n/ comment\nf[1;2]",
    "caf\u0065\u0301 \u00e9 naïve ünïcode 🙂 q)",  # decomposed é is normalised to NFC on the way in
    "<|im_start|>user\ntil 10<|im_end|>",
])
def test_token_ids_survive_save_and_reload(loaded, text):
    import unicodedata
    texts = [p.read_text(encoding="utf-8") for p in corpus_files()]
    fresh = train_tokenizer(texts, SPEC.vocab_size)
    _, reloaded = loaded
    assert reloaded(text)["input_ids"] == fresh(text)["input_ids"]
    assert reloaded.decode(reloaded(text)["input_ids"]) == unicodedata.normalize("NFC", text)


def test_special_tokens_are_single_ids(loaded):
    _, tok = loaded
    ids = tok("<|im_start|><|im_end|><|endoftext|>")["input_ids"]
    assert ids == [tok.convert_tokens_to_ids(t) for t in ("<|im_start|>", "<|im_end|>", "<|endoftext|>")]
    assert tok.eos_token == "<|im_end|>" and tok.pad_token == "<|endoftext|>"


def test_chat_template_is_qwen25(loaded):
    _, tok = loaded
    text = tok.apply_chat_template([{"role": "system", "content": "Answer in q."},
                                    {"role": "user", "content": "sum of 1 2 3?"}],
                                   tokenize=False, add_generation_prompt=True)
    assert text == ("<|im_start|>system\nAnswer in q.<|im_end|>\n<|im_start|>user\nsum of 1 2 3?<|im_end|>\n"
                    "<|im_start|>assistant\n")


def test_generate_works_on_a_chat_prompt(loaded):
    model, tok = loaded
    inputs = tok.apply_chat_template([{"role": "user", "content": "til 5"}], add_generation_prompt=True,
                                     return_tensors="pt", return_dict=True)
    out = model.generate(**inputs, max_new_tokens=5, do_sample=False)
    prompt_length = inputs["input_ids"].shape[1]
    assert out[0, :prompt_length].tolist() == inputs["input_ids"][0].tolist()
    assert 1 <= out.shape[1] - prompt_length <= 5
    assert chat_sample(model, tok, "til 5", max_new_tokens=5) == tok.decode(out[0, prompt_length:], skip_special_tokens=True)


def test_untrained_heldout_loss_is_near_log_vocab(loaded):
    import math
    model, tok = loaded
    loss = heldout_loss(model, tok, heldout_text(), window=64)
    assert abs(loss - math.log(len(tok))) < 1.0


def test_same_seed_same_model_and_other_seed_differs(tmp_path):
    import torch
    from transformers import AutoModelForCausalLM
    a = tiny_checkpoint(SPEC, seed=1, cache=tmp_path / "a")
    b = tiny_checkpoint(SPEC, seed=1, cache=tmp_path / "b")
    c = tiny_checkpoint(SPEC, seed=2, cache=tmp_path / "a")
    assert a.name == b.name and a != c
    assert (a / "tokenizer.json").read_bytes() == (b / "tokenizer.json").read_bytes()
    wa, wb, wc = (AutoModelForCausalLM.from_pretrained(p).state_dict() for p in (a, b, c))
    assert all(torch.equal(wa[k], wb[k]) for k in wa)
    assert not all(torch.equal(wa[k], wc[k]) for k in wa)


def test_checkpoint_is_cached(tmp_path, monkeypatch):
    import qblueprint.scales as scales
    first = tiny_checkpoint(SPEC, seed=0, cache=tmp_path)
    monkeypatch.setattr(scales, "build_tiny", lambda *a, **k: pytest.fail("rebuilt a cached checkpoint"))
    assert tiny_checkpoint(SPEC, seed=0, cache=tmp_path) == first
    assert [p.name for p in tmp_path.iterdir()] == [first.name]  # no partial build left behind


def test_model_source_builds_tiny_and_passes_paths_through(tmp_path, monkeypatch):
    monkeypatch.setenv("QBLUEPRINT_CACHE", str(tmp_path))
    source = model_source(SCALES["tiny"])
    assert source.startswith(str(tmp_path)) and parameter_count(load_model(source)[0]) > 0
    assert model_source(SCALES["7b"]) == "Qwen/Qwen2.5-7B-Instruct"


def test_missing_training_text_names_the_folder(tmp_path):
    with pytest.raises(FileNotFoundError, match=str(tmp_path / "q")):
        corpus_files(tmp_path)
