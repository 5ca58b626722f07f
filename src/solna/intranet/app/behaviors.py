"""Tillgänglig offline: a page an editor marks to be kept on the phones of
everyone who may see it (routines, emergency phone lists).

The behaviour ``solna.offline`` (on Document; add it to other types in
their type XML) stores one Bool, ``available_offline``, as an attribute of
the item; the catalog indexes it (``available_offline``, a BooleanIndex),
so the pocket list is one catalog query (pocket.py).
"""

from Acquisition import aq_base
from plone.autoform.interfaces import IFormFieldProvider
from plone.indexer import indexer
from plone.supermodel import model
from solna.intranet import _
from zope import schema
from zope.interface import provider


@provider(IFormFieldProvider)
class IOffline(model.Schema):
    available_offline = schema.Bool(
        title=_("app_offline_field", default="Available offline"),
        description=_(
            "app_offline_help",
            default="The page is saved on the phone of everyone who may see "
            "it, so that it can be read without a network. Use it for "
            "routines and emergency phone lists.",
        ),
        required=False,
        default=False,
    )


@indexer(IOffline)
def available_offline(obj):
    """True for a page marked Tillgänglig offline (never acquired)."""
    return bool(getattr(aq_base(obj), "available_offline", False))
