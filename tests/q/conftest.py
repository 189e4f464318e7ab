import pytest

from qblueprint.q import Session


@pytest.fixture
def q():
    """A fresh q session; `q(src)` gives the console text without the trailing newline."""
    s = Session()

    def run(src):
        return s.console(src).rstrip("\n")
    run.session = s
    return run
