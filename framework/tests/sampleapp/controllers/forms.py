"""Forms: validation, CSRF tokens, method restrictions, JSON, flash."""

import formencode
from formencode import validators

from pylons import request, response, session
from pylons.decorators import jsonify, validate
from pylons.decorators.rest import dispatch_on, restrict
from pylons.decorators.secure import authenticate_form
from pylons.templating import render_mako

from tests.sampleapp.lib import helpers as h
from tests.sampleapp.lib.base import BaseController

runs = []


class SignupSchema(formencode.Schema):
    allow_extra_fields = True
    filter_extra_fields = True
    name = validators.UnicodeString(not_empty=True)
    age = validators.Int(min=0, max=150)


class FormsController(BaseController):
    def signup_form(self):
        return render_mako("/signup.mako")

    @validate(schema=SignupSchema(), form="signup_form")
    def signup(self):
        return "welcome %(name)s, aged %(age)s" % self.form_result

    @validate(schema=SignupSchema())
    def checked(self):
        return "validated" if hasattr(self, "form_result") else "not validated"

    @validate(schema=SignupSchema(), on_get=True)
    def checked_on_get(self):
        return "errors: %s" % ", ".join(sorted(self.form_errors))

    @validate(validators={"age": validators.Int()})
    def lenient(self):
        if self.form_errors:
            return "errors: %s" % ", ".join(sorted(self.form_errors))
        return "age+1=%d" % (self.form_result["age"] + 1)

    def secure(self):
        return render_mako("/secure.mako")

    @authenticate_form
    def protected(self):
        runs.append("protected")
        return "accepted: %s" % sorted(request.POST.keys())

    @restrict("POST")
    def post_only(self):
        return "posted"

    @dispatch_on(POST="create")
    def collection(self):
        return "listing"

    def create(self, id=None):
        return "created"

    @jsonify
    def data(self):
        return {"answer": 42, "text": "ünïcode"}

    @jsonify
    def data_as_script(self):
        response.content_type = "text/javascript"
        return {"answer": 42}

    @jsonify
    def array(self):
        return [1, 2, 3]

    def flash_it(self):
        h.flash("Saved %s!" % request.params.get("what", "it"))
        h.flash("Careful", category="warning")
        return "flashed"

    def flash_many(self):
        for number in range(int(request.params["count"])):
            h.flash("%d:%s" % (number, "x" * int(request.params.get("length", 0))))
        return "flashed"

    def messages(self):
        return "|".join("%s:%s" % (m.category, m) for m in h.flash.pop_messages())

    def count(self):
        session["count"] = session.get("count", 0) + 1
        session.save()
        return str(session["count"])

    def echo(self):
        return "; ".join("%s=%s" % item for item in request.params.items())

    def own_decoding(self):
        return b"\xff".decode("utf-8")
