"""The JSON API under /api/v1: each answer checked against the schema its
OpenAPI description gives, and the description against the OpenAPI
specification."""

from unittest import mock

from jsonschema import Draft202012Validator
from openapi_spec_validator import validate as validate_openapi
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from quickwiki.tests import (
    ADMIN,
    FRONT_PAGE_CONTENT,
    TestController,
    delete_pages,
    log_in,
    store_page,
)

HOST = "http://localhost:80"


class ApiTest(TestController):
    def setUp(self):
        super().setUp()
        self.spec = self.app.get("/api/v1/openapi.json").json
        self.schemas = Registry().with_resource(
            "urn:quickwiki-api",
            Resource.from_contents(self.spec, default_specification=DRAFT202012),
        )

    def get(self, path, schema, status=200, **params):
        """GET ``path`` of the API: its JSON, checked against ``schema``."""
        response = self.app.get("/api/v1" + path, params=params, status=status)
        self.assertEqual(response.content_type, "application/json")
        Draft202012Validator(
            {"$ref": "urn:quickwiki-api#/components/schemas/%s" % schema},
            registry=self.schemas,
        ).validate(response.json)
        return response.json

    def test_the_description_is_valid_openapi(self):
        validate_openapi(self.spec)
        self.assertEqual(self.spec["servers"], [{"url": HOST + "/api/v1"}])

    def test_every_address_of_the_api_is_described(self):
        mapper = self.app.app.config["routes.map"]
        described = {path.replace("{id}", ":(id)") for path in self.spec["paths"]}
        routed = {
            route.routepath[len("/api/v1") :]
            for route in mapper.matchlist
            if route.routepath.startswith("/api/v1/")
            and (route.conditions or {}).get("method", ["GET"]) == ["GET"]
            and route.defaults.get("action") in self.taken_actions()
            and ".:(format)" not in route.routepath
        }
        self.assertEqual(routed, described)

    def taken_actions(self):
        return {
            "index",
            "show",
            "history",
            "backlinks",
            "changes",
            "search",
            "openapi",
        }

    def test_a_page_is_read_whole(self):
        store_page("HarbourPage", "Boats *here*.")
        store_page("HarbourPage", "Boats *there*, by the FrontPage.")
        page = self.get("/pages/HarbourPage", "Page")
        self.assertEqual(
            {key: page[key] for key in ("title", "revision", "source", "author")},
            {
                "title": "HarbourPage",
                "revision": 2,
                "source": "Boats *there*, by the FrontPage.",
                "author": "anonymous",
            },
        )
        self.assertIn("<em>there</em>", page["html"])
        self.assertIn('href="/FrontPage"', page["html"])
        self.assertLess(page["created"], page["modified"])
        self.assertEqual(
            page["links"]["history"], HOST + "/api/v1/pages/HarbourPage/history"
        )

    def test_missing_pages_are_json_404s(self):
        for path in ("/pages/NoSuchPage", "/pages/not_a_title", "/no/such/thing"):
            error = self.get(path, "Error", status=404)["error"]
            self.assertEqual(error["status"], 404)
        store_page("GonePage", "Soon gone.")
        log_in(self.app, ADMIN)
        delete_pages(self.app, ["GonePage"])
        self.get("/pages/GonePage", "Error", status=404)

    def test_titles_come_a_page_at_a_time(self):
        for title in ("AlphaPage", "BetaPage", "GammaPage", "DeltaPage", "EpsilonPage"):
            store_page(title, "Text.")
        first = self.get("/pages", "Titles")
        self.assertEqual(
            first["titles"],
            ["AlphaPage", "BetaPage", "DeltaPage", "EpsilonPage", "FrontPage"],
        )
        self.assertEqual(first["next"], HOST + "/api/v1/pages?after=FrontPage")
        last = self.get("/pages", "Titles", after="FrontPage")
        self.assertEqual(last, {"titles": ["GammaPage"], "next": None})
        self.get("/pages", "Error", status=400, after="not a title")

    def test_a_history_lists_revisions_newest_first(self):
        for number in range(1, 8):
            store_page("CountingPage", "Count %d." % number)
        first = self.get("/pages/CountingPage/history", "History")
        self.assertEqual(
            [revision["number"] for revision in first["revisions"]], [7, 6, 5, 4, 3]
        )
        self.assertEqual(first["revisions"][0]["size"], len("Count 7."))
        older = self.app.get(first["next"]).json
        self.assertEqual(
            [revision["number"] for revision in older["revisions"]], [2, 1]
        )
        self.assertIsNone(older["next"])
        self.get("/pages/NoSuchPage/history", "Error", status=404)

    def test_backlinks_list_the_linking_pages(self):
        store_page("HarbourPage", "Boats.")
        for title in ("TidePage", "BoatPage"):
            self.save(title, "See HarbourPage.")
        self.assertEqual(
            self.get("/pages/HarbourPage/backlinks", "Backlinks"),
            {"title": "HarbourPage", "titles": ["BoatPage", "TidePage"], "next": None},
        )

    def test_recent_changes_are_listed_and_filtered(self):
        store_page("HarbourPage", "Boats.")
        found = self.get("/changes", "Changes")["changes"]
        self.assertEqual(
            [(change["page"], change["number"], change["growth"]) for change in found],
            [("HarbourPage", 1, 6), ("FrontPage", 1, len(FRONT_PAGE_CONTENT))],
        )
        only = self.get("/changes", "Changes", title="FrontPage")["changes"]
        self.assertEqual([change["page"] for change in only], ["FrontPage"])
        self.get("/changes", "Error", status=404, before="FrontPage/7")

    def test_search_finds_pages_and_names_an_exact_title(self):
        store_page("HarbourGuide", "Where the boats are.")
        store_page("TideTables", "The harbour <b>at</b> high tide.")
        results = self.get("/search", "Results", q="harbour")
        self.assertEqual(
            [result["title"] for result in results["results"]],
            ["HarbourGuide", "TideTables"],
        )
        self.assertIsNone(results["title"])
        self.assertNotIn("<b>", results["results"][1]["snippet"])
        self.assertEqual(
            self.get("/search", "Results", q="HarbourGuide")["title"], "HarbourGuide"
        )
        self.get("/search", "Error", status=400, page="0")

    def test_a_closed_wiki_is_read_by_accounts_only(self):
        settings = self.app.app.config["pylons.app_globals"]
        with mock.patch.object(settings, "policy", "closed"):
            for path in ("/pages", "/pages/FrontPage", "/changes", "/search"):
                error = self.get(path, "Error", status=403)["error"]
                self.assertIn("needs the reader role", error["detail"])
            validate_openapi(self.app.get("/api/v1/openapi.json").json)

    def test_methods_it_does_not_take_are_405(self):
        for method in ("post", "delete"):
            path = "/api/v1/pages" if method == "post" else "/api/v1/pages/FrontPage"
            response = getattr(self.app, method)(path, status=405)
            self.assertEqual(response.json["error"]["status"], 405)
            self.assertEqual(response.headers["Allow"], "GET")
