"""q-HumanEval: KX's file format, our and KX's comparison rules, KX-shaped results, and `qblueprint eval` against a
loopback OpenAI-compatible server. The tasks are a fixture written for these tests in KX's format."""
import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from qblueprint.cli import main
from qblueprint.evaluate import humaneval_solution, kx_results, load_humaneval, load_solutions, score_humaneval
from qblueprint.execute.compare import to_python
from qblueprint.q import Session
from helpers import send_json

FIXTURE = Path(__file__).parent / "fixtures" / "q_humaneval_small.jsonl"


def task(entry_point, *asserts, task_id=0):
    return dict(task_id=task_id, entry_point=entry_point, prompt=f"{entry_point}:{{[x]\n    }}",
                tests="def check(candidate):\n" + "".join(f"    {a}\n" for a in asserts))


def passes(row, solution, compat):
    [result] = score_humaneval([row], [dict(task_id=row["task_id"], completion=f"```q\n{solution}\n```")], compat=compat)
    return result["passed"]


# Each rule of KX's harness, on a task that passes in one mode and fails in the other.
RULES = {
    # a one-character str is a char atom: `in` gives an atom, which equals True; ours passes ,"a" and gets ,1b
    "one-char str is a char atom": (task("is_vowel", "assert candidate('a') == True"), 'is_vowel:{x in "aeiou"}', "kx"),
    # [] is the general empty list: `long$() does not match () (`=` on empties falls back to ~)
    "[] is the general empty list": (task("as_longs", "assert candidate([]) == []"), "as_longs:{`long$x}", "default"),
    # dictionary keys from Python strs arrive as strings (bytes), never symbols
    "dict keys are strings, not symbols": (task("counts", "assert candidate('ab') == {'a': 1, 'b': 1}"),
                                           "counts:{(`$string x)!1 1}", "default"),
    # a symbol never equals a Python str
    "a symbol never equals a str": (task("name", "assert candidate(1) == 'abc'"), "name:{`abc}", "default"),
    # floats compare with q's own tolerance (about 1e-14), not ours (1e-6)
    "floats compare exactly": (task("third", "assert candidate(1.0) == 0.1"), "third:{0.1+1e-9}", "default"),
    # `is True` never holds of a PyKX boolean
    "is True never holds": (task("positive", "assert candidate(1) is True"), "positive:{x>0}", "default"),
}


@pytest.mark.parametrize("rule", RULES)
def test_each_kx_rule_decides_a_task_one_way_and_ours_the_other(rule):
    row, solution, passing_mode = RULES[rule]
    failing_mode = "default" if passing_mode == "kx" else "kx"
    assert passes(row, solution, passing_mode), f"{rule}: should pass with --compat {passing_mode}"
    assert not passes(row, solution, failing_mode), f"{rule}: should fail with --compat {failing_mode}"


def test_kx_mode_agrees_with_ours_on_plain_answers():
    row = task("add_one", "assert candidate([1, 2]) == [2, 3]", "assert candidate('ab') == 'ab'",
               "assert abs(candidate(0.5) - 1.5) < 1e-9", "assert candidate(2) == 3")
    assert passes(row, "add_one:{$[10h=type x;x;x+1]}", "kx") and passes(row, "add_one:{$[10h=type x;x;x+1]}", "default")
    assert not passes(row, "add_one:{x}", "kx") and not passes(row, "add_one:{x}", "default")


def test_char_vector_keyed_dict_converts_to_one_key_per_char():
    s = Session()
    assert to_python(s.eval('"ab"!1 2')) == {"a": 1, "b": 2}
    assert to_python(s.eval('("ab";"cd")!1 2')) == {"ab": 1, "cd": 2}
    row = task("counts", "assert candidate('ab') == {'a': 1, 'b': 1}")
    # count each char: a char-keyed dict passes in both modes now
    assert passes(row, "counts:{count each group x}", "default") and passes(row, "counts:{count each group x}", "kx")


def test_helper_functions_in_a_completion_are_kept():
    row = task("add_one", "assert candidate([1, 2]) == [2, 3]")
    completion = "Here it is:\n```q\ninc:{x+1}\nadd_one:{[x] inc each x}\n```"
    [r] = score_humaneval([row], [dict(task_id=0, completion=completion)])
    assert r["passed"] and "inc:{x+1}" in r["code"]
    assert humaneval_solution("{x+1}", "add_one") == "add_one:{x+1}"  # a bare lambda is assigned, as KX does
    assert humaneval_solution("f:{x}\nadd_one:f", "add_one") == "f:{x}\nadd_one:f"


def test_unconverted_asserts_are_reported_not_dropped():
    rows = load_humaneval(FIXTURE)
    samples = [dict(task_id=3, completion="mean_of:{avg x}"), dict(task_id=4, completion="is_positive:{x>0}")]
    results = score_humaneval(rows, samples)
    summary = kx_results(results, rows, "default")
    reported = {t["task_id"]: t for t in summary["not_fully_converted"]}
    assert set(reported) == {3, 4}
    assert reported[3]["converted"] == 2 and reported[3]["asserts"][0]["source"].startswith("for n in range(3)")
    assert reported[4]["converted"] == 0
    by_task = {r["task_id"]: r for r in summary["results"]}
    assert by_task[3]["passed"] and not by_task[4]["passed"] and "no assert" in by_task[4]["info"]
    assert summary["tasks_without_samples"] == [0, 1, 2]


def test_bad_files_name_the_line(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"task_id": 0, "prompt": "", "tests": ""}\n')
    with pytest.raises(ValueError, match=r"bad.jsonl:1: missing field 'entry_point'"):
        load_humaneval(bad)
    sol = tmp_path / "sol.jsonl"
    sol.write_text('{"task_id": 0, "completion": "x"}\n{"completion": "y"}\n')
    with pytest.raises(ValueError, match=r"sol.jsonl:2: missing field 'task_id'"):
        load_solutions(sol)


# Known q solutions served by a loopback OpenAI-compatible server: right for tasks 0-2, wrong for task 3.
ANSWERS = {
    "add_one": "```q\ninc:{x+1}\nadd_one:{[x] inc x}\n```",
    "is_vowel": "```q\nis_vowel:{[x] x in \"aeiou\"}\n```",
    "char_counts": "```q\nchar_counts:{[x] count each group x}\n```",
    "mean_of": "```q\nmean_of:{[x] sum x}\n```",
    "is_positive": "```q\nis_positive:{[x] x>0}\n```",
}


class FakeOpenAI(BaseHTTPRequestHandler):
    requests = []

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        FakeOpenAI.requests.append(body)
        prompt = body["messages"][-1]["content"]
        name = re.search(r"^(\w+):\{\[", prompt, re.M).group(1)
        reply = dict(id="x", object="chat.completion", model=body["model"],
                     choices=[dict(index=0, finish_reason="stop", message=dict(role="assistant", content=ANSWERS[name]))])
        send_json(self, reply)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), FakeOpenAI)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    FakeOpenAI.requests = []
    yield f"http://127.0.0.1:{httpd.server_address[1]}/v1"
    httpd.shutdown()


def test_eval_command_against_a_loopback_endpoint_writes_kx_shaped_results(server, tmp_path, capsys):
    args = ["eval", "--dataset", "q-humaneval", "--path", str(FIXTURE), "--endpoint", server, "--model", "fake-q",
            "-n", "2", "--out", str(tmp_path / "out"), "--compat", "kx"]
    assert main(args) == 0
    printed = capsys.readouterr().out
    results = json.loads((tmp_path / "out" / "humaneval_results.json").read_text())
    assert results["compat"] == "kx" and results["total_problems"] == 5 and results["total_solutions"] == 10
    per_task = {p["task_id"]: p["num_correct"] for p in results["per_problem_results"]}
    # right answers pass, the wrong one (sum for mean) fails, the task with no convertible assert fails
    assert per_task == {0: 2, 1: 2, 2: 2, 3: 0, 4: 0}
    assert results["pass_at_1"] == pytest.approx(3 / 5) and "pass_at_5" not in results
    assert {"task_id", "sample_index", "passed", "info"} == set(results["results"][0])
    info = {r["task_id"]: r["info"] for r in results["results"]}
    assert info[0] == "passed" and info[3].startswith("failed: wrong_answer") and "candidate([1.0, 2.0])" in info[3]
    assert {t["task_id"] for t in results["not_fully_converted"]} == {3, 4}
    assert "pass@1 0.6000" in printed and len(FakeOpenAI.requests) == 10
    # resumable: a second run generates nothing
    FakeOpenAI.requests = []
    assert main(args) == 0 and FakeOpenAI.requests == []
    # the same completions in the default comparison: task 1 now fails (',"a"' in, ',1b' out)
    assert main(args[:-2] + ["--compat", "default"]) == 0
    results = json.loads((tmp_path / "out" / "humaneval_results.json").read_text())
    assert {p["task_id"]: p["num_correct"] for p in results["per_problem_results"]}[1] == 0


def test_eval_command_scores_a_solutions_file(tmp_path, capsys):
    sol = tmp_path / "sol.jsonl"
    sol.write_text("".join(json.dumps(dict(task_id=t, completion=c)) + "\n" for t, c in
                           [(0, ANSWERS["add_one"]), (0, "add_one:{x}"), (2, ANSWERS["char_counts"])]))
    assert main(["eval", "--dataset", "q-humaneval", "--path", str(FIXTURE), "--solutions", str(sol),
                 "--out", str(tmp_path / "o")]) == 0
    results = json.loads((tmp_path / "o" / "humaneval_results.json").read_text())
    assert [(r["task_id"], r["sample_index"], r["passed"]) for r in results["results"]] == [(0, 0, True), (0, 1, False), (2, 0, True)]
    assert main(["eval", "--dataset", "q-humaneval", "--solutions", str(sol)]) == 2
    assert "--path" in capsys.readouterr().err


def test_kx_item_by_item_and_truth_forms():
    row = task("evens", "assert tuple(candidate([1, 2, 4])) == tuple([2, 4])", "assert candidate([2])",
               "assert not candidate([])")
    assert passes(row, "evens:{$[count x;x where 0=x mod 2;0b]}", "kx") is False  # a list has no truth in PyKX
    row = task("evens", "assert tuple(candidate([1, 2, 4])) == tuple([2, 4])")
    assert passes(row, "evens:{x where 0=x mod 2}", "kx") and not passes(row, "evens:{first x}", "kx")
    row = task("nonzero", "assert candidate(3)", "assert not candidate(0)", "assert candidate('a')")
    assert passes(row, "nonzero:{x}", "kx")


def test_kx_failures_show_what_came_back():
    row = task("add_one", "assert candidate([1, 2]) == [2, 3]")
    [r] = score_humaneval([row], [dict(task_id=0, completion="add_one:{x+2}")], compat="kx")
    assert r["info"] == "failed: wrong_answer 0/1: got '3 4' at `assert candidate([1, 2]) == [2, 3]`"
