"""The problem set (qblueprint.dataset): loading, views, the card, the importer, generators and the generation loop."""
import importlib.util
import json
import re
import threading
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

import qblueprint.dataset as ds
from qblueprint.dataset import (CODE_TASKS, DATASET, SPLITS, TASKS, GenerationError, Generator, HFGenerator,
                                OpenAIGenerator, Problem, ProblemError, ReplayGenerator, SamplingConfig, build_answer,
                                build_messages, compile_dataset, dataset_card, expected_values, extract_code, generation_loop, import_report_layout,
                                judge_items, load_candidate_problems, load_problems, problem_from_record,
                                problem_record, python_call, q_call, split_overlap, synthetic_problems, task_rows,
                                arguments_text)
from helpers import send_json

FIXTURES = Path(__file__).parent / "fixtures"

GOOD = '''id = "{id}"
title = "Add one"
difficulty = "easy"
tags = ["arrays"]
split = "{split}"
entry_point = "addOne"
args = ["nums: long[]"]
returns = "long[]"
description = """Add one to every item of a list of longs."""
python = \'\'\'
def addOne(nums):
    return [x + 1 for x in nums]
\'\'\'
q = \'\'\'
addOne:{{[nums] nums+1}}
\'\'\'
tests = ["[1, 2, 3]", "[]", "[-5]"]
'''


@pytest.fixture
def bad_dataset(tmp_path):
    folder = tmp_path / "problems"
    folder.mkdir()
    (folder / "add_one.toml").write_text(GOOD.format(id="add_one", split="train"))
    (folder / "add_one_test.toml").write_text(GOOD.format(id="add_one_test", split="test"))
    (folder / "no_returns.toml").write_text(GOOD.format(id="no_returns", split="train").replace('returns = "long[]"\n', ""))
    (folder / "bad_type.toml").write_text(GOOD.format(id="bad_type", split="train").replace('"nums: long[]"', '"nums: longg[]"'))
    (folder / "two_args.toml").write_text(GOOD.format(id="two_args", split="train").replace('"[-5]"', '"[-5], 3"'))
    (folder / "not_toml.toml").write_text('id = "not_toml"\ntitle = "unclosed\n')
    return tmp_path


def test_malformed_records_are_named_and_the_rest_loads(bad_dataset):
    report = load_problems(bad_dataset, on_error="collect")
    assert [p.id for p in report.problems] == ["add_one", "add_one_test"]
    errors = {Path(e.split(":")[0]).name: e for e in report.errors}
    assert set(errors) == {"no_returns.toml", "bad_type.toml", "two_args.toml", "not_toml.toml"}
    assert "missing field(s) returns" in errors["no_returns.toml"]
    assert "field args[0]" in errors["bad_type.toml"] and "longg" in errors["bad_type.toml"]
    assert "field tests[2] has 2 argument(s); the signature has 1" in errors["two_args.toml"]
    assert "not valid TOML" in errors["not_toml.toml"]
    with pytest.raises(ProblemError, match="bad_type.toml: field args"):
        load_problems(bad_dataset)
    assert [p.id for p in load_problems(bad_dataset, split="test", ids=["add_one_test"])] == ["add_one_test"]


@pytest.fixture(scope="module")
def shipped():
    report = load_problems(on_error="collect")
    return report


@pytest.fixture(scope="module")
def synthetic():
    return synthetic_problems(0)


def _texts(row):
    return [m["content"] for m in row["prompt"] + row["completion"]]


@pytest.mark.parametrize("which", ["shipped", "synthetic"])
def test_code_writing_views_never_show_a_test(which, shipped, synthetic):
    problems = shipped.problems if which == "shipped" else synthetic
    assert problems
    by_id = {p.id: p for p in problems}
    for task in CODE_TASKS:
        for row in task_rows(problems, task):
            p = by_id[row["id"]]
            for text in _texts(row):
                assert "assert" not in text, (p.id, task)
                for args in p.tests:
                    assert python_call(p, args) not in text, (p.id, task, args)
                    assert q_call(p, args) not in text, (p.id, task, args)
                    shown = arguments_text(args)
                    assert len(shown) < 12 or shown not in text, (p.id, task, shown)


def test_every_view_comes_from_the_one_prompt_builder(monkeypatch, synthetic):
    problems = synthetic[:5]
    expected = expected_values(problems)
    for task in TASKS:
        for row in task_rows(problems, task, expected):
            p = next(p for p in problems if p.id == row["id"])
            test = None if row["test_index"] < 0 else (p.tests[row["test_index"]], expected[p.id][row["test_index"]])
            assert row["prompt"] == build_messages(p, task, test)
            assert row["completion"] == [{"role": "assistant", "content": build_answer(p, task, test)}]
    # and the views call it, rather than build text of their own
    monkeypatch.setattr(ds, "build_messages", lambda p, task, test=None: [{"role": "user", "content": f"X {p.id} {task}"}])
    for task in TASKS:
        assert {r["prompt"][0]["content"] for r in task_rows(problems, task, expected)} == {f"X {p.id} {task}" for p in problems}


def test_synthetic_test_instances_are_absent_from_train(synthetic):
    train = [p for p in synthetic if p.split == "train"]
    test = [p for p in synthetic if p.split == "test"]
    assert len(test) >= 30 and len(train) >= 100
    assert not {p.id for p in train} & {p.id for p in test}

    def family_k(p):  # a single step's id is syn_<name><k>
        return p.family, p.id[len("syn_" + p.family):]

    single = lambda ps: {family_k(p) for p in ps if "+" not in p.family}
    assert single(test) and not single(train) & single(test)
    train_compositions = {p.family for p in train if "+" in p.family}
    test_compositions = {p.family for p in test if "+" in p.family}
    assert test_compositions and not train_compositions & test_compositions
    assert all(p.synthetic for p in synthetic)


@pytest.mark.parametrize("text,language,code", [
    ("```q\nf:{x+1}\n```", "q", "f:{x+1}"),
    ("Here it is:\n```\nf:{x+1}\n```\nDone.", "q", "f:{x+1}"),
    ("<think>maybe ```q\nbad\n```</think>\n```q\nf:{x}\n```", "q", "f:{x}"),
    ("```q\ng:{x*2}\n```\nand then\n```q\nf:{g x}\n```", "q", "g:{x*2}\nf:{g x}"),
    ("f:{x+1}", "q", "f:{x+1}"),
    ("```q\nf:{x+1}", "q", "f:{x+1}"),
    ("```python\ndef f(x): return x\n```\n```q\nf:{x}\n```", "python", "def f(x): return x"),
    ("```py\ndef f(x): return x\n```", "python", "def f(x): return x"),
    ("", "q", ""),
])
def test_extract_code(text, language, code):
    assert extract_code(text, language) == code


def test_judge_items_rejects_a_test_that_checks_nothing(synthetic):
    p = next(p for p in synthetic if p.id == "syn_add3") if any(p.id == "syn_add3" for p in synthetic) else synthetic[0]
    expected = expected_values([p])
    test = (p.tests[2], expected[p.id][2])
    real = extract_code(build_answer(p, "test_translation", test))
    verdicts = judge_items([(p, "test_translation", "1b", 2), (p, "test_translation", real, 2),
                            (p, "description_to_q", extract_code(build_answer(p, "description_to_q"))),
                            (p, "description_to_q", "solve:{x}"),
                            (p, "q_to_python", extract_code(build_answer(p, "q_to_python"), "python"))], expected)
    assert [v.passed for v in verdicts] == [False, True, True, False, True]
    assert verdicts[0].category == "wrong_answer" and "wrong" in verdicts[0].tests[0].detail


def test_no_near_duplicates_across_the_split(shipped):
    # 0.5: reworded copies of one problem measured 0.54-0.56; distinct but related problems up to 0.46
    threshold = 0.5
    found = split_overlap(shipped.problems, threshold=threshold)
    a, b, similarity = found.most_similar
    message = (f"threshold {threshold} (Jaccard of character 5-gram shingles of description + q solution); "
               f"measured max train/test similarity {similarity:.3f} ({a} / {b}); over threshold: {found.pairs}")
    print(message)
    assert found.compared >= len(shipped.problems), message
    assert not found.pairs, message


def test_no_test_problem_is_solved_by_a_train_solution(shipped):
    solved = ds.solved_across_split(shipped.problems)
    assert not solved, (f"{len(solved)} test problem(s) are solved by the q solution of a train problem with the same "
                        f"signature types (train, test): {solved}")


def test_solved_across_split_finds_a_planted_copy(synthetic):
    a = next(p for p in synthetic if p.split == "train" and p.family == "add")
    copy = Problem(**{**problem_record_fields(a), "id": "renamed_copy", "split": "test", "entry_point": "other",
                      "python": a.python.replace("solve", "other"), "q": a.q.replace("solve", "other"),
                      "description": "Reworded entirely."})
    others = [p for p in synthetic if p.split == "test" and p.family in ("mul", "sum")][:3]
    assert ds.solved_across_split([a, copy, *others]) == [(a.id, "renamed_copy")]


def test_split_overlap_finds_a_planted_near_duplicate(synthetic):
    p = next(p for p in synthetic if p.split == "train" and "+" in p.family)
    twin = Problem(**{**problem_record_fields(p), "id": p.id + "_twin", "split": "test"})
    found = split_overlap([p, twin, *[q for q in synthetic if q.split == "test"][:5]], threshold=0.5)
    assert (p.id, twin.id) in [(a, b) for a, b, _ in found.pairs]
    assert found.most_similar[2] > 0.9


def problem_record_fields(p):
    return {k: getattr(p, k) for k in p.__dataclass_fields__}


def test_compile_dataset_has_every_field_by_split(synthetic):
    problems = synthetic[:30]
    compiled = compile_dataset(problems)
    assert set(compiled) == set(SPLITS)
    assert set(compiled["train"].column_names) == set(Problem.__dataclass_fields__)
    assert sum(len(compiled[s]) for s in SPLITS) == len(problems)
    rows = list(compiled["train"]) + list(compiled["test"])
    assert sorted(problem_from_record(r).id for r in rows) == sorted(p.id for p in problems)
    for r in rows:
        p = next(p for p in problems if p.id == r["id"])
        assert problem_from_record(r) == p and r["tests"] == [arguments_text(t) for t in p.tests]


def test_card_counts_match_the_data(bad_dataset, tmp_path):
    problems = load_problems(bad_dataset, on_error="collect").problems
    card = dataset_card(problems)
    assert card.startswith("---\nlicense: apache-2.0\n") and "- n<1K" in card
    assert "**2 problems** (1 train / 1 test), **6 tests**, 1 tags." in card
    assert "| train | 1 | 3 |" in card and "| test | 1 | 3 |" in card
    assert "| easy | 1 | 1 | 2 | 100% |" in card and "| arrays | 1 | 1 | 2 |" in card
    assert "| description_to_q | description and signature | q solution | 2 |" in card


def test_committed_card_is_the_regenerated_one():
    committed = (DATASET / "README.md").read_text(encoding="utf-8")
    assert committed == dataset_card(load_problems()), \
        "data/q_leetcode/README.md is stale: regenerate it with `qblueprint dataset card`"


def test_report_layout_importer_converts_and_verifies_the_fixture(tmp_path):
    results = {r.name: r for r in import_report_layout(FIXTURES / "report_layout", out=tmp_path, progress=False)}
    assert {k: r.status for k, r in results.items()} == {
        "0001-two-sum": "pass", "0002-count-vowels": "pass", "0003-running-max-wrong": "fail",
        "0004-missing-answer": "cannot-convert", "0005-only-empty-lists": "cannot-convert"}
    assert "wrong_answer" in results["0003-running-max-wrong"].why
    assert "q_exact_ans_test_case_1.txt" in results["0004-missing-answer"].why
    assert "empty list" in results["0005-only-empty-lists"].why
    two_sum = results["0001-two-sum"].problem
    assert two_sum.entry_point == "twoSum" and two_sum.args == (("nums", "long[]"), ("target", "long"))
    assert two_sum.returns == "long[]" and two_sum.tests[0] == ([2, 7, 11, 15], 9)
    vowels = results["0002-count-vowels"].problem
    assert vowels.entry_point == "countVowels" and vowels.args == (("s", "string"),) and vowels.returns == "long"
    written = load_problems(tmp_path)  # what the importer wrote reads back in our format
    assert sorted(p.id for p in written) == sorted([two_sum.id, vowels.id])


# ---- the generation loop ----

@pytest.fixture(scope="module")
def loop_problems(synthetic, tmp_path_factory):
    "A JSONL of three synthetic test problems without their q, as a user would give it."
    path = tmp_path_factory.mktemp("loop") / "input.jsonl"
    chosen = [p for p in synthetic if p.split == "test"][:3]
    path.write_text("".join(json.dumps({k: v for k, v in problem_record(p).items() if k not in ("q", "source")}) + "\n"
                            for p in chosen))
    return chosen, load_candidate_problems(path)


def test_candidate_input_has_no_q(loop_problems):
    chosen, loaded = loop_problems
    assert [p.id for p in loaded] == [p.id for p in chosen]
    assert all(p.q.startswith("/") for p in loaded)


def test_loop_accepts_a_correct_candidate_and_rejects_a_wrong_one(loop_problems, tmp_path):
    chosen, loaded = loop_problems
    p = loaded[0]
    expected = expected_values(loaded)
    test = (p.tests[0], expected[p.id][0])
    right = build_answer(chosen[0], "description_to_q")
    replay = ReplayGenerator([
        dict(prompt=build_messages(p, "description_to_q"), completions=["```q\nsolve:{x}\n```", right]),
        dict(prompt=build_messages(p, "test_translation", test),
             completions=["```q\n1b\n```", build_answer(p, "test_translation", test)]),
    ])
    run = generation_loop([p], replay, rounds=3, n=1, tests_per_problem=1, pool=tmp_path / "pool.jsonl",
                          log=tmp_path / "log.jsonl", expected=expected, progress=False)
    assert [(r["kind"], r["round"], r["code"]) for r in run.accepted] == [
        ("q_solution", 2, extract_code(right)), ("q_test", 2, extract_code(build_answer(p, "test_translation", test)))]
    assert [(r["kind"], r["round"], r["category"]) for r in run.rejected] == [
        ("q_solution", 1, "wrong_answer"), ("q_test", 1, "wrong_answer")]
    pool = [json.loads(line) for line in (tmp_path / "pool.jsonl").read_text().splitlines()]
    assert [r["id"] for r in pool] == [p.id, p.id]
    assert all(r["generator"] == "replay" and r["model"] == "replay" and r["time"] for r in pool)
    assert len((tmp_path / "log.jsonl").read_text().splitlines()) == 2
    table = run.table()
    assert table[["round", "kind", "proposed", "accepted"]].values.tolist() == [
        [1, "q_solution", 1, 0], [1, "q_test", 1, 0], [2, "q_solution", 1, 1], [2, "q_test", 1, 1]]
    # the pool and the log replay: judged again, the same candidates get the same verdicts
    again = generation_loop([p], ReplayGenerator(tmp_path / "log.jsonl"), rounds=1, n=1, tests_per_problem=1,
                            expected=expected, progress=False)
    assert [(r["kind"], r["category"]) for r in again.rejected] == [("q_solution", "wrong_answer"), ("q_test", "wrong_answer")]
    assert len(generation_loop([p], ReplayGenerator(tmp_path / "pool.jsonl"), rounds=1, n=1, tests_per_problem=1,
                               expected=expected, progress=False).accepted) == 2
    # round 3 asked for nothing: all was accepted
    assert (tmp_path / "pool.jsonl").exists() and not any(r["round"] == 3 for r in run.rejected)


class _Recording(Generator):
    "Wrong answers, recording the sampling settings of each call."
    kind, name = "recording", "nothing"

    def __init__(self):
        self.cfgs = []

    def generate(self, prompts, cfg, progress=False):
        self.cfgs.append(cfg)
        return [["```q\n'nope\n```"] * cfg.n for _ in prompts]


def test_loop_samples_each_round_with_a_new_seed(loop_problems):
    _, loaded = loop_problems
    gen = _Recording()
    run = generation_loop(loaded[:1], gen, rounds=3, n=2, tests_per_problem=0, temperature=0.5, max_new_tokens=7,
                          seed=4, progress=False)
    assert [(c.n, c.temperature, c.max_new_tokens) for c in gen.cfgs] == [(2, 0.5, 7)] * 3
    assert len({c.seed for c in gen.cfgs}) == 3 and len(run.rejected) == 6 and not run.accepted
    assert {(r["generator"], r["model"]) for r in run.rejected} == {("recording", "nothing")}


def test_make_generator_refuses_what_it_cannot_build():
    with pytest.raises(ValueError, match="give a model"):
        ds.make_generator()
    with pytest.raises(ValueError, match="needs --model"):
        ds.make_generator(endpoint="http://127.0.0.1:9/v1")
    with pytest.raises(ValueError, match="backend must be"):
        ds.make_generator("m", backend="tpu")
    with pytest.raises(ValueError, match="endpoint only"):
        ds.make_generator("m", backend="hf", concurrency=2)
    assert isinstance(ds.make_generator("m", endpoint="http://127.0.0.1:9/v1", max_requests=1), OpenAIGenerator)
    if importlib.util.find_spec("vllm") is None:
        with pytest.raises(GenerationError, match="needs vLLM"):
            ds.make_generator("m", backend="vllm")


def test_translated_test_must_call_with_the_test_arguments(loop_problems):
    _, loaded = loop_problems
    p = loaded[0]
    expected = expected_values([p])
    wrong_args = f"{q_call(p, p.tests[1])}~{ds.q_expected(p, expected[p.id][0])}"
    right = f"{q_call(p, p.tests[0])}~{ds.q_expected(p, expected[p.id][0])}"
    verdicts = ds.judge_test_translations([(p, 0, wrong_args), (p, 0, right), (p, 0, "1b")], expected)
    assert [v.passed for v in verdicts] == [False, True, False]


SPEC = dict(vocab_size=400, hidden_size=32, intermediate_size=64, num_hidden_layers=1, num_attention_heads=2,
            num_key_value_heads=1, max_position_embeddings=512)


def test_loop_runs_end_to_end_with_a_tiny_model(loop_problems, tmp_path_factory, tmp_path):
    from qblueprint.scales import TinySpec, load_model, tiny_checkpoint
    _, loaded = loop_problems
    model, tok = load_model(str(tiny_checkpoint(TinySpec(**SPEC), cache=tmp_path_factory.mktemp("tiny"))))
    side = tok.padding_side
    generator = HFGenerator(model, tok, batch_size=4, name="tiny-test")
    prompts = [build_messages(loaded[0], "python_to_q")] * 3
    cfg = SamplingConfig(n=2, temperature=0.8, max_new_tokens=6, seed=1)
    outs = generator.generate(prompts, cfg)
    assert len(outs) == 3 and all(len(o) == 2 and all(isinstance(t, str) for t in o) for o in outs)
    greedy = generator.generate(prompts[:1], SamplingConfig(n=3, temperature=0.0, max_new_tokens=6))
    assert len(greedy) == 1 and len(greedy[0]) == 3 and len(set(greedy[0])) == 1
    assert generator.generate(prompts, replace(cfg, seed=2)) != outs  # another seed (the loop's next round) samples anew
    assert HFGenerator(model, tok).generate(prompts, cfg) == outs  # and the same seed gives the same samples
    assert tok.padding_side == side  # left padding for the call only: a tokenizer shared with training is untouched
    run = generation_loop(loaded[:2], generator, rounds=2, n=2, tests_per_problem=1, max_new_tokens=8,
                          pool=tmp_path / "pool.jsonl", log=tmp_path / "log.jsonl", progress=False)
    proposed = len(run.accepted) + len(run.rejected)
    # each round asks for what is missing: 2 solutions and 2 tests, 2 completions each
    assert 8 <= proposed <= 16 and {r["model"] for r in run.rejected + run.accepted} == {"tiny-test"}
    assert all(r["category"] in ("wrong_answer", "q_error", "timeout", "resource_limit", "passed_duplicate")
               for r in run.rejected)
    assert set(run.table()["round"]) <= {1, 2}


class _Handler(BaseHTTPRequestHandler):
    answers: dict = {}
    requests: list = []
    fail_first: list = []

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        type(self).requests.append((self.path, body, self.headers.get("Authorization")))
        if type(self).fail_first:
            type(self).fail_first.pop()
            self.send_response(503); self.end_headers(); return
        user = body["messages"][-1]["content"]
        text = next((a for k, a in type(self).answers.items() if k in user), "```q\n'nope\n```")
        reply = dict(choices=[dict(index=0, message=dict(role="assistant", content=text))])  # ignores n, as some do
        send_json(self, reply)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    _Handler.requests, _Handler.fail_first = [], []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/v1"
    httpd.shutdown()
    httpd.server_close()


def test_loop_against_an_openai_compatible_server(server, loop_problems, tmp_path):
    chosen, loaded = loop_problems
    # the server knows the right q solution for the first problem only (found by its description)
    _Handler.answers = {chosen[0].description: build_answer(chosen[0], "description_to_q")}
    _Handler.fail_first = [1]  # one 503 first: the generator retries
    generator = OpenAIGenerator(server, model="known-answers", api_key="k", concurrency=2, retries=2, backoff=0.01,
                                timeout=10)
    run = generation_loop(loaded[:2], generator, rounds=1, n=2, tests_per_problem=0, pool=tmp_path / "pool.jsonl",
                          progress=False)
    assert [(r["id"], r["kind"], r["generator"], r["model"]) for r in run.accepted] == [
        (chosen[0].id, "q_solution", "openai", "known-answers")]
    assert {(r["id"], r["category"]) for r in run.rejected} == {(chosen[0].id, "passed_duplicate"), (chosen[1].id, "q_error")}
    paths = {path for path, _, _ in _Handler.requests}
    assert paths == {"/v1/chat/completions"} and all(auth == "Bearer k" for _, _, auth in _Handler.requests)
    assert len(_Handler.requests) == 5  # 2 prompts x 2 completions (one per request), plus the retried 503
    body = _Handler.requests[-1][1]
    assert body["model"] == "known-answers" and body["messages"][0]["role"] == "system" and "max_tokens" in body


def test_openai_generator_reports_an_unreachable_server():
    generator = OpenAIGenerator("http://127.0.0.1:9/v1", model="m", retries=1, backoff=0.01, timeout=2)
    with pytest.raises(RuntimeError, match="request failed after 2 attempt"):
        generator.generate([[{"role": "user", "content": "hi"}]], SamplingConfig(n=1))


def test_card_and_import_commands(bad_dataset, tmp_path, capsys):
    from qblueprint.cli import main
    good = tmp_path / "good"
    (good / "problems").mkdir(parents=True)
    for name in ("add_one.toml", "add_one_test.toml"):
        (good / "problems" / name).write_text((bad_dataset / "problems" / name).read_text())
    assert main(["dataset", "card", "--root", str(good)]) == 0
    assert (good / "README.md").read_text() == dataset_card(load_problems(good))
    assert main(["dataset", "import-report", str(FIXTURES / "report_layout"), "--out", str(tmp_path / "out")]) == 1
    assert capsys.readouterr().out.strip().endswith("imported: 2 pass, 1 fail, 2 cannot-convert of 5")
    assert len(list((tmp_path / "out" / "problems").glob("*.toml"))) == 2


def test_expected_values_in_chunks_equal_one_reference_per_process(synthetic, tmp_path):
    good = synthetic[:5]
    raises = Problem(**{**problem_record_fields(good[0]), "id": "raises",
                        "python": "def solve(x):\n    if len(x) == 1:\n        raise ValueError('one')\n    return x\n"})
    broken = Problem(**{**problem_record_fields(good[1]), "id": "broken", "python": "def solve(x) return x\n"})
    problems = [good[0], raises, good[1], broken, *good[2:]]
    chunked = expected_values(problems, cache=tmp_path / "a", chunk=16)
    single = expected_values(problems, cache=tmp_path / "b", chunk=1)
    assert [type(chunked[p.id]) for p in problems] == [type(single[p.id]) for p in problems]
    assert all(chunked[p.id] == single[p.id] for p in good)
    assert "tests[1]" in str(chunked["raises"]) and "ValueError" in str(chunked["raises"])
    assert isinstance(chunked["broken"], ds.ReferenceError) and "SyntaxError" in str(chunked["broken"])


def test_generate_command_with_a_replay_file(loop_problems, tmp_path, capsys):
    from qblueprint.cli import main
    chosen, loaded = loop_problems
    p = loaded[0]
    source = tmp_path / "input.jsonl"
    source.write_text(json.dumps({k: v for k, v in problem_record(chosen[0]).items() if k not in ("q", "source")}) + "\n")
    replay = tmp_path / "replay.jsonl"
    replay.write_text(json.dumps(dict(prompt=build_messages(p, "description_to_q"),
                                      completions=["```q\nsolve:{x}\n```", build_answer(chosen[0], "description_to_q")])) + "\n")
    assert main(["dataset", "generate", str(source), "--replay", str(replay), "--pool", str(tmp_path / "pool.jsonl"),
                 "--log", str(tmp_path / "log.jsonl"), "--rounds", "2", "--n", "1", "--tests", "0"]) == 0
    out = capsys.readouterr().out
    assert "generate: 1 accepted" in out and "1 rejected" in out
    assert [json.loads(r)["round"] for r in (tmp_path / "pool.jsonl").read_text().splitlines()] == [2]
    assert main(["dataset", "generate", str(source), "--pool", str(tmp_path / "p2.jsonl")]) == 2
