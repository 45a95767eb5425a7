"""Routes of the sample application."""

from routes import Mapper


def make_map(config):
    mapper = Mapper(
        directory=config["pylons.paths"]["controllers"], always_scan=config["debug"]
    )
    mapper.minimization = False
    mapper.explicit = False
    mapper.connect("/error/{action}", controller="error")
    mapper.connect("/error/{action}/{id}", controller="error")
    mapper.connect(
        "dotted",
        "/dotted/{action}",
        controller="tests.sampleapp.controllers.hello:HelloController",
    )
    mapper.connect("/{controller}/{action}")
    mapper.connect("/{controller}/{action}/{id}")
    return mapper
