from nose.tools import eq_, ok_, raises
from nose.plugins.skip import SkipTest
def test_x():
    eq_(a + 1, b, "message")
    ok_('x' in y)
    assert_equal(f(x), 2)
    eq_(a, b=1)
from nose.plugins.attrib import attr
