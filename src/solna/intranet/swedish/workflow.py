"""One name for each workflow state and transition, on every page.

An item's own pages (the Tillstånd menu, the workflow bar, the advanced
workflow form, the history) name its state and its next steps by its own
workflow: the state's title and the transition's action name, translated
in Plone's domain (Utkast, Granskning, Publicerad, Arkiverad; Skicka för
granskning, Publicera, Skicka tillbaka, …). The lists that name states and
transitions of every workflow at once did not:

- plone.app.vocabularies' WorkflowStates (the state criterion of the
  search and collection editor and of folder contents' filter, a content
  rule's state condition, REST ``@vocabularies``) and WorkflowTransitions
  (a content rule's transition condition and its workflow action) named each
  id by the last (states) or by all (transitions: "Godkänn // Publicera")
  of the workflows in ``portal_workflow``, including Plone's own that no
  type uses and the comment workflow, whose ``pending`` ("Väntar på
  godkännande") and ``publish`` ("Godkänn") are a held comment and its
  approval;
- folder contents' state column named each id by the first workflow:
  Plone's unused ones, "Inväntar granskning" and "Privat".

Here every id has one name: that of the workflows the site's content
uses, the default chain first, the comment workflow's only for ids no
content workflow has (comments keep their own names on their own pages:
dialogue/comments). The lists offer only what the site's types use.
"""

from plone.base import PloneMessageFactory as PMF
from plone.base.utils import safe_text
from Products.CMFCore.utils import getToolByName
from zope.component.hooks import getSite
from zope.globalrequest import getRequest
from zope.i18n import translate
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


#: The type whose workflow names a step only where no content workflow does.
COMMENTS = "Discussion Item"

#: Å, Ä, Ö after Z, as in a Swedish dictionary.
_SWEDISH_ORDER = str.maketrans({"å": "{", "ä": "|", "ö": "}", "é": "e", "ü": "y"})


def swedish_order(text):
    """A sort key: ``text`` in Swedish alphabetical order."""
    return text.casefold().translate(_SWEDISH_ORDER)


def workflows(site=None, every=False):
    """The workflows whose names count, in the order they name ids: the
    default chain's, the other content types', the comment workflow's;
    with ``every``, then those no type uses (Plone's own)."""
    site = site or getSite()
    wtool = getToolByName(site, "portal_workflow")
    types = getToolByName(site, "portal_types")
    content = list(wtool.getDefaultChain())
    comments = []
    for type_id in types.objectIds():
        for wf_id in wtool.getChainForPortalType(type_id) or ():
            chosen = comments if type_id == COMMENTS else content
            if wf_id not in chosen:
                chosen.append(wf_id)
    ordered = content + [wf_id for wf_id in comments if wf_id not in content]
    if every:
        ordered += [wf_id for wf_id in wtool.objectIds() if wf_id not in ordered]
    found = [wtool.getWorkflowById(wf_id) for wf_id in ordered]
    return [workflow for workflow in found if workflow is not None]


def _title(item, kind):
    if kind == "transitions":
        return item.actbox_name or item.title or item.getId()
    return item.title or item.getId()


def names(kind, request=None, site=None, every=False):
    """{id: its name in the request's language} of the workflows' states
    (``kind`` "states") or transitions ("transitions"), in the workflows'
    order; a state by its title, a transition by its action's name (what
    the Tillstånd menu shows). See ``workflows`` for ``every``."""
    request = request if request is not None else getRequest()
    titles = {}
    for workflow in workflows(site, every):
        folder = getattr(workflow, kind, None)
        for item in getattr(folder, "objectValues", list)():
            titles.setdefault(item.getId(), _title(item, kind))
    return {
        item_id: translate(PMF(safe_text(title)), context=request)
        for item_id, title in titles.items()
    }


def state_names(request=None, site=None, every=False):
    """{state id: its name}."""
    return names("states", request, site, every)


def transition_names(request=None, site=None, every=False):
    """{transition id: its name}."""
    return names("transitions", request, site, every)


def _vocabulary(found, order=None):
    """Terms of {id: name}; an id beside its name only where two ids share
    one."""
    shared = {name for name in found.values() if list(found.values()).count(name) > 1}
    items = list(found.items())
    if order is not None:
        items.sort(key=lambda item: order(item[1]))
    return SimpleVocabulary(
        [
            SimpleTerm(
                item_id,
                item_id,
                f"{name} [{item_id}]" if name in shared else name,
            )
            for item_id, name in items
        ]
    )


def workflow_states_vocabulary(self, context):
    """plone.app.vocabularies.WorkflowStates: the states the site's types
    use, by their one name, in their workflows' order (Utkast, Granskning,
    Publicerad, Arkiverad, …)."""
    if getSite() is None:
        return SimpleVocabulary([])
    return _vocabulary(state_names())


def workflow_transitions_vocabulary(self, context):
    """plone.app.vocabularies.WorkflowTransitions: the transitions the
    site's types use, by their one name, alphabetically."""
    if getSite() is None:
        return SimpleVocabulary([])
    return _vocabulary(transition_names(), order=swedish_order)
