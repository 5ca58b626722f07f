"""Helpers for workflow guard expressions (GenericSetup XML), declared safe
for restricted Python."""

from AccessControl import ModuleSecurityInfo
from plone.app.iterate.interfaces import IWorkingCopy


ModuleSecurityInfo("solna.intranet.workflow.guards").declarePublic("is_working_copy")


def is_working_copy(obj):
    """A working copy is put in force by checking it in, never by publishing
    it beside the rule it revises."""
    return IWorkingCopy.providedBy(obj)
