"""Issue 13, item 6: result types of temporal arithmetic, per the range tables of the reference
pages for Add, Subtract, Multiply and Divide."""
import pytest


@pytest.mark.parametrize("src, shown", [
    ("2021.03.04D06:00:00-2021.03.03D00:00:00", "1D06:00:00.000000000"),   # p-p is n
    ("type 2021.03.04D06-2021.03.03D00", "-16h"),
    ("2010.06.01+0.25", "2010.06.01T06:00:00.000"),                        # d+f is z
    ("type 2010.06.01 2010.06.02-0.5", "15h"), ("2010.06.01*1.0", "2010.06.01T00:00:00.000"),
    ("2001.03m*2", "2002.05m"), ("type 2001.03m*2i", "-13h"),              # m*i is m
    ("2000.01.03*2", "2000.01.05"), ("2000.01.01D00:00:00.000000005*2", "2000.01.01D00:00:00.000000010"),
    ("type 0D00:00:01+0.5", "-9h"), ("type 12:00+0.5", "-9h"),             # n+f, u+f are f
    ("0D00:00:10%0D00:00:04", "2.5"), ("0D00:00:10%4", "2.5e+09"),         # % is always f
    ("type 12:00:00%2", "-9h"), ("2010.01.01%2005.01.01", "1.999453"),
    ("type 2010.06.01-2010.05.01", "-6h"), ("type 2001.03m-2001.01m", "-6h"),
])
def test_result_types(q, src, shown):
    assert q(src) == shown
