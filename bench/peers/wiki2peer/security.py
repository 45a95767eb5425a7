"""Who makes a request and what they may do, as wiki2 decides it: an
auth_tkt cookie names the user, the context's ACL grants permissions, and
unsafe methods need a CSRF token (kept in a cookie).  There are no user
accounts here, so an identified user is only ``Authenticated``.
"""

from pyramid.authentication import AuthTktCookieHelper
from pyramid.authorization import ACLHelper, Authenticated, Everyone
from pyramid.csrf import CookieCSRFStoragePolicy


class SecurityPolicy:
    """Pyramid's security policy of the peer."""

    def __init__(self, secret):
        self.cookie = AuthTktCookieHelper(secret)
        self.acl = ACLHelper()

    def identity(self, request):
        return self.cookie.identify(request)

    def authenticated_userid(self, request):
        identity = self.identity(request)
        return None if identity is None else identity["userid"]

    def permits(self, request, context, permission):
        principals = [Everyone]
        if self.identity(request) is not None:
            principals.append(Authenticated)
        return self.acl.permits(context, principals, permission)

    def remember(self, request, userid, **kw):
        return self.cookie.remember(request, userid, **kw)

    def forget(self, request, **kw):
        return self.cookie.forget(request, **kw)


def includeme(config):
    config.set_csrf_storage_policy(CookieCSRFStoragePolicy())
    config.set_default_csrf_options(require_csrf=True)
    config.set_security_policy(SecurityPolicy(config.get_settings()["auth.secret"]))
