"""Actions that only some requests may run, and a session that logs in
and out, for the tests of require and rotate_session."""

import formencode
from formencode import validators

from pylons import request, session
from pylons.controllers.util import rotate_session
from pylons.decorators import validate
from pylons.decorators.rest import restrict
from pylons.decorators.secure import Refused, authenticate_form, require
from pylons.secure_form import authentication_token

from tests.sampleapp.lib.base import BaseController

runs = []


def is_editor():
    """Whether the request says it comes from an editor."""
    return request.headers.get("X-Role") == "editor"


def may_change(id):
    """Editors change any item but the locked one, which says so."""
    if id == "locked":
        raise Refused(detail="Item locked is locked.")
    return is_editor()


class ItemSchema(formencode.Schema):
    allow_extra_fields = True
    filter_extra_fields = True
    name = validators.UnicodeString(not_empty=True)


class GuardedController(BaseController):
    @require(is_editor)
    def editors_only(self):
        runs.append("editors_only")
        return "for editors"

    @require(is_editor, detail="Only editors see this.")
    def explained(self):
        return "for editors"

    @require(may_change)
    def edit_form(self, id):
        return (
            '<form action="/guarded/change/%s" method="post">'
            '<input type="hidden" name="_authentication_token" value="%s">'
            '<input type="text" name="name"><form:error name="name"></form>'
            % (id, authentication_token())
        )

    @restrict("POST")
    @require(is_editor)
    @authenticate_form
    @validate(schema=ItemSchema(), form="edit_form")
    def change(self, id):
        runs.append("change %s" % id)
        return "changed %s to %s" % (id, self.form_result["name"])

    def log_in(self):
        rotate_session()
        session["user"] = request.params["user"]
        session.save()
        return "logged in"

    def log_out(self):
        rotate_session(clear=True)
        return "logged out"

    def remember(self):
        session["note"] = request.params["note"]
        session.save()
        return "remembered"

    def show(self):
        return "%s %s %s %s" % (
            session.id,
            session.get("user"),
            session.get("note"),
            authentication_token(),
        )
