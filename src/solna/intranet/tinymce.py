"""TinyMCE's own settings (the registry's ``plone.other_settings``, JSON),
shared by the features that add to them (accessibility_fixes/, swedish/)."""

from plone import api

import json


RECORD = "plone.other_settings"


def merge_settings(settings):
    """Merge ``settings`` (a dict of TinyMCE options) into the registry's
    ``plone.other_settings``, keeping what else is there; text that is no
    JSON object counts as empty. Safe to run again. Returns the merged
    dict."""
    raw = api.portal.get_registry_record(RECORD, default="") or "{}"
    try:
        current = json.loads(raw)
    except ValueError:
        current = {}
    if not isinstance(current, dict):
        current = {}
    current.update(settings)
    api.portal.set_registry_record(RECORD, json.dumps(current))
    return current
