"""Translated messages, for the tests of pylons.i18n."""

from pylons import request
from pylons.i18n import (
    N_,
    LanguageError,
    _,
    add_fallback,
    get_lang,
    lazy_ugettext,
    lazy_ungettext,
    set_lang,
    ungettext,
)

from tests.sampleapp.lib.base import BaseController

#: Made when the module is imported, translated when used in a request.
LAZY_APPLE = lazy_ugettext("apple")
LAZY_APPLES = lazy_ungettext("one apple", "%(num)d apples", 3)
MARKED = N_("apple")


class I18NController(BaseController):
    def current(self):
        return "%s|%s" % (_("apple"), ",".join(get_lang() or ()))

    def lang_of_request(self):
        return repr(get_lang())

    def switch(self):
        set_lang(request.params["lang"])
        return self.current()

    def switch_to_many(self):
        set_lang(request.params.getall("lang"))
        return self.current()

    def detect(self):
        for language in request.languages:
            try:
                set_lang(language)
            except LanguageError:
                continue
            break
        return self.current()

    def unknown(self):
        try:
            set_lang("xx")
        except LanguageError as exc:
            return "LanguageError: %s" % exc
        return "no error"

    def fallback(self):
        set_lang("de")
        before = _("pear")
        add_fallback("fr")
        return "%s|%s|%s" % (before, _("pear"), _("apple"))

    def plural(self, id):
        set_lang("fr")
        count = int(id)
        return ungettext("one apple", "%(num)d apples", count) % {"num": count}

    def lazy(self):
        set_lang("fr")
        return "%s|%s|%s" % (LAZY_APPLE, LAZY_APPLES % {"num": 3}, MARKED)
