"""REST of signing in: ``POST @login`` as plone.restapi answers it, with a
login name in any case or a work e-mail address, a Swedish 401, and 429
(``Retry-After``) while the login or the client address is locked."""

from plone.restapi.services.auth.login import Login as RestapiLogin
from solna.intranet.login.guard import LOCKED
from solna.intranet.login.guard import PLUGIN_ID
from solna.intranet.login.messages import FAILED
from solna.intranet.login.messages import locked_message
from solna.intranet.rest import json_object
from zope.i18n import translate

import json
import time


class Login(RestapiLogin):
    """POST @login {"login", "password"} → {"token": JWT}; 400 without
    them; 401 {"error": {"type": "Invalid credentials", "message": Swedish}}
    for a wrong login or password (the same for an unknown login); 429
    {"error": {"type": "Too many attempts", "message", "retry_after":
    seconds}} with ``Retry-After`` while locked (guard.py)."""

    def reply(self):
        data = json_object(self.request)
        guard = self.context.acl_users.get(PLUGIN_ID)
        login = data.get("login")
        if guard is not None and isinstance(login, str):
            resolved = guard.resolve(login)
            if resolved != login:
                data["login"] = resolved
                self.request.other["BODY"] = json.dumps(data).encode("utf-8")
        answer = super().reply()
        if self.request.response.getStatus() != 401:
            return answer
        until = self.request.other.get(LOCKED)
        if until:
            wait = max(1, int(until - time.time()))
            self.request.response.setStatus(429)
            self.request.response.setHeader("Retry-After", str(wait))
            return {
                "error": {
                    "type": "Too many attempts",
                    "message": translate(locked_message(wait), context=self.request),
                    "retry_after": wait,
                }
            }
        answer["error"]["message"] = translate(FAILED, context=self.request)
        return answer
