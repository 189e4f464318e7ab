"""The evaluation's arithmetic (pass@k, bootstrap), its generators and its resumable sample store."""
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from math import comb

import numpy as np
import pytest

from qblueprint.dataset import GenerationError, OpenAIGenerator, SamplingConfig
from qblueprint.evaluate import (SampleStore, bootstrap_ci, eval_items, evaluate_checkpoint, failure_label,
                                 find_checkpoints, ks_for, pass_at_k, pass_at_k_summary, summarise)


@pytest.mark.parametrize("n", [1, 2, 4, 8])
def test_pass_at_k_hand_values(n):
    for k in ks_for(n):
        assert pass_at_k(n, 0, k) == 0.0  # c = 0: nothing passes
        assert pass_at_k(n, n, k) == 1.0  # c = n: everything does
    assert pass_at_k(n, 0, n) == 0.0 and pass_at_k(n, 1, n) == 1.0  # n = k: some sample passed or none did


def test_pass_at_k_matches_the_combinatorial_formula():
    for n in range(1, 11):
        for c in range(n + 1):
            for k in range(1, n + 1):
                assert pass_at_k(n, c, k) == pytest.approx(1 - comb(n - c, k) / comb(n, k), abs=1e-12)
    assert pass_at_k(2, 1, 1) == 0.5 and pass_at_k(8, 2, 4) == pytest.approx(1 - 15 / 70)


def test_pass_at_k_refuses_nonsense():
    for n, c, k in [(4, 5, 1), (4, 1, 5), (4, 1, 0), (4, -1, 1)]:
        with pytest.raises(ValueError):
            pass_at_k(n, c, k)


def test_ks_are_powers_of_two_up_to_n():
    assert ks_for(1) == [1] and ks_for(8) == [1, 2, 4, 8] and ks_for(12) == [1, 2, 4, 8] and ks_for(16)[-1] == 16


def test_bootstrap_intervals_contain_the_point_estimate():
    rng = np.random.default_rng(1)
    for trial in range(20):
        counts = [(8, int(c)) for c in rng.integers(0, 9, size=int(rng.integers(3, 40)))]
        s = pass_at_k_summary(counts, resamples=300, seed=trial)
        for k in (1, 2, 4, 8):
            assert s[f"pass@{k}_low"] <= s[f"pass@{k}"] <= s[f"pass@{k}_high"]
    assert bootstrap_ci([0.5] * 10) == (0.5, 0.5)
    low, high = bootstrap_ci([0, 1] * 50, resamples=2000)
    assert 0.38 < low < 0.5 < high < 0.62


def test_summary_leaves_out_k_beyond_the_smallest_n():
    s = pass_at_k_summary([(8, 1), (2, 1)])
    assert "pass@2" in s and "pass@4" not in s and s["problems"] == 2 and s["samples"] == 10


def test_failure_labels_name_q_errors_and_pool_garbage():
    def verdict(category, error=None, phase="load", language="q"):
        return dict(category=category, language=language, tests=[dict(category=category, error=error, phase=phase)])
    assert failure_label(verdict("passed")) == "passed"
    assert failure_label(verdict("wrong_answer")) == "wrong_answer"
    assert failure_label(verdict("q_error", "'type", "test")) == "q_error 'type (test)"
    assert failure_label(verdict("q_error", "'\x12\x07")) == "q_error (other) (load)"
    assert failure_label(verdict("q_error", "SyntaxError: bad", language="python")) == "python_error SyntaxError (load)"


class CountingGenerator:
    "Answers every prompt with the reference q solution or Python reference, counting the prompts it is given."
    name = "fake"

    def __init__(self, problems, wrong=False):
        self.by_prompt, self.calls, self.wrong = {}, [], wrong
        self.problems = problems

    def generate(self, prompts, cfg, progress=False):
        self.calls.append(len(prompts))
        out = []
        for messages in prompts:
            text = messages[-1]["content"]
            p = next(p for p in self.problems if p.description.strip() in text or p.q.strip() in text)
            answer = "```python\n" + p.python + "\n```" if "to Python" in text else "```q\n" + p.q + "\n```"
            out.append([answer if (s == 0 and not self.wrong) else "```q\nnonsense[\n```" for s in range(cfg.n)])
        return out


def test_evaluate_checkpoint_judges_stores_and_resumes(tmp_path):
    from qblueprint.dataset import synthetic_problems
    problems = [p for p in synthetic_problems(0) if p.split == "test"][:2]
    items = eval_items(problems, tasks=("description_to_q", "q_to_python"))
    store = SampleStore(tmp_path / "samples.jsonl")
    gen = CountingGenerator(problems)
    cfg = SamplingConfig(n=2)
    samples = evaluate_checkpoint(gen, "base", items, cfg, store, progress=False)
    assert len(samples) == 8 and gen.calls == [4]
    assert [s["verdict"]["passed"] for s in samples] == [True, False] * 4
    m = summarise(samples, resamples=100)
    assert m["pass@1"] == 0.5 and m["pass@2"] == 1.0 and m["by_task"]["q_to_python"]["pass@1"] == 0.5
    assert sum(m["failures"].values()) == 4 and m["passed_samples"] == 4
    # a new store on the same file generates nothing and judges nothing again
    again = evaluate_checkpoint(gen, "base", items, cfg, SampleStore(tmp_path / "samples.jsonl"), progress=False)
    assert gen.calls == [4] and [s["verdict"]["passed"] for s in again] == [s["verdict"]["passed"] for s in samples]
    # more samples per prompt: only the prompts lacking them are asked, and the old samples are kept
    more = evaluate_checkpoint(gen, "base", items, SamplingConfig(n=3), SampleStore(tmp_path / "samples.jsonl"),
                               progress=False)
    assert gen.calls == [4, 4] and len(more) == 12
    lines = [json.loads(l) for l in (tmp_path / "samples.jsonl").read_text().splitlines()]
    assert len(lines) == 12 and all(r["verdict"] is not None for r in lines)  # one line per sample, all judged
    assert {"completion", "code", "verdict", "checkpoint", "id", "task"} <= set(lines[-1])


def test_missing_checkpoints_are_missing(tmp_path):
    (tmp_path / "tiny" / "sft" / "model").mkdir(parents=True)
    (tmp_path / "tiny" / "sft" / "model" / "config.json").write_text("{}")
    found = find_checkpoints("7b", tmp_path, tmp_path, overrides={"model": "/some/base"})
    assert found == {"base": "/some/base", "dapt": None, "sft": None, "grpo": None}
    found = find_checkpoints("tiny", tmp_path, tmp_path, overrides={"model": "/m"})
    assert found["sft"] == str(tmp_path / "tiny" / "sft" / "model") and found["dapt"] is None


class Flaky(BaseHTTPRequestHandler):
    status = []  # status codes to answer with, in order; 200 after they run out
    seen = 0

    def do_POST(self):
        self.rfile.read(int(self.headers["Content-Length"]))
        Flaky.seen += 1
        code = Flaky.status.pop(0) if Flaky.status else 200
        data = json.dumps(dict(choices=[dict(message=dict(content="```q\n{x}\n```"))])).encode() if code == 200 else b"{}"
        self.send_response(code)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def flaky():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Flaky)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    Flaky.seen = 0
    yield f"http://127.0.0.1:{httpd.server_address[1]}/v1"
    httpd.shutdown()


def test_endpoint_retries_rate_limits_and_server_errors(flaky):
    Flaky.status = [429, 503]
    gen = OpenAIGenerator(flaky, "m", backoff=0.01, concurrency=1)
    assert gen.generate([[{"role": "user", "content": "hi"}]], SamplingConfig(n=1)) == [["```q\n{x}\n```"]]
    assert Flaky.seen == 3


def test_endpoint_fails_at_once_on_a_client_error_and_respects_its_budget(flaky):
    Flaky.status = [400]
    with pytest.raises(GenerationError, match="HTTP 400"):
        OpenAIGenerator(flaky, "m", backoff=0.01).complete([{"role": "user", "content": "hi"}], SamplingConfig(), 0)
    Flaky.status = []
    gen = OpenAIGenerator(flaky, "m", backoff=0.01, concurrency=1, max_requests=3)
    with pytest.raises(GenerationError, match="budget of 3"):
        gen.generate([[{"role": "user", "content": "hi"}]] * 2, SamplingConfig(n=2))
    assert gen.requests == 3


def test_sample_keys_change_with_the_checkpoint_and_the_sampling_settings(tmp_path):
    from qblueprint.evaluate import checkpoint_fingerprint, sample_key
    (tmp_path / "model").mkdir()
    (tmp_path / "model" / "model.safetensors").write_bytes(b"1234")
    before = sample_key("sft", tmp_path / "model", SamplingConfig())
    assert before == sample_key("sft", tmp_path / "model", SamplingConfig(n=4))  # more samples extend the same set
    assert before != sample_key("sft", tmp_path / "model", SamplingConfig(temperature=0.2))
    (tmp_path / "model" / "model.safetensors").write_bytes(b"123456")  # retrained
    assert before != sample_key("sft", tmp_path / "model", SamplingConfig())
    assert checkpoint_fingerprint("Qwen/Qwen2.5-7B-Instruct") != checkpoint_fingerprint("Qwen/Qwen2.5-3B-Instruct")


def test_hf_generator_samples_n_per_prompt_and_repeats_a_greedy_answer(tmp_path):
    from qblueprint.dataset import HFGenerator
    from qblueprint.scales import TinySpec, build_tiny
    model, tok = build_tiny(TinySpec(), ["solve:{x+1}\nf:{[x;y] x*y}\n" * 20])
    gen = HFGenerator(model, tok, batch_size=2, device="cpu")
    prompts = [[{"role": "user", "content": "add one"}], [{"role": "user", "content": "times"}],
               [{"role": "user", "content": "three"}]]
    out = gen.generate(prompts, SamplingConfig(n=3, max_new_tokens=4))
    assert [len(o) for o in out] == [3, 3, 3] and all(isinstance(t, str) for o in out for t in o)
    greedy = gen.generate(prompts[:1], SamplingConfig(n=2, temperature=0.0, max_new_tokens=4))
    assert len(greedy[0]) == 2 and greedy[0][0] == greedy[0][1]
