"""-8! and -9!: kdb+'s IPC serialisation, byte for byte where KX shows the bytes, and round trips."""
import pytest
from hypothesis import given, settings, strategies as st

from qblueprint.q import QError, Session
from qblueprint.q.ipc import NotData, deserialize, serialize

S = Session()


def test_bytes_as_kdb_writes_them():
    # -8!til 3 and -8!1i as printed by kdb+
    assert S.eval("raze string -8!til 3").py() == b"0100000026000000070003000000000000000000000001000000000000000200000000000000"
    assert S.eval("raze string -8!1i").py() == b"010000000d000000fa01000000"


@pytest.mark.parametrize("text", ["1b", "0x2a", "7h", "1i", "1", "1.5e", "2.5", "\"a\"", "`sym", "`", "2024.01.15",
                                  "2024.01m", "12:30", "12:30:15", "12:30:15.123", "2024.01.15D12:30:15.123456789",
                                  "0D01:02:03", "0N", "0n", "-0W", "0Ng", "101b", "1 2 3h", "`a`bc`", "\"hello\"",
                                  "(1;`a;\"xy\";2.5 3)", "()", "`long$()", "`a`b!1 2", "([] a:1 2; b:`x`y)",
                                  "([k:1 2] v:`a`b)", "(::)", "(`a`b!(1;\"x\");enlist 1 2)"])
def test_round_trip(text):
    assert S.eval(f"x~-9!-8!x:{text}").py() is True


def test_functions_other_than_lambdas_are_not_written_and_reading_one_is_not_data():
    with pytest.raises(QError):
        S.eval("-8!(+/)")
    lambda_bytes = bytes(S.eval("-8!{x}").a)
    with pytest.raises(NotData):
        deserialize(lambda_bytes)
    with pytest.raises(QError, match="badmsg"):
        S.eval("-9!0x0102")


@settings(max_examples=60, deadline=None)
@given(st.recursive(st.one_of(st.integers(-2**62, 2**62), st.floats(allow_nan=False), st.booleans(),
                              st.text(alphabet="abcxyz", max_size=4)),
                    lambda inner: st.lists(inner, max_size=4), max_leaves=10))
def test_round_trip_of_python_built_values(value):
    from qblueprint.execute.literals import q_literal
    q = S.eval(q_literal(value))
    assert deserialize(serialize(q)) == q
