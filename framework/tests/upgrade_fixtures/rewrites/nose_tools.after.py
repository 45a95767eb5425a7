from nose.tools import raises
from unittest import SkipTest
def test_x():
    assert (a + 1) == b, "message"
    assert 'x' in y
    assert f(x) == 2
    eq_(a, b=1)
from nose.plugins.attrib import attr
