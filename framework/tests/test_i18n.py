"""pylons.i18n: catalogues, set_lang/get_lang, fallbacks, plurals, lazy text."""

import io
import os
import tempfile
import unittest
from gettext import NullTranslations

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from pylons.i18n.translation import LanguageError, _get_translator

from tests import sample_app

DOMAIN = "tests.sampleapp"

#: The sample application's translations: msgid (or singular, plural) to text.
MESSAGES = {
    "fr": {
        "apple": "pomme",
        "pear": "poire",
        "Please enter a value": "Entrez une valeur",
        ("one apple", "%(num)d apples"): ("une pomme", "%(num)d pommes"),
    },
    "de": {
        "apple": "Apfel",
    },
}

#: The plural rule every catalogue states in its header, as a translator
#: writes it: English's, where CLDR gives French another (zero is singular
#: there) and may give it more forms in a later release.  The translations
#: follow the catalogue's own rule, whatever the locale data says.
PLURAL_FORMS = "nplurals=2; plural=(n != 1);"


def _po_string(text):
    """``text`` as a quoted .po string."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return '"%s"' % escaped


def po_source(messages):
    """The text of a .po catalogue of ``messages``, with its own header."""
    lines = [
        'msgid ""',
        'msgstr ""',
        _po_string("Content-Type: text/plain; charset=UTF-8\n"),
        _po_string("Plural-Forms: %s\n" % PLURAL_FORMS),
        "",
    ]
    for msgid, text in messages.items():
        if isinstance(msgid, tuple):
            lines += ["msgid " + _po_string(msgid[0])]
            lines += ["msgid_plural " + _po_string(msgid[1])]
            lines += [
                "msgstr[%d] %s" % (n, _po_string(form)) for n, form in enumerate(text)
            ]
        else:
            lines += ["msgid " + _po_string(msgid), "msgstr " + _po_string(text)]
        lines.append("")
    return "\n".join(lines)


def compile_catalogues(root):
    """Write MESSAGES as .mo files under ``root/i18n``, as a project keeps them."""
    for language, messages in MESSAGES.items():
        catalog = read_po(io.StringIO(po_source(messages)), domain=DOMAIN)
        directory = os.path.join(root, "i18n", language, "LC_MESSAGES")
        os.makedirs(directory)
        with open(os.path.join(directory, DOMAIN + ".mo"), "wb") as mo_file:
            write_mo(mo_file, catalog)


class CatalogueMixin:
    def setUp(self):
        root = tempfile.TemporaryDirectory()
        self.addCleanup(root.cleanup)
        compile_catalogues(root.name)
        self.root = root.name

    def app(self, **app_conf):
        """The sample application, reading its catalogues from ``self.root``."""
        app = sample_app(**app_conf)
        app.app.config["pylons.paths"]["root"] = self.root
        return app


class GetTranslatorTest(CatalogueMixin, unittest.TestCase):
    def config(self):
        return {"pylons.package": DOMAIN, "pylons.paths": {"root": self.root}}

    def test_no_language_passes_messages_through(self):
        translator = _get_translator(None, pylons_config=self.config())
        self.assertIsInstance(translator, NullTranslations)
        self.assertEqual(translator.gettext("apple"), "apple")
        self.assertFalse(hasattr(translator, "pylons_lang"))

    def test_language_reads_the_packages_catalogue(self):
        translator = _get_translator("fr", pylons_config=self.config())
        self.assertEqual(translator.gettext("apple"), "pomme")
        self.assertEqual(translator.pylons_lang, ["fr"])

    def test_first_language_with_a_catalogue_wins(self):
        translator = _get_translator(["es", "de", "fr"], pylons_config=self.config())
        self.assertEqual(translator.gettext("apple"), "Apfel")

    def test_language_without_a_catalogue_is_an_error(self):
        with self.assertRaises(LanguageError):
            _get_translator("xx", pylons_config=self.config())


class RequestLanguageTest(CatalogueMixin, unittest.TestCase):
    def test_without_lang_messages_are_untranslated(self):
        self.assertEqual(self.app().get("/i18n/current").text, "apple|")

    def test_lang_setting_translates_every_request(self):
        app = self.app(lang="fr")
        self.assertEqual(app.get("/i18n/current").text, "pomme|fr")
        self.assertIn("translated=pomme", app.get("/templates/page").text)

    def test_set_lang_switches_this_request_only(self):
        app = self.app()
        self.assertEqual(app.get("/i18n/switch", {"lang": "de"}).text, "Apfel|de")
        self.assertEqual(app.get("/i18n/current").text, "apple|")

    def test_templates_translate_into_the_language_set_before(self):
        # The translator is made by then: the template's _ and ungettext
        # are its own methods.
        app = self.app()
        page = app.get("/templates/page_in/fr").text
        self.assertIn("translated=pomme", page)
        self.assertIn("plural=4 pommes", page)
        self.assertIn("translated=Apfel", app.get("/templates/page_in/de").text)
        self.assertIn("translated=apple", app.get("/templates/page").text)

    def test_set_lang_takes_a_list_of_languages(self):
        response = self.app().get(
            "/i18n/switch_to_many", [("lang", "es"), ("lang", "fr")]
        )
        self.assertEqual(response.text, "pomme|es,fr")

    def test_set_lang_to_an_unknown_language_raises_language_error(self):
        text = self.app().get("/i18n/unknown").text
        self.assertTrue(text.startswith("LanguageError: "), text)

    def test_accept_language_chooses_the_best_available_catalogue(self):
        response = self.app().get(
            "/i18n/detect", headers={"Accept-Language": "es, de;q=0.5, fr;q=0.8"}
        )
        self.assertEqual(response.text, "pomme|fr")

    def test_add_fallback_fills_in_missing_messages(self):
        self.assertEqual(self.app().get("/i18n/fallback").text, "pear|poire|Apfel")

    def test_ungettext_chooses_the_plural_form(self):
        app = self.app()
        self.assertEqual(app.get("/i18n/plural/1").text, "une pomme")
        self.assertEqual(app.get("/i18n/plural/4").text, "4 pommes")

    def test_ungettext_follows_the_catalogues_plural_rule(self):
        # The catalogue's rule makes zero plural; French's own would not.
        self.assertEqual(self.app().get("/i18n/plural/0").text, "0 pommes")

    def test_lazy_messages_are_translated_when_used(self):
        self.assertEqual(self.app().get("/i18n/lazy").text, "pomme|3 pommes|apple")


class RequestLanguagesTest(unittest.TestCase):
    def languages(self, accept=None):
        headers = {"Accept-Language": accept} if accept else {}
        return sample_app().get("/hello/languages", headers=headers).text

    def test_browser_languages_best_first_then_the_default(self):
        self.assertEqual(self.languages("de;q=0.5, fr, nl;q=0.7"), "fr,nl,de,en-us")

    def test_default_language_alone_without_the_header(self):
        self.assertEqual(self.languages(), "en-us")

    def test_wildcard_is_left_out_and_the_default_not_repeated(self):
        self.assertEqual(self.languages("en-us, *;q=0.1"), "en-us")
