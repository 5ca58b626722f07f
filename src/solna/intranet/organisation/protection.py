"""Skyddad identitet: a protected person is in the workflow state
``protected``, whose permissions let only HR and site administrators see it.

Because it is a workflow state, the catalog (allowedRolesAndUsers), every
listing, search, the directory and plone.restapi hide it without any special
case, and ``portal_workflow.updateRoleMappings()`` keeps it hidden.
The field is only writable with "solna.intranet: Manage protected identity";
this handler moves the person into or out of the state to match it.
"""

from plone import api


PROTECTED = "protected"


def sync_protection(person, event=None):
    wf_tool = api.portal.get_tool("portal_workflow")
    if not wf_tool.getWorkflowsFor(person):
        return
    state = api.content.get_state(person, default=None)
    if state is None:
        return  # not yet under workflow (during creation, before the event)
    wanted = bool(getattr(person, "protected_identity", False))
    if wanted and state != PROTECTED:
        transition = "protect"
    elif not wanted and state == PROTECTED:
        transition = "unprotect"
    else:
        return
    # Who may set the field may make the move: the field's write permission
    # (the same as the transitions' guard) was checked when it was set.
    with api.env.adopt_roles(["Manager"]):
        wf_tool.doActionFor(person, transition)
    person.reindexObject()
    person.reindexObjectSecurity()
