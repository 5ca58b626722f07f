"""Load a demo plan (see generator.py) into a site."""

from DateTime import DateTime
from plone import api
from plone.app.textfield.value import RichTextValue
from solna.intranet.demo.accounts import DEMO_ACCOUNTS
from solna.intranet.demo.accounts import DEMO_PASSWORD
from solna.intranet.demo.generator import Plan
from z3c.relationfield import RelationValue
from zope.annotation.interfaces import IAnnotations
from zope.component import getUtility
from zope.globalrequest import getRequest
from zope.intid.interfaces import IIntIds

import gc
import resource
import time
import transaction


def _resolve(portal, paths):
    """The objects at these paths, or None if one does not exist yet."""
    objects = [portal.unrestrictedTraverse("/".join(p), None) for p in paths]
    return None if any(o is None for o in objects) else objects


def _set_relations(portal, obj, relations):
    """Set what can be set; return what must wait for later items."""
    intids = getUtility(IIntIds)
    waiting = {}
    for name, target in relations.items():
        single = isinstance(target, tuple) and isinstance(target[0], str)
        targets = _resolve(portal, [target] if single else target)
        if targets is None:
            waiting[name] = target
        elif name == "audience_units":
            obj.audience_units = [api.content.get_uuid(t) for t in targets]
        else:
            values = [RelationValue(intids.getId(t)) for t in targets]
            setattr(obj, name, values[0] if single else values)
    return waiting


def _create(portal, item):
    container = portal.unrestrictedTraverse("/".join(item.path[:-1]))
    fields = dict(item.fields)
    text = fields.pop("text", None)
    effective = fields.pop("effective", None)
    title = fields.pop("title", None) or " ".join(
        (fields["first_name"], fields["last_name"])
    )
    obj = api.content.create(
        container=container,
        type=item.portal_type,
        id=item.path[-1],
        title=title,
        safe_id=False,
        **fields,
    )
    if text:
        obj.text = RichTextValue(text, "text/html", "text/x-html-safe")
    if effective:
        obj.setEffectiveDate(DateTime(effective.isoformat() + "+01:00"))
    return obj


def resident_mb():
    """This process's resident memory now, in MB (``VmRSS`` of
    ``/proc/self/status``; the peak, ``ru_maxrss``, where /proc is missing)."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


#: What Plone remembers per request on the request object itself
#: (plone.dexterity: each item's behaviour assignable, by its oid).
REQUEST_CACHES = ("__plone_dexterity_assignable_cache__",)


def _forget_request_memos():
    """A loader run has one request for hours: drop what Plone remembers
    per request (plone.memoize's request memos, dexterity's caches), which
    otherwise hold every item created."""
    request = getRequest()
    if request is not None:
        IAnnotations(request).pop("plone.memoize", None)
        for name in REQUEST_CACHES:
            request.__dict__.pop(name, None)


def load_plan(portal, plan: Plan, commit_every=0, progress=False):
    """Create every item of the plan that does not exist yet. Returns the
    number created. With ``commit_every``, commit after that many items;
    with ``progress`` also print, at each commit, the rate since the last one
    (items per CPU second and per second) and the resident memory, so that a
    large load shows it neither slows down nor grows (issue 21)."""
    items = list(plan.items())
    deferred, created = [], 0
    since = (time.process_time(), time.monotonic())
    # Imported here: the demo loader's module is imported by every Zope
    # process (its setup handlers), tqdm is used by the loading alone.
    from tqdm import tqdm

    bar = tqdm(total=len(items), disable=not progress, desc="Demoinnehåll", unit=" st")
    with api.env.adopt_roles(["Manager"]):
        for item in items:
            bar.update()
            path = "/".join(item.path)
            if portal.unrestrictedTraverse(path, None) is not None:
                continue
            obj = _create(portal, item)
            if waiting := _set_relations(portal, obj, item.relations):
                deferred.append((obj, waiting))
            if item.publish:
                api.content.transition(obj, to_state="published")
            obj.reindexObject()
            created += 1
            if commit_every and created % commit_every == 0:
                transaction.commit()
                # Drop what is committed from memory: the ZODB cache (all
                # of it: the catalog's buckets would otherwise keep the new
                # items as ghosts), the request's memos and the cycles they
                # leave. With only cacheGC it grew by 4-5 KB per item.
                _forget_request_memos()
                portal._p_jar.cacheMinimize()
                gc.collect()
                if progress:
                    now = (time.process_time(), time.monotonic())
                    cpu, wall = now[0] - since[0], now[1] - since[1]
                    since = now
                    bar.write(
                        f"{created} st: {commit_every / max(cpu, 0.001):.1f} st "
                        f"per CPU-sekund, {commit_every / max(wall, 0.001):.1f} st/s, "
                        f"minne {resident_mb():.0f} MB"
                    )
        for obj, waiting in deferred:
            _set_relations(portal, obj, waiting)
            obj.reindexObject()
            if "manager" in waiting:
                # The manager's local roles reach everything in the unit.
                obj.reindexObjectSecurity()
    bar.close()
    _link_accounts(portal, plan)
    if commit_every:
        transaction.commit()
    return created


def create_accounts():
    for account in DEMO_ACCOUNTS:
        if api.user.get(userid=account.userid) is None:
            api.user.create(
                username=account.userid,
                email=account.email,
                password=DEMO_PASSWORD,
                properties={"fullname": account.fullname},
            )
        for group in account.groups:
            api.group.add_user(groupname=group, username=account.userid)


def _link_accounts(portal, plan):
    """Each demo account's member profile gets its unit and profession; a
    Redaktör is in the editors list of the unit they edit."""
    units = {u.fields["title"]: u.path for u in plan.units}
    for account in DEMO_ACCOUNTS:
        if not account.edits:
            continue
        unit = portal.unrestrictedTraverse("/".join(units[account.edits]))
        if account.userid not in (unit.editors or []):
            unit.editors = [*(unit.editors or []), account.userid]
            unit.reindexObjectSecurity()
    for item in plan.people:
        if not item.account:
            continue
        user = api.user.get(userid=item.account)
        unit = portal.unrestrictedTraverse("/".join(item.path[:-1]))
        if user is not None:
            user.setMemberProperties(
                {
                    "unit": api.content.get_uuid(unit),
                    "profession": item.fields["profession"],
                }
            )
