"""The other side of the audience: which members a news item is meant for.

A member's unit (a UID) and profession are properties of their profile,
kept by PlonePAS's ZODB property plugin (``mutable_properties``). ``Staff``
reads those property sheets once per request or job, in one pass, into
{unit: members} and {profession: members}; no member object is woken.
(The plugin's ``enumerateUsers`` filters on one value per pass and returns
no properties: a förvaltning's manager would cost a pass per unit.)

The rule is the one the catalog query applies (``audience.tokens_for_uids``):
a member is in the audience when the tokens of their unit, the units above
it and their profession meet the item's tokens.
"""

from plone import api
from solna.intranet.members import profile
from solna.intranet.news.audience import ALL
from solna.intranet.news.audience import parse
from solna.intranet.news.audience import tokens_for_uids
from solna.intranet.organisation.tree import chain
from solna.intranet.organisation.tree import subtree_uids

import collections


class Staff:
    """Members by the unit and profession of their profile."""

    def __init__(self):
        self._sheets = None
        self._subtrees = {}

    def _read(self):
        if self._sheets is None:
            plugin = api.portal.get_tool("acl_users")["mutable_properties"]
            everyone = set()
            by_unit = collections.defaultdict(set)
            by_profession = collections.defaultdict(set)
            for userid, sheet in plugin._storage.items():
                if sheet.get("isGroup"):
                    continue
                everyone.add(userid)
                if sheet.get("unit"):
                    by_unit[sheet["unit"]].add(userid)
                if sheet.get("profession"):
                    by_profession[sheet["profession"]].add(userid)
            self._sheets = (everyone, by_unit, by_profession)
        return self._sheets

    def everyone(self):
        return set(self._read()[0])

    def in_units(self, uids):
        """Members whose unit is one of ``uids``."""
        by_unit = self._read()[1]
        return set().union(*(by_unit.get(uid, ()) for uid in uids))

    def with_profession(self, profession):
        return set(self._read()[2].get(profession, ()))

    def subtree(self, uid):
        if uid not in self._subtrees:
            self._subtrees[uid] = subtree_uids(uid)
        return self._subtrees[uid]

    def audience(self, tokens, among=None):
        """The members an item with these audience tokens is meant for
        (only those in ``among``, when given)."""
        if ALL in tokens:
            found = self.everyone()
        else:
            found = set()
            for value in tokens:
                unit, profession = parse(value)
                members = self.in_units(self.subtree(unit)) if unit else None
                if profession:
                    same = self.with_profession(profession)
                    members = same if members is None else members & same
                found |= members or set()
        return found if among is None else found & set(among)


class Member:
    """A member as the audience sees them: their unit (``chain``: its brain
    and those of the units above it), profession and audience tokens."""

    def __init__(self, userid):
        self.userid = userid
        self.unit_uid, self.profession = profile(userid)
        self.chain = chain(self.unit_uid) if self.unit_uid else []
        self.tokens = tokens_for_uids([b.UID for b in self.chain], self.profession)

    def is_meant_for(self, tokens):
        """Is an item with these audience tokens meant for this member?"""
        return bool(set(tokens or ()) & set(self.tokens))
