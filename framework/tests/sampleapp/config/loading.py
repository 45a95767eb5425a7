"""An app factory that counts how often the sample application is loaded."""

from tests.sampleapp.config.middleware import make_app

loads = []


def make_counted_app(global_conf, **app_conf):
    loads.append(app_conf.get("marker"))
    return make_app(global_conf, **app_conf)
