"""The workflow bar: the item's state and the next steps, on the page.

An editor on a phone should not need the toolbar's Status menu to send a
news item for review, nor a reviewer to publish it. Above the item's title,
for those who may act on it (a transition available now, or the right to
change the item; never for readers), the bar shows the state in Swedish
(Utkast, Granskning, Publicerad, Arkiverad: the workflow's own state
titles, translated in Plone's domain as the toolbar does) and one button
per transition the user may take now, titled as the toolbar's menu titles
it (the workflow's action title: Skicka för granskning, Publicera,
Skicka tillbaka, …).

Each button is a POST form to the item's ``content_status_modify`` with
the plone.protect authenticator (CSRF: without it the view refuses and
nothing changes). A transition whose action leads elsewhere is a link to
that page instead: "Skicka tillbaka" opens ``@@skicka-tillbaka``, which asks
for the reason (workflow/reject.py: sending back always says why).
"""

from AccessControl import getSecurityManager
from Acquisition import aq_inner
from plone.app.layout.viewlets.common import ViewletBase
from plone.base.interfaces import IPloneSiteRoot
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from solna.intranet.tools import tool
from urllib.parse import urlparse
from zope.component import queryMultiAdapter
from zope.i18n import translate


#: The transitions that move an item forward: shown as primary buttons,
#: first.
FORWARD = ("submit", "publish")
#: The route that takes a transition by POST (plone.app.content).
MODIFY = "content_status_modify"


def may_pass_a_guard(workflows, state, context):
    """Whether the current member may pass the guard of some transition out
    of ``state``, as far as its permissions and roles tell: False means
    the workflow tool offers her no step (DCWorkflow's ``Guard.check``
    refuses when she holds none of the guard's permissions, or none of
    its roles here). Groups and expressions are left to the tool (True).
    ``workflows``: the item's chain; with more than one, or a workflow that
    lets Managers bypass guards, True. A reader's page asked the tool for
    every transition's action (1.4 % of a news item's time, issue 21)."""
    if len(workflows) != 1 or getattr(workflows[0], "manager_bypass", False):
        return True
    workflow = workflows[0]
    definition = workflow.states.get(state) if workflow.states else None
    if definition is None:
        return True
    security = getSecurityManager()
    roles = None
    for name in definition.transitions:
        transition = workflow.transitions.get(name)
        if transition is None:
            continue
        guard = transition.getGuard()
        if guard.permissions and not any(
            security.checkPermission(p, context) for p in guard.permissions
        ):
            continue
        if guard.roles:
            if roles is None:
                roles = set(security.getUser().getRolesInContext(context))
            if roles.isdisjoint(guard.roles):
                continue
        return True
    return False


class WorkflowBar(ViewletBase):
    """``solna.workflowbar`` in plone.abovecontenttitle, on an item's view."""

    index = ViewPageTemplateFile("templates/workflow_bar.pt")

    state = None
    state_title = ""
    transitions = ()
    may_modify = False

    def update(self):
        """Read the item's state and the transitions the user may take now."""
        super().update()
        context = aq_inner(self.context)
        if IPloneSiteRoot.providedBy(context):
            return
        wf_tool = tool("portal_workflow")
        workflows = wf_tool.getWorkflowsFor(context)
        if not workflows:
            return
        self.state = wf_tool.getInfoFor(context, "review_state", None)
        if not self.state:
            return
        self.state_title = self._state_title(workflows, self.state)
        self.may_modify = bool(
            getSecurityManager().checkPermission("Modify portal content", context)
        )
        if self.may_modify or may_pass_a_guard(workflows, self.state, context):
            self.transitions = self._transitions(wf_tool, context)

    def available(self):
        """True for those who may act: a transition now, or may edit it."""
        return bool(self.state and (self.transitions or self.may_modify))

    def render(self):
        if not self.available():
            return ""
        return self.index()

    def _state_title(self, workflows, state):
        for workflow in workflows:
            if state in workflow.states:
                title = workflow.states[state].title or state
                return translate(title, domain="plone", context=self.request)
        return state

    def _transitions(self, wf_tool, context):
        """The workflow actions the user may take now, as dicts: ``id``,
        ``title`` (translated), ``post`` (True: a POST form to
        content_status_modify; False: a link to ``url``), ``url`` and
        ``primary``. None while the item is locked by someone else (as the
        toolbar's Status menu)."""
        lock = queryMultiAdapter((context, self.request), name="plone_lock_info")
        if lock is not None and lock.is_locked_for_current_user():
            return []
        found = []
        for action in wf_tool.listActionInfos(object=context):
            if action.get("category") != "workflow" or not action.get("allowed"):
                continue
            url = action.get("url") or ""
            post = not url or urlparse(url).path.rstrip("/").endswith("/" + MODIFY)
            found.append(
                {
                    "id": action["id"],
                    "title": translate(
                        action["title"], domain="plone", context=self.request
                    ),
                    "post": post,
                    "url": f"{context.absolute_url()}/{MODIFY}" if post else url,
                    "primary": action["id"] in FORWARD,
                }
            )
        found.sort(key=lambda t: not t["primary"])
        return found
