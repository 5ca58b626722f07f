"""The workflow menu, with its state title translated everywhere."""

from plone.app.contentmenu.menu import WorkflowSubMenuItem as PloneWorkflowSubMenuItem
from plone.base import PloneMessageFactory


class WorkflowSubMenuItem(PloneWorkflowSubMenuItem):
    """Plone's toolbar shows the state twice: on the menu button (translated)
    and, with the toolbar on top as we have it for phones, in the dropdown's
    header, where plone.app.contentmenu's template prints the raw title
    ("Draft"). A message in the plone domain is translated in both places."""

    def _currentStateTitle(self):
        title = super()._currentStateTitle()
        return PloneMessageFactory(title) if title else title
