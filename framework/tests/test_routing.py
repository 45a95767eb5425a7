"""pylons.routing: routes compiled into one expression, and remembered URLs.

Each answer is checked against Routes' own, for the same mapper and the
same request.
"""

import unittest

from routes import Mapper
from routes.util import GenerationException
from routes.util import URLGenerator as RoutesURLGenerator

from pylons.routing import (
    UNSURE,
    URLS_KEPT,
    CompiledRoutes,
    URLGenerator,
    decoded_path_values,
)


def _mapper():
    """A mapper with what compiled routes must get right: fixed paths,
    variables with requirements and defaults, paths of several fixed
    beginnings, methods, a catch-all last."""
    mapper = Mapper()
    mapper.minimization = False
    mapper.explicit = False
    mapper.connect("/error/document", controller="error", action="document")
    mapper.connect("home", "/", controller="pages", action="show", title="FrontPage")
    mapper.connect("pages", "/pages", controller="pages", action="index")
    mapper.connect("page", "/pages/show/{title}", controller="pages", action="show")
    mapper.connect(
        "revision",
        "/pages/revision/{title}/{number}",
        controller="pages",
        action="revision",
        requirements={"number": r"[1-9][0-9]{0,8}"},
    )
    mapper.connect(
        "/pages/{title}/save",
        controller="pages",
        action="save",
        conditions={"method": ["POST"]},
    )
    mapper.connect(
        "/pages/{title}/save",
        controller="pages",
        action="refuse",
    )
    mapper.connect("/files/{path:.*?}", controller="files", action="get")
    mapper.connect("/tags/{tag:.*?}", controller="tags", action="index", tag="all")
    mapper.connect("/{controller}/{action}/{id}", id=None)
    mapper.connect("catchall", "/{title}", controller="pages", action="show")
    mapper.create_regs(["pages", "error", "admin/users"])
    return mapper


#: Paths and methods whose answers are compared with Routes'.
REQUESTS = [
    ("GET", "/"),
    ("GET", "/error/document"),
    ("GET", "/pages"),
    ("GET", "/pages/"),
    ("GET", "/pages/show/FrontPage"),
    ("GET", "/pages/show/Caf%C3%A9"),
    # As a server gives the path: its bytes as Latin-1 characters.
    ("GET", "/pages/show/Caf\xc3\xa9"),
    ("GET", "/pages/revision/Caf\xc3\xa9/2"),
    ("GET", "/files/d\xc3\xa9j\xc3\xa0/vu.txt"),
    ("GET", "/pages/revision/FrontPage/12"),
    ("GET", "/pages/revision/FrontPage/0"),
    ("POST", "/pages/FrontPage/save"),
    ("GET", "/pages/FrontPage/save"),
    ("GET", "/files/a/b/c.txt"),
    ("GET", "/files/"),
    ("GET", "/tags/"),
    ("GET", "/tags/python"),
    ("GET", "/admin/users/edit/3"),
    ("GET", "/pages/index/"),
    ("GET", "/FrontPage"),
    ("GET", "/no/such/page/at/all"),
    ("GET", ""),
]


def _environ(method, path):
    return {"REQUEST_METHOD": method, "PATH_INFO": path, "SCRIPT_NAME": ""}


def _served(script_name):
    """The environ of a request to https://example.org under ``script_name``."""
    environ = _environ("GET", "/")
    environ.update(
        {
            "SCRIPT_NAME": script_name,
            "HTTP_HOST": "example.org",
            "wsgi.url_scheme": "https",
        }
    )
    return environ


class CompiledRoutesTest(unittest.TestCase):
    def setUp(self):
        self.mapper = _mapper()
        self.compiled = CompiledRoutes.of(self.mapper)

    def test_every_answer_is_routes_own(self):
        for method, path in REQUESTS:
            with self.subTest(method=method, path=path):
                environ = _environ(method, path)
                found = self.compiled.match(path, environ)
                if found is UNSURE:
                    continue
                expected = self.mapper.routematch(environ=dict(environ))
                if expected:
                    variables, route = expected
                    expected = (decoded_path_values(variables, route), route)
                self.assertEqual(found, expected)

    def test_only_a_route_refusing_the_request_leaves_routes_to_say(self):
        unsure = [
            (method, path)
            for method, path in REQUESTS
            if self.compiled.match(path, _environ(method, path)) is UNSURE
        ]
        self.assertEqual(unsure, [("GET", "/pages/FrontPage/save")])

    def test_a_variable_matched_as_nothing_takes_its_default(self):
        variables, route = self.compiled.match("/tags/", _environ("GET", "/tags/"))
        self.assertEqual(
            variables, {"tag": "all", "controller": "tags", "action": "index"}
        )
        self.assertEqual(route.routepath, "/tags/{tag:.*?}")

    def test_mappers_whose_matching_depends_on_more_than_the_path_are_not_compiled(
        self,
    ):
        for name, value in (
            ("always_scan", True),
            ("sub_domains", True),
            ("prefix", "/app"),
            ("debug", True),
        ):
            with self.subTest(setting=name):
                mapper = _mapper()
                setattr(mapper, name, value)
                self.assertIsNone(CompiledRoutes.of(mapper))

    def test_a_mapper_is_compiled_once_its_expressions_are_made(self):
        mapper = Mapper()
        mapper.connect("/hello", controller="hello", action="index")
        self.assertIsNone(CompiledRoutes.of(mapper))
        mapper.create_regs([])
        self.assertIsNotNone(CompiledRoutes.of(mapper))


class _Text(str):
    """Text of a type of its own, which Routes writes as its str()."""

    def __str__(self):
        return "text:" + str.__str__(self)


class URLGeneratorTest(unittest.TestCase):
    def setUp(self):
        self.mapper = _mapper()
        self.urls = {}

    def generator(self, script_name=""):
        return URLGenerator(self.mapper, _served(script_name), self.urls)

    def routes(self, script_name=""):
        return RoutesURLGenerator(self.mapper, _served(script_name))

    def test_urls_are_routes_own_and_remembered(self):
        calls = [
            (("home",), {}),
            (("page",), {"title": "Café"}),
            (("revision",), {"title": "FrontPage", "number": 3}),
            (("pages",), {"after": "FrontPage", "page": "last"}),
            (("/quick.css",), {}),
            ((), {"controller": "admin/users", "action": "edit", "id": 4}),
        ]
        for args, kwargs in calls:
            with self.subTest(args=args, kwargs=kwargs):
                expected = self.routes()(*args, **kwargs)
                self.assertEqual(self.generator()(*args, **kwargs), expected)
                self.assertIn(expected, self.urls.values())
                # Asked again, it is what was remembered.
                self.assertEqual(self.generator()(*args, **kwargs), expected)
        self.assertEqual(len(self.urls), len(calls))

    def test_each_script_name_has_its_own_urls(self):
        self.assertEqual(self.generator()("pages"), "/pages")
        self.assertEqual(self.generator("/wiki")("pages"), "/wiki/pages")

    def test_urls_that_depend_on_the_request_are_not_remembered(self):
        for kwargs in (
            {"qualified": True},
            {"host": "other.org"},
            {"protocol": "http"},
        ):
            with self.subTest(kwargs=kwargs):
                self.assertEqual(
                    self.generator()("pages", **kwargs),
                    self.routes()("pages", **kwargs),
                )
        self.generator()("page", title=object())
        self.assertEqual(self.urls, {})

    def test_arguments_equal_to_kept_ones_get_their_own_url(self):
        # True and 1.0 equal 1, a str subclass its text: none of them gets
        # the URL kept for what it equals, but what Routes makes of it.
        self.generator()("revision", title="Page", number=1)
        self.generator()("page", title="Page")
        for number in (True, 1.0):
            with self.subTest(number=number):
                with self.assertRaises(GenerationException):
                    self.routes()("revision", title="Page", number=number)
                with self.assertRaises(GenerationException):
                    self.generator()("revision", title="Page", number=number)
        self.assertEqual(
            self.generator()("page", title=_Text("Page")),
            self.routes()("page", title=_Text("Page")),
        )
        self.assertEqual(len(self.urls), 2)

    def test_unhashable_arguments_are_not_remembered(self):
        self.assertEqual(
            self.generator()("pages", after=["FrontPage"]),
            self.routes()("pages", after=["FrontPage"]),
        )
        self.assertEqual(self.urls, {})

    def test_a_failure_is_not_remembered(self):
        with self.assertRaises(GenerationException):
            self.generator()("revision", title="FrontPage", number="zero")
        self.assertEqual(self.urls, {})

    def test_a_filtered_route_is_not_remembered(self):
        self.mapper.connect(
            "filtered",
            "/f/{n}",
            controller="f",
            action="g",
            _filter=lambda kwargs: dict(kwargs, n=kwargs["n"] + 1),
        )
        self.assertEqual(self.generator()("filtered", n=1), "/f/2")
        self.assertEqual(self.urls, {})

    def test_so_many_urls_are_kept_at_most(self):
        for number in range(URLS_KEPT + 5):
            self.generator()("page", title="Page%d" % number)
        self.assertLessEqual(len(self.urls), URLS_KEPT)
