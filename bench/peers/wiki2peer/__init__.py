"""The benchmark's peer: a wiki of the design of Pyramid's wiki2 tutorial.

Pyramid's wiki2 tutorial (``docs/tutorials/wiki2`` in Pyramid's
repository) is the Pylons Project's own Python 3 wiki; the package index
does not ship it.  This package is written for the benchmark, fresh, with
the same design for the request the benchmark compares, viewing a page:

- Pyramid, configured by ``main`` from an ini file as a Paste Deploy
  application, with Jinja2 templates (``pyramid_jinja2``);
- SQLAlchemy, a session per request joined to the request's transaction
  (``pyramid_tm``, ``zope.sqlalchemy``, ``pyramid_retry``);
- a route factory that loads the page by name into a resource whose ACL
  grants ``view``, checked by a security policy that reads an auth_tkt
  cookie;
- a view that renders the page's reStructuredText with docutils'
  ``publish_parts`` on every view, then links the WikiWords of the HTML
  with a regular expression and one database query per word, and renders
  a Jinja2 template that extends a layout.

What wiki2 has and this peer leaves out -- users, logging in, adding and
editing pages -- plays no part in viewing a page.  bench/README.md says
where else it differs.
"""

from pyramid.config import Configurator


def main(global_config, **settings):
    """The peer's WSGI application (a Paste Deploy ``app_factory``)."""
    with Configurator(settings=settings) as config:
        config.include("pyramid_jinja2")
        config.include(".models")
        config.include(".routes")
        config.include(".security")
        config.scan(".views")
    return config.make_wsgi_app()
