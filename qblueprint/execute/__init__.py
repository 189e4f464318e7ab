"""Execution service: judge untrusted q and Python solutions against tests, with honest verdicts.

    from qblueprint.execute import run_tests, ValueTest
    verdict = run_tests("add:{x+y}", [ValueTest("add[1;2]", "3")])
    verdict.category  # 'passed'

`from_check` turns a q-HumanEval `check(candidate)` function into tests (our comparison, or KX's with
`compat="kx"`). See `service` for the API, `cases` for test forms, `verdict` for categories, `pool` for the
sandboxed workers of the embedded back end and `qprocess`/`python_runner` for the others.
"""
from .cases import OutputTest, PyValueTest, ValueTest
from .jobs import Job, Limits
from .literals import kx_literal, q_literal
from .pychecks import COMPAT_MODES, Skipped, from_check
from .pool import WorkerStartError
from .sandbox import SandboxUnavailable, sandbox_info
from .service import BACKENDS, BackendUnavailable, resolve_backend, run_batch, run_tests
from .verdict import (CATEGORIES, INFRASTRUCTURE, LOAD, PASSED, Q_ERROR, RESOURCE_LIMIT, TEST,
                      TIMEOUT, WRONG_ANSWER, TestOutcome, Verdict)

__all__ = ["run_tests", "run_batch", "resolve_backend", "BACKENDS", "BackendUnavailable", "WorkerStartError",
           "SandboxUnavailable", "sandbox_info", "ValueTest", "PyValueTest", "OutputTest", "Job", "Limits", "Verdict", "TestOutcome",
           "CATEGORIES", "PASSED", "WRONG_ANSWER", "Q_ERROR", "TIMEOUT", "RESOURCE_LIMIT",
           "INFRASTRUCTURE", "LOAD", "TEST", "from_check", "Skipped", "COMPAT_MODES", "q_literal", "kx_literal"]
