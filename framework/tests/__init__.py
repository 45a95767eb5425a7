"""Tests of the Pylons framework, run against the sample application."""
import os

from webtest import TestApp

from tests.sampleapp.config.middleware import make_app

HERE = os.path.dirname(os.path.abspath(__file__))


def sample_app(debug=False, full_stack=True, **app_conf):
    """A WebTest TestApp of the sample application, with ``app_conf``."""
    global_conf = {"debug": str(debug), "here": HERE,
                   "__file__": os.path.join(HERE, "test.ini")}
    app_conf.setdefault("beaker.session.type", "memory")
    app_conf.setdefault("beaker.cache.type", "memory")
    app_conf.setdefault("beaker.session.secret", "test-secret")
    return TestApp(make_app(global_conf, full_stack=full_stack, **app_conf))
