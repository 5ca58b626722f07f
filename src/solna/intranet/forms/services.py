"""REST: GET @mina-arenden (the member's cases), GET/POST @arenden on a
form (its cases; change a status), POST @skicka on a form (fill it in, as
on the page: forms/submission.py), GET/POST @rensa-arenden (the
retention job)."""

from plone import api
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from solna.intranet.crisis import answers as crisis_answers
from solna.intranet.forms.cases import cases_of
from solna.intranet.forms.cases import CaseStore
from solna.intranet.forms.handling import change_status
from solna.intranet.forms.handling import NO_SUCH_CASE
from solna.intranet.forms.handling import note_error
from solna.intranet.forms.handling import serialize
from solna.intranet.forms.retention import purge_expired
from solna.intranet.forms.submission import submit
from solna.intranet.rest import error
from solna.intranet.rest import JobService
from solna.intranet.rest import json_object
from solna.intranet.rest import listing
from solna.intranet.validators import text_of
from zope.interface import alsoProvides


class MyCasesGet(Service):
    def reply(self):
        userid = api.user.get_current().getId()
        items = [serialize(f, c, self.request) for f, c in cases_of(userid)]
        return listing(self.context, "@mina-arenden", items)


class CasesGet(Service):
    def reply(self):
        items = [
            serialize(self.context, c, self.request, full=True)
            for c in CaseStore(self.context).all()
        ]
        return listing(self.context, "@arenden", items)


class CasesPost(Service):
    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)  # a JSON API call
        body = json_object(self.request)
        note = text_of(body, "note")
        if refused := note_error(note):
            return error(self.request, refused)
        case = change_status(
            self.context,
            text_of(body, "id"),
            text_of(body, "status"),
            note,
        )
        if case is None:
            return error(self.request, NO_SUCH_CASE)
        return serialize(self.context, case, self.request, full=True)


class Purge(JobService):
    """@rensa-arenden, the job solna-purge-cases (GDPR retention): GET what
    it would delete, POST delete it. Items: [{"path": the form's path, "count":
    cases}]; ``items_total`` counts the cases; ``forms`` ({form path:
    count}) and ``deleted`` (= not dry_run) are kept for older clients.
    The answers to crises ended or expired more than 30 days ago go too
    (crisis/answers.py purge): ``crises`` and ``crisis_answers`` count them.
    Only counts: never what a case or an answer said."""

    name = "@rensa-arenden"

    def act(self, dry_run, on):
        counts = purge_expired(dry_run=dry_run)
        crises, answers = crisis_answers.purge(dry_run=dry_run)
        return {
            "items": [{"path": path, "count": n} for path, n in sorted(counts.items())],
            "items_total": sum(counts.values()),
            "forms": counts,
            "crises": crises,
            "crisis_answers": answers,
            "deleted": not dry_run,
        }


class SubmitPost(Service):
    """POST @skicka {"question": answer, ...}: send the form in. 201 with
    the case (where the member follows it: Mina ärenden); 400 with the
    form's own Swedish message at each refused answer (``errors``),
    nothing stored."""

    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)  # a JSON API call
        answers = json_object(self.request)
        try:
            case_id, errors = submit(self.context, self.request, answers)
        except ValueError as refused:
            return error(self.request, str(refused))
        if errors:
            first = next(iter(errors.values()))
            return error(self.request, first, errors=errors)
        self.request.response.setStatus(201)
        portal_url = api.portal.get().absolute_url()
        return {
            "@id": f"{self.context.absolute_url()}/@skicka",
            "case": case_id,
            "title": self.context.thankstitle or self.context.Title(),
            "description": self.context.thanksdescription or "",
            "my_cases": f"{portal_url}/@mina-arenden",
        }
