"""pylons.middleware.RoutesMiddleware: Routes' environ, request for request."""

import unittest

import webob
from routes import Mapper, request_config
from routes import middleware as routes_middleware
from routes.util import URLGenerator

import pylons
from pylons.configuration import PylonsConfig
from pylons.middleware import RoutesMiddleware


def make_map():
    mapper = Mapper()
    mapper.minimization = False
    mapper.explicit = False
    mapper.redirect("/old/{id}", "/pages/{id}", _redirect_code="301 Moved Permanently")
    mapper.connect(
        "/pages/{id}",
        controller="pages",
        action="update",
        conditions={"method": ["PUT"]},
    )
    mapper.connect(
        "/pages/{id}",
        controller="pages",
        action="delete",
        conditions={"method": ["DELETE"]},
    )
    mapper.connect("/pages/{id}", controller="pages", action="show")
    mapper.connect("/mounted/{path_info:.*}", controller="mounted", path_info="")
    return mapper


def recorder(seen):
    """A WSGI application that keeps what the routing left in its environ."""

    def app(environ, start_response):
        seen.update(
            method=environ["REQUEST_METHOD"],
            args=environ["wsgiorg.routing_args"],
            route=environ["routes.route"],
            url=environ["routes.url"],
            path_info=environ["PATH_INFO"],
            script_name=environ["SCRIPT_NAME"],
        )
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"routed"]

    return app


def routed(middleware_class, request, **options):
    """``request`` through ``middleware_class`` on the test map.

    Returns what the application saw (empty if it was not reached) and
    the response.
    """
    seen = {}
    app = middleware_class(recorder(seen), make_map(), singleton=False, **options)
    response = request.get_response(app)
    return seen, response


REQUESTS = {
    "a plain GET": lambda: webob.Request.blank("/pages/FrontPage"),
    "no route": lambda: webob.Request.blank("/nowhere"),
    "_method in the query": lambda: webob.Request.blank(
        "/pages/FrontPage?_method=put", method="POST"
    ),
    "_method in a form": lambda: webob.Request.blank(
        "/pages/FrontPage", POST={"_method": "delete", "text": "x"}
    ),
    "_method in a form of another type": lambda: webob.Request.blank(
        "/pages/FrontPage",
        method="POST",
        body=b'{"_method": "delete"}',
        content_type="application/json",
    ),
    "an undecodable _method": lambda: webob.Request.blank(
        "/pages/FrontPage?_method=%ff", method="POST"
    ),
    "a path_info route": lambda: webob.Request.blank("/mounted/deep/er"),
    "a path_info route under a script name": lambda: webob.Request.blank(
        "/mounted/x", base_url="http://localhost/app"
    ),
    "a redirect route": lambda: webob.Request.blank("/old/Page"),
}


class SameAsRoutesTest(unittest.TestCase):
    """Each request leaves what Routes' own middleware leaves."""

    def test_each_request(self):
        for name, make_request in REQUESTS.items():
            with self.subTest(name):
                ours, our_response = routed(RoutesMiddleware, make_request())
                theirs, their_response = routed(
                    routes_middleware.RoutesMiddleware, make_request()
                )
                self.assertEqual(our_response.status, their_response.status)
                self.assertEqual(our_response.headerlist, their_response.headerlist)
                self.assertEqual(our_response.body, their_response.body)
                self.assertEqual(ours.keys(), theirs.keys())
                if ours:
                    self.assertEqual(ours["args"][1], theirs["args"][1])
                    self.assertEqual(
                        getattr(ours["route"], "routepath", None),
                        getattr(theirs["route"], "routepath", None),
                    )
                    for key in ("method", "path_info", "script_name"):
                        self.assertEqual(ours[key], theirs[key])

    def test_without_method_override_the_form_is_not_read(self):
        request = REQUESTS["_method in a form"]()
        seen, _response = routed(RoutesMiddleware, request, use_method_override=False)
        self.assertEqual(seen["args"][1]["action"], "show")

    def test_path_info_left_alone_when_asked(self):
        seen, _response = routed(
            RoutesMiddleware, REQUESTS["a path_info route"](), path_info=False
        )
        self.assertEqual(seen["path_info"], "/mounted/deep/er")
        self.assertEqual(seen["args"][1]["path_info"], "deep/er")


class PathTextTest(unittest.TestCase):
    """The values matched in the path reach the application as text."""

    def test_utf8_in_the_path_is_decoded(self):
        seen, _response = routed(
            RoutesMiddleware, webob.Request.blank("/pages/%C3%9Cber%CE%9A")
        )
        self.assertEqual(seen["args"][1]["id"], "\u00dcber\u039a")

    def test_bytes_that_are_not_utf8_become_replacement_characters(self):
        seen, _response = routed(RoutesMiddleware, webob.Request.blank("/pages/%FFx"))
        self.assertEqual(seen["args"][1]["id"], "\ufffdx")

    def test_path_info_stays_as_the_server_gave_it(self):
        seen, _response = routed(
            RoutesMiddleware, webob.Request.blank("/mounted/%C3%9C")
        )
        self.assertEqual(seen["args"][1]["path_info"], "\u00c3\u009c")


class EnvironTest(unittest.TestCase):
    def test_the_url_generator_is_in_both_places(self):
        seen, _response = routed(RoutesMiddleware, REQUESTS["a plain GET"]())
        self.assertIsInstance(seen["url"], URLGenerator)
        self.assertIs(seen["args"][0], seen["url"])
        self.assertEqual(
            seen["url"](controller="pages", action="show", id="X"), "/pages/X"
        )

    def test_the_match_and_the_route(self):
        seen, _response = routed(RoutesMiddleware, REQUESTS["a plain GET"]())
        self.assertEqual(
            seen["args"][1],
            {"controller": "pages", "action": "show", "id": "FrontPage"},
        )
        self.assertEqual(seen["route"].routepath, "/pages/{id}")

    def test_no_match_is_an_empty_dict_and_no_route(self):
        seen, _response = routed(RoutesMiddleware, REQUESTS["no route"]())
        self.assertEqual(seen["args"][1], {})
        self.assertIsNone(seen["route"])

    def test_the_overridden_method_is_only_for_matching(self):
        seen, _response = routed(RoutesMiddleware, REQUESTS["_method in the query"]())
        self.assertEqual(seen["args"][1]["action"], "update")
        self.assertEqual(seen["method"], "POST")

    def test_a_method_sent_as_a_file_is_no_override(self):
        # Routes' own would call .upper() on the upload, an error: a 500.
        request = webob.Request.blank(
            "/pages/FrontPage",
            POST={"_method": ("method.txt", b"delete"), "text": "x"},
        )
        seen, _response = routed(RoutesMiddleware, request)
        self.assertEqual(seen["args"][1]["action"], "show")

    def test_a_redirect_route_answers_without_the_application(self):
        seen, response = routed(RoutesMiddleware, REQUESTS["a redirect route"]())
        self.assertEqual(seen, {})
        self.assertEqual(response.status, "301 Moved Permanently")
        self.assertEqual(response.headers["Location"], "/pages/Page")

    def test_a_singleton_middleware_is_routes_own(self):
        seen = {}
        app = RoutesMiddleware(recorder(seen), make_map())
        webob.Request.blank("/pages/FrontPage").get_response(app)
        self.assertEqual(seen["args"][1]["action"], "show")
        config = request_config()
        self.assertEqual(config.mapper_dict["action"], "show")

    def test_is_a_routes_middleware(self):
        app = RoutesMiddleware(recorder({}), make_map(), singleton=False)
        self.assertIsInstance(app, routes_middleware.RoutesMiddleware)


class CanonicalUrlTest(unittest.TestCase):
    """Qualified URLs take ``pylons.canonical_url``'s scheme and host."""

    def qualified(self, canonical):
        config = PylonsConfig()
        if canonical:
            config["pylons.canonical_url"] = canonical
        pylons.config.make_process_default(config)
        self.addCleanup(pylons.config.pop_process_config, config)
        request = webob.Request.blank("/pages/1", headers={"Host": "evil.example"})
        seen, _response = routed(RoutesMiddleware, request)
        return seen["url"]("/pages/2", qualified=True)

    def test_a_qualified_url_has_the_canonical_host(self):
        self.assertEqual(
            self.qualified("https://wiki.example.org"),
            "https://wiki.example.org/pages/2",
        )

    def test_without_one_it_has_the_requests_host(self):
        self.assertEqual(self.qualified(None), "http://evil.example/pages/2")
