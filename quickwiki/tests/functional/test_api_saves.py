"""Saving through the API with an account's token: made and revoked on
the account page, answered with the edit form's rules, JSON throughout."""

from unittest import mock
from urllib.parse import quote

from quickwiki.tests import (
    ADMIN,
    TestController,
    log_in,
    make_account,
    store_page,
    stored_history,
    url,
)


def form_to(page, action):
    """The first form of ``page`` that is sent to ``action``."""
    return next(
        form
        for key, form in sorted(page.forms.items(), key=str)
        if isinstance(key, int) and form.action == action
    )


class ApiSaveTest(TestController):
    def setUp(self):
        super().setUp()
        log_in(self.app, make_account("Alice", "editor"))
        self.token = self.make_token("A script")
        self.app.reset()

    def make_token(self, label):
        form = form_to(self.app.get(url("account")), url("api_tokens"))
        form["label"] = label
        page = form.submit(status=200)
        return page.html.select_one("p.new-token code").get_text()

    def put(self, title, body, status=200, token=None):
        headers = {"Authorization": "Bearer %s" % (token or self.token)}
        return self.app.put_json(
            "/api/v1/pages/" + quote(title), body, headers=headers, status=status
        )

    def test_a_token_saves_as_its_account(self):
        saved = self.put("HarbourPage", {"source": "Boats.", "base": 0}, status=201)
        self.assertEqual(
            saved.json,
            {
                "title": "HarbourPage",
                "revision": 1,
                "unchanged": False,
                "merged_with": None,
            },
        )
        saved = self.put(
            "HarbourPage", {"source": "Boats.\r\nShips.", "base": 1, "summary": "More"}
        )
        self.assertEqual(saved.json["revision"], 2)
        latest = stored_history("HarbourPage")[-1]
        self.assertEqual(
            (latest.author, latest.content, latest.summary),
            ("Alice", "Boats.\nShips.", "More"),
        )
        again = self.put("HarbourPage", {"source": "Boats.\nShips.", "base": 2})
        self.assertTrue(again.json["unchanged"])
        page = self.app.get("/api/v1/pages/HarbourPage").json
        self.assertEqual((page["revision"], page["author"]), (2, "Alice"))

    def test_changes_to_other_lines_merge_and_others_conflict(self):
        store_page("SharedPage", "One.\n\nTwo.\n\nThree.\n")
        store_page("SharedPage", "One, changed.\n\nTwo.\n\nThree.\n")
        merged = self.put(
            "SharedPage", {"source": "One.\n\nTwo.\n\nThree, mine.\n", "base": 1}
        )
        self.assertEqual(merged.json["merged_with"], 2)
        self.assertEqual(
            stored_history("SharedPage")[-1].content,
            "One, changed.\n\nTwo.\n\nThree, mine.\n",
        )
        conflict = self.put(
            "SharedPage",
            {"source": "One, theirs.\n\nTwo.\n\nThree.\n", "base": 1},
            status=409,
        )
        self.assertEqual(conflict.json["error"]["status"], 409)
        self.assertEqual(conflict.json["current"]["revision"], 3)
        self.assertEqual(
            conflict.json["current"]["source"], stored_history("SharedPage")[-1].content
        )

    def test_a_look_alike_of_a_title_is_not_saved(self):
        refused = self.put("Fr\u03bfntPage", {"source": "x", "base": 0}, status=409)
        self.assertEqual(refused.json["error"]["status"], 409)
        self.assertIn("FrontPage", refused.json["error"]["detail"])
        self.assertNotIn("current", refused.json)
        self.assertEqual(stored_history("Fr\u03bfntPage"), [])

    def test_saves_count_against_the_clients_writes(self):
        self.use_limiter({"writes": "1/minute"})
        self.put("HarbourPage", {"source": "Boats.", "base": 0}, status=201)
        refused = self.put("HarbourPage", {"source": "Ships.", "base": 1}, status=429)
        self.assertIn(int(refused.headers["Retry-After"]), range(1, 61))
        self.assertEqual(refused.json["error"]["status"], 429)
        self.assertEqual(len(stored_history("HarbourPage")), 1)

    def test_no_token_or_a_revoked_one_is_401(self):
        response = self.app.put_json(
            "/api/v1/pages/HarbourPage", {"source": "x", "base": 0}, status=401
        )
        self.assertEqual(
            response.headers["WWW-Authenticate"], 'Bearer realm="QuickWiki"'
        )
        self.assertEqual(response.json["error"]["status"], 401)
        self.put("HarbourPage", {"source": "x", "base": 0}, status=401, token="nope")
        # Cookies count for nothing: a logged-in browser has no token.
        log_in(self.app, ADMIN)
        self.app.put_json(
            "/api/v1/pages/HarbourPage", {"source": "x", "base": 0}, status=401
        )
        self.app.reset()
        log_in(self.app, make_account("Bob", "editor"))
        bobs = self.make_token("Bob's")
        self.put("BobPage", {"source": "By Bob.", "base": 0}, status=201, token=bobs)
        account = self.app.get(url("account"))
        form_to(account, url("revoke_api_token")).submit(status=302)
        self.put("BobPage", {"source": "Again.", "base": 1}, status=401, token=bobs)

    def test_the_role_still_applies(self):
        log_in(self.app, make_account("Rita", "reader"))
        readers = self.make_token("Rita's")
        settings = self.app.app.config["pylons.app_globals"]
        with mock.patch.object(settings, "policy", "registered"):
            refused = self.put(
                "HarbourPage", {"source": "x", "base": 0}, status=403, token=readers
            )
        self.assertIn("needs the editor role", refused.json["error"]["detail"])

    def test_bad_bodies_are_refused(self):
        headers = {"Authorization": "Bearer " + self.token}
        self.app.put(
            "/api/v1/pages/HarbourPage", "source=x", headers=headers, status=415
        )
        self.app.put(
            "/api/v1/pages/HarbourPage",
            "{not json",
            headers=dict(headers, **{"Content-Type": "application/json"}),
            status=400,
        )
        for body in (
            [],
            {"base": 0},
            {"source": 1, "base": 0},
            {"source": "x"},
            {"source": "x", "base": -1},
            {"source": "x", "base": 0, "other": 1},
        ):
            with self.subTest(body=body):
                self.put("HarbourPage", body, status=400)
        self.put("HarbourPage", {"source": "x", "base": 7}, status=400)
        self.put("not_a_title", {"source": "x", "base": 0}, status=400)
        big = "x" * (self.app.app.config["pylons.app_globals"].max_page_size + 1)
        self.put("HarbourPage", {"source": big, "base": 0}, status=413)
        self.assertEqual(stored_history("HarbourPage"), [])
