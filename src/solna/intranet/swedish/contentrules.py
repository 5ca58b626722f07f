"""A content rule's conditions and actions in Swedish where a catalog entry
cannot do it alone (contentrules.zcml; the messages themselves are in
locales/sv/LC_MESSAGES/plone.po):

- the page's ``<title>`` named the form's context by its traversal id: an
  element's add form is a view of the adding view ``+action`` /
  ``+condition`` (the rule's add form of ``+rule``), its edit form a view of
  ``++action++0``, a rule's pages views of ``++rule++rule-1`` (a rule has
  a ``title`` but no ``Title()``, which Plone's page title asks for). They
  are titled by the rule (Innehållsregler for ``+rule``) instead;
- the notify action offers its message types by their values ("info",
  "warning", "error"): they get titles, Plone's messages "Information",
  "Warning" and "Error";
- the summaries on a rule's page of conditions and actions named workflow
  states, groups and roles by their ids ("Grupper är: Site
  Administrators"): they name them by their Swedish titles;
- the group and role conditions' edit forms were headed as their add
  forms ("Lägg till villkor Grupp"): Plone edits a group condition with its
  add form and labels its role condition's edit form "Add Role Condition"
  (``ROLE_EDIT_LABEL``);
- the logger action's form offered as its message the message id of its
  default ("text_contentrules_logger_message"), which was saved and shown
  in its summary: the default is offered translated
  (``logger_message_default``), and a summary of an action saved so
  shows the message;
- the mail action's list of variables described ``${subject}`` and
  ``${keywords}`` (an item's tags, Dublin Core's Subject) with the message
  of the mail's own subject field ("Subject": Ärende): they are described
  as the edit form names the field, Taggar (``SUBJECT_DESCRIPTION``).

Plone's messages (domain "plone") are made with ``PMF``, not ``_``: our
``make i18n`` (i18ndude) reads every ``_(...)`` as a message of our domain.
"""

from Acquisition import aq_inner
from Acquisition import aq_parent
from plone.app.contentrules import PloneMessageFactory as PMF
from plone.contentrules.rule.interfaces import IRule
from Products.CMFCore.utils import getToolByName
from solna.intranet.swedish.workflow import names
from zope.component.hooks import getSite
from zope.globalrequest import getRequest
from zope.i18n import translate
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


def _translated(message):
    return translate(message, context=getRequest())


def rule_adding_title(self):
    """``+rule`` (a rule's add form): Innehållsregler."""
    return _translated(PMF("Content Rules"))


def element_adding_title(self):
    """``+condition`` / ``+action`` (an element's add form): the rule's
    title."""
    return getattr(aq_inner(self.context), "title", "") or rule_adding_title(self)


def element_title(self):
    """A rule's condition or action (its edit form): the rule's title."""
    rule = aq_parent(aq_inner(self))
    if IRule.providedBy(rule) and rule.title:
        return rule.title
    return rule_adding_title(self)


def rule_title(self):
    """A rule (``++rule++rule-1``, its edit form and its page of
    conditions and actions): its title, Innehållsregler if it has none."""
    return self.title or rule_adding_title(self)


def title_elements(scope, original, replacement):
    """collective.monkeypatcher handler: ``replacement`` as the ``Title``
    (``original``) of every condition and action of plone.app.contentrules
    (``scope``)."""
    for cls in element_classes():
        setattr(cls, original, replacement)


def element_classes():
    """The conditions and actions whose edit forms' pages are titled by the
    rule (element_title)."""
    from plone.app.contentrules.actions.copy import CopyAction
    from plone.app.contentrules.actions.delete import DeleteAction
    from plone.app.contentrules.actions.logger import LoggerAction
    from plone.app.contentrules.actions.mail import MailAction
    from plone.app.contentrules.actions.move import MoveAction
    from plone.app.contentrules.actions.notify import NotifyAction
    from plone.app.contentrules.actions.versioning import VersioningAction
    from plone.app.contentrules.actions.workflow import WorkflowAction
    from plone.app.contentrules.conditions.fileextension import FileExtensionCondition
    from plone.app.contentrules.conditions.group import GroupCondition
    from plone.app.contentrules.conditions.portaltype import PortalTypeCondition
    from plone.app.contentrules.conditions.role import RoleCondition
    from plone.app.contentrules.conditions.talesexpression import (
        TalesExpressionCondition,
    )
    from plone.app.contentrules.conditions.wfstate import WorkflowStateCondition
    from plone.app.contentrules.conditions.wftransition import (
        WorkflowTransitionCondition,
    )

    return (
        CopyAction,
        DeleteAction,
        LoggerAction,
        MailAction,
        MoveAction,
        NotifyAction,
        VersioningAction,
        WorkflowAction,
        FileExtensionCondition,
        GroupCondition,
        PortalTypeCondition,
        RoleCondition,
        TalesExpressionCondition,
        WorkflowStateCondition,
        WorkflowTransitionCondition,
    )


#: The role condition's edit form's label.
ROLE_EDIT_LABEL = PMF("Edit Role Condition")


#: The description of the variables ${subject} and ${keywords}
#: (plone.stringinterp's SubjectSubstitution): the edit form's name of the
#: field they print (plone.app.dexterity's label_tags, "Taggar").
SUBJECT_DESCRIPTION = PMF("label_tags", default="Tags")


#: The notify action's message types, titled (values and tokens unchanged).
MESSAGE_TYPES = SimpleVocabulary(
    [
        SimpleTerm("info", "info", PMF("Information")),
        SimpleTerm("warning", "warning", PMF("Warning")),
        SimpleTerm("error", "error", PMF("Error")),
    ]
)


def title_message_types(scope, original, replacement):
    """collective.monkeypatcher handler: ``replacement`` as the vocabulary
    of the field ``message_type`` of ``scope.<original>`` (INotifyAction)."""
    getattr(scope, original)["message_type"].vocabulary = replacement


def _workflow_names(ids, kind):
    """The Swedish names of workflow states or transitions (``kind``:
    "states" or "transitions"), for their ids, in their order: each id's
    one name (workflow.py), as the condition's form offers it; an id no
    workflow names stays as it is."""
    found = names(kind, getRequest(), getSite(), every=True)
    return [found.get(i) or i for i in ids]


def _state_titles(ids):
    """Workflow states' titles (Swedish), for their ids."""
    return _workflow_names(ids, "states")


@property
def workflow_state_summary(self):
    return PMF(
        "Workflow states are: ${states}",
        mapping={"states": ", ".join(_state_titles(self.wf_states))},
    )


@property
def group_summary(self):
    groups = getToolByName(getSite(), "portal_groups")
    names = []
    for group_id in self.group_names:
        group = groups.getGroupById(group_id)
        names.append((group and group.getProperty("title")) or group_id)
    return PMF("Groups are: ${names}", mapping={"names": ", ".join(names)})


@property
def role_summary(self):
    names = [_translated(PMF(role)) for role in self.role_names]
    return PMF("Roles are: ${names}", mapping={"names": ", ".join(names)})


def _transition_titles(ids):
    """Workflow transitions' names (Swedish: their action's name, as the
    state menu shows them), for their ids."""
    return _workflow_names(ids, "transitions")


@property
def workflow_transition_summary(self):
    return PMF(
        "Workflow transitions are: ${transitions}",
        mapping={"transitions": ", ".join(_transition_titles(self.wf_transitions))},
    )


@property
def workflow_action_summary(self):
    (name,) = _transition_titles([self.transition]) if self.transition else ("",)
    return PMF("Execute transition ${transition}", mapping={"transition": name})


#: The logger action's default message.
LOGGER_MESSAGE = PMF(
    "text_contentrules_logger_message", default="Caught &e at &c by &u"
)


def logger_message_default():
    """The logger action's default message, in the request's language."""
    return _translated(LOGGER_MESSAGE)


def default_logger_message(scope, original, replacement):
    """collective.monkeypatcher handler: ``replacement`` as the default
    factory of the field ``message`` of ``scope.<original>``
    (ILoggerAction), whose default is a message id z3c.form shows as it
    stands."""
    getattr(scope, original)["message"].defaultFactory = replacement


@property
def logger_summary(self):
    message = self.message
    if str(message) == str(LOGGER_MESSAGE):
        message = _translated(LOGGER_MESSAGE)
    return PMF("Log message ${message}", mapping={"message": message})


@property
def versioning_summary(self):
    """ "Spara en version" with its comment, none when it has none (Plone
    printed "None")."""
    if not self.comment:
        return PMF("Versioning action")
    return PMF("Versioning with comment ${comment}", mapping={"comment": self.comment})
