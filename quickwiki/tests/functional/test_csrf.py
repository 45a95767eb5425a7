"""Save, delete and restore refuse forms without this session's CSRF
token."""

import os

from beaker.exceptions import BeakerWarning

import pylons.test

from quickwiki.tests import (
    ADMIN,
    FRONT_PAGE_CONTENT,
    TestController,
    log_in,
    offered_forms,
    store_page,
    stored_content,
    stored_titles,
    ticked_title_list,
    url,
)


def submit_without_token(app, form, status):
    """Send ``form`` as it stands, but for its CSRF token field."""
    fields = [
        (name, value)
        for name, value in form.submit_fields()
        if name != "_authentication_token"
    ]
    return app.post(form.action, fields, status=status)


class SaveTokenTest(TestController):
    def test_save_without_token_is_forbidden(self):
        response = submit_without_token(
            self.app, self.edit_form("FrontPage", "Changed."), status=403
        )
        self.assertIsNotNone(response.html.select_one(".error-document"))
        self.assertEqual(stored_content("FrontPage"), FRONT_PAGE_CONTENT)

    def test_save_with_wrong_token_is_forbidden(self):
        form = self.edit_form("FrontPage", "Changed.")
        form["_authentication_token"].force_value("not-the-token")
        response = form.submit(status=403)
        self.assertIsNotNone(response.html.select_one(".error-document"))
        self.assertEqual(stored_content("FrontPage"), FRONT_PAGE_CONTENT)

    def test_save_from_another_session_is_forbidden(self):
        form = self.edit_form("FrontPage", "Changed.")
        self.app.reset()
        form.submit(status=403)
        self.assertEqual(stored_content("FrontPage"), FRONT_PAGE_CONTENT)

    def test_save_with_the_token_is_accepted(self):
        self.edit_form("FrontPage", "Changed.").submit(status=302)
        self.assertEqual(stored_content("FrontPage"), "Changed.")


class DeleteTokenTest(TestController):
    log_in_as = ADMIN

    def delete_form(self):
        """The confirmation of the deletion of two pages."""
        store_page("OtherPage", "")
        return ticked_title_list(self.app, ["FrontPage", "OtherPage"]).submit().forms[0]

    def test_delete_without_token_is_forbidden(self):
        response = submit_without_token(self.app, self.delete_form(), status=403)
        self.assertIsNotNone(response.html.select_one(".error-document"))
        self.assertEqual(stored_titles(), ["FrontPage", "OtherPage"])

    def test_delete_with_wrong_token_is_forbidden(self):
        form = self.delete_form()
        form["_authentication_token"].force_value("not-the-token")
        form.submit(status=403)
        self.assertEqual(stored_titles(), ["FrontPage", "OtherPage"])

    def test_delete_with_the_token_is_accepted(self):
        self.delete_form().submit(status=302)
        self.assertEqual(stored_titles(), [])


class RestoreTokenTest(TestController):
    def restore_form(self):
        """The form restoring revision 1 of the FrontPage, now at 2."""
        store_page("FrontPage", "Changed.")
        return self.app.get(url("revision", title="FrontPage", number=1)).forms[0]

    def test_restore_without_token_is_forbidden(self):
        submit_without_token(self.app, self.restore_form(), status=403)
        self.assertEqual(stored_content("FrontPage"), "Changed.")

    def test_restore_with_wrong_token_is_forbidden(self):
        form = self.restore_form()
        form["_authentication_token"].force_value("not-the-token")
        form.submit(status=403)
        self.assertEqual(stored_content("FrontPage"), "Changed.")

    def test_restore_with_the_token_is_accepted(self):
        self.restore_form().submit(status=302)
        self.assertEqual(stored_content("FrontPage"), FRONT_PAGE_CONTENT)


class SessionCookieTest(TestController):
    """The token lives in a signed cookie, not in files on the server."""

    def test_forms_leave_no_session_files_on_the_server(self):
        self.app.get(url("pages"))
        self.app.get(url("edit_page", title="FrontPage"))
        data_dir = pylons.test.pylonsapp.config["beaker.session.data_dir"]
        self.assertEqual(_files_under(data_dir), [])

    def test_session_cookie_is_http_only(self):
        response = self.app.get(url("edit_page", title="FrontPage"))
        cookie = response.headers["Set-Cookie"].strip()
        self.assertTrue(cookie.startswith("quickwiki="))
        self.assertIn("httponly", cookie.lower())

    def test_tampered_session_cookie_loses_the_token(self):
        form = self.edit_form("FrontPage")
        value = self.app.cookies["quickwiki"]
        self.app.set_cookie("quickwiki", value[:-4] + "AAAA")
        with self.assertWarnsRegex(BeakerWarning, "Invalid signature"):
            form.submit(status=403)
        self.assertEqual(stored_content("FrontPage"), FRONT_PAGE_CONTENT)


def _files_under(directory):
    return [
        os.path.join(root, name)
        for root, _dirs, names in os.walk(directory)
        for name in names
    ]


class RefusedSaveTest(TestController):
    """A save refused for its token keeps the author's text and offers it again."""

    def refused_save(self, content, **submit):
        """Submit an edit form whose session has ended since it was opened
        (from the page WebTest names as its Referer, as a browser does,
        unless ``submit`` says otherwise)."""
        form = self.edit_form("FrontPage", content)
        self.app.reset()
        return form.submit(status=403, **submit)

    def test_the_text_comes_back_in_a_form_to_save_again(self):
        response = self.refused_save("My *careful* edit.")
        form = response.forms[0]
        self.assertEqual(form.action, url("save_page", title="FrontPage"))
        self.assertEqual(form["content"].value, "My *careful* edit.")
        detail = response.html.select_one(".error-document .detail").get_text()
        self.assertIn("has not been saved", detail)

    def test_saving_it_again_saves_the_text(self):
        response = self.refused_save("My *careful* edit.")
        response.forms[0].submit(status=302)
        self.assertEqual(stored_content("FrontPage"), "My *careful* edit.")

    def test_the_form_carries_the_new_sessions_token(self):
        token = self.refused_save("Edit.").forms[0]["_authentication_token"].value
        edit_form = self.edit_form("FrontPage")
        self.assertEqual(token, edit_form["_authentication_token"].value)

    def test_the_forms_other_fields_are_sent_again_as_they_were(self):
        form = self.edit_form("FrontPage")
        sent = [
            (name, value)
            for name, value in form.submit_fields()
            if name != "_authentication_token"
        ]
        sent += [("content", "Changed."), ("summary", "Typo <fixed>")]
        sent.remove(("content", form["content"].value))
        self.app.reset()
        again = self.app.post(
            form.action, sent, headers={"Origin": "http://localhost"}, status=403
        ).forms[0]
        resent = [
            (name, value)
            for name, value in again.submit_fields()
            if name != "_authentication_token"
        ]
        self.assertEqual(sorted(resent), sorted(sent))

    def test_the_text_is_kept_exactly_and_escaped(self):
        source = '\n</textarea><script>alert("x")</script> &amp; more'
        response = self.refused_save(source)
        # No script but the wiki's own file.
        scripts = response.html.find_all("script")
        self.assertEqual(
            [(tag.get("src"), tag.string) for tag in scripts], [("/quick.js", None)]
        )
        self.assertEqual(response.forms[0]["content"].value, source)

    def test_a_save_from_another_site_is_refused_with_no_form(self):
        for origin in (
            {"Origin": "https://evil.example"},
            {"Origin": "null"},
            {"Referer": "https://evil.example/page"},
            {"Origin": "http://localhost:8080"},
        ):
            with self.subTest(origin=origin):
                response = self.refused_save("Planted text.", headers=origin)
                self.assertEqual(offered_forms(response), [])
                self.assertNotIn("Planted text.", response)
        self.assertEqual(stored_content("FrontPage"), FRONT_PAGE_CONTENT)

    def test_a_save_from_another_site_is_refused_even_with_the_token(self):
        form = self.edit_form("FrontPage", "Planted text.")
        response = form.submit(status=403, headers={"Origin": "https://evil.example"})
        detail = response.html.select_one(".error-document .detail").get_text()
        self.assertIn("sent from a page of another site", detail)
        self.assertEqual(stored_content("FrontPage"), FRONT_PAGE_CONTENT)

    def test_a_save_of_unknown_origin_is_not_offered_again(self):
        response = self.refused_save(
            "Unknown origin.", extra_environ={"HTTP_REFERER": ""}
        )
        self.assertEqual(offered_forms(response), [])

    def test_the_referer_of_this_site_is_enough(self):
        response = self.refused_save(
            "Mine.", headers={"Referer": "http://localhost/pages/edit/FrontPage"}
        )
        self.assertEqual(response.forms[0]["content"].value, "Mine.")

    def test_a_refused_delete_offers_no_form(self):
        store_page("OtherPage", "")
        log_in(self.app, ADMIN)
        confirmation = ticked_title_list(self.app, ["OtherPage"]).submit(status=200)
        form = confirmation.forms[0]
        form["_authentication_token"].force_value("out-of-date")
        response = form.submit(status=403)
        self.assertEqual(offered_forms(response), [])
        self.assertEqual(stored_titles(), ["FrontPage", "OtherPage"])
