"""Tests of the Pylons framework, run against the sample application."""

import os

from webtest import TestApp

from tests.sampleapp.config.middleware import make_app

HERE = os.path.dirname(os.path.abspath(__file__))

#: The ``extra_environ`` of a request made as a server makes it.  WebTest
#: sets ``paste.throw_errors``, so that exceptions reach the test past the
#: error handling middleware (as Pylons 1.0 tests relied on); tests of the
#: error pages a browser gets turn it off.
AS_SERVED = {"paste.throw_errors": False}
#: WebTest's requests come from a browser on this machine, as the
#: debugger requires (WebTest sets no REMOTE_ADDR of its own).
LOCAL_CLIENT = {"REMOTE_ADDR": "127.0.0.1"}


def sample_app(debug=False, full_stack=True, **app_conf):
    """A WebTest TestApp of the sample application, with ``app_conf``."""
    global_conf = {
        "debug": str(debug),
        "here": HERE,
        "__file__": os.path.join(HERE, "test.ini"),
    }
    app_conf.setdefault("beaker.session.type", "memory")
    app_conf.setdefault("beaker.cache.type", "memory")
    app_conf.setdefault("beaker.session.secret", "test-secret")
    return TestApp(
        make_app(global_conf, full_stack=full_stack, **app_conf),
        extra_environ=LOCAL_CLIENT,
    )
