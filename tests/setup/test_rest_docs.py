"""docs/rest.md lists every REST endpoint this package registers (issue 15,
9), and this test keeps it from drifting.

The endpoints come from the component registry, not from reading ZCML:
plone.rest registers each ``plone:service`` as a named multi-adapter on
(context interface, browser layer) named ``<METHOD>_<type>_<subtype>_<name>``
(``GET_application_json_@hitta-kontakt``), its factory a new class whose
``__roles__`` is a PermissionRole named after the permission's title
(``protectClass``). Ours are those registered from our ZCML or whose class
comes from ``solna.intranet`` (also the ones that replace plone.restapi's,
such as ``@comments``).

Each endpoint is a section of the doc::

    ### GET @hitta-kontakt
    - Context: site root or navigation root (`INavigationRoot`)
    - Permission: View (`zope2.View`)

with, optionally, ``- Alias: `@old-name``` for a name kept beside the new
one. The context line names each registered interface in backticks (one
section may cover several); the permission is its title, and its id in
backticks. The test fails when a registered (method, name, context) is not
documented, when the documented permission is not the registered one, or
when the doc lists an endpoint that is no longer registered.
"""

from pathlib import Path
from zope.component import getGlobalSiteManager
from zope.component import queryUtility
from zope.security.interfaces import IPermission

import pytest
import re


DOC = Path(__file__).resolve().parents[2] / "docs" / "rest.md"
PACKAGE_DIR = Path(__file__).resolve().parents[2] / "src" / "solna" / "intranet"

METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
#: plone.rest's adapter name: method, media type (``application_json``, any
#: other ``accept`` too), then the service's name.
SERVICE = re.compile(rf"^({'|'.join(METHODS)})_[^_/]+_[^_/]+_(.*)$")
HEADING = re.compile(rf"^### ({'|'.join(METHODS)}) `?(@[\w.-]+)`?\s*$")
SECTION_END = re.compile(r"^#{1,3} ")
FIELD = re.compile(r"^- (Context|Permission|Alias|Aliases):\s*(.*)$")
#: An interface in backticks: `IPloneSiteRoot`, `Interface`.
INTERFACE = re.compile(r"`(I[A-Z]\w*|Interface)`")
PERMISSION = re.compile(r"^(.+?)\s+\(`([\w.]+)`\)\s*$")
ALIAS = re.compile(r"`?(@[\w.-]+)`?")


def _registries():
    """The global registry and those it stacks on (test layers stack
    registries), most specific first."""
    seen, order, todo = set(), [], [getGlobalSiteManager()]
    while todo:
        registry = todo.pop(0)
        if id(registry) in seen:
            continue
        seen.add(id(registry))
        order.append(registry)
        todo.extend(registry.__bases__)
    return order


def _ours(registration):
    """Registered from our ZCML, or a class of ours."""
    info = getattr(registration, "info", None)
    where = getattr(info, "file", None)
    if where and Path(str(where)).resolve().is_relative_to(PACKAGE_DIR):
        return True
    return any(
        (cls.__module__ or "").startswith("solna.intranet.")
        for cls in getattr(registration.factory, "__mro__", ())
    )


def permission_of(factory):
    """The permission's title that protects a plone.rest service class
    (``protectClass`` → ``__roles__``, a PermissionRole named after it)."""
    roles = getattr(factory, "__roles__", None)
    if roles is None:
        return "Public"  # zope.Public: a class without roles
    if roles == ():
        return "zope.Private"
    return getattr(roles, "__name__", repr(roles))


def registered_services():
    """{(method, name, context interface's name): permission title} of every
    REST service this package registers."""
    found = {}
    for registry in _registries():
        for registration in registry.registeredAdapters():
            match = SERVICE.match(registration.name or "")
            if not match or not _ours(registration):
                continue
            key = (match[1], match[2], registration.required[0].__name__)
            # The most specific registry's registration is the one used.
            found.setdefault(key, permission_of(registration.factory))
    return found


def _lines_outside_code(text):
    """(line number, line) of the doc, without fenced code blocks."""
    fenced = False
    for number, line in enumerate(text.splitlines(), start=1):
        if line.lstrip().startswith("```"):
            fenced = not fenced
        elif not fenced:
            yield number, line


def _read_field(section, kind, value):
    """A section's ``- Context:``, ``- Permission:`` or ``- Alias:`` line."""
    if kind == "Context":
        section["contexts"] += INTERFACE.findall(value)
    elif kind == "Permission":
        permission = PERMISSION.match(value)
        if permission:
            section["permission"] = permission[1].strip()
            section["permission_id"] = permission[2]
    else:
        section["names"] += ALIAS.findall(value)


def _incomplete(sections):
    for section in sections:
        where = f"line {section['line']} ({section['method']} {section['names'][0]})"
        if not section["contexts"]:
            yield f"{where}: no '- Context: … (`IInterface`)' line"
        if section["permission"] is None:
            yield f"{where}: no '- Permission: Title (`permission.id`)' line"


def parse_doc(text):
    """([section], [problem]): each section a dict with ``line``, ``method``,
    ``names``, ``contexts`` (interface names), ``permission`` (title) and
    ``permission_id``."""
    sections, problems, current = [], [], None
    for number, line in _lines_outside_code(text):
        if heading := HEADING.match(line):
            current = {
                "line": number,
                "method": heading[1],
                "names": [heading[2]],
                "contexts": [],
                "permission": None,
                "permission_id": None,
            }
            sections.append(current)
        elif SECTION_END.match(line):
            if line.startswith("### "):
                problems.append(
                    f"line {number}: {line!r} is no endpoint heading "
                    "('### METHOD @name')"
                )
            current = None
        elif current is not None and (field := FIELD.match(line)):
            _read_field(current, field[1], field[2])
    return sections, problems + list(_incomplete(sections))


def documented(sections):
    """{(method, name, context): (permission title, permission id, line)}
    and the problems (an endpoint documented twice)."""
    found, problems = {}, []
    for section in sections:
        for name in section["names"]:
            for context in section["contexts"]:
                key = (section["method"], name, context)
                if key in found:
                    problems.append(
                        f"{' '.join(key)}: documented twice (lines "
                        f"{found[key][2]} and {section['line']})"
                    )
                    continue
                found[key] = (
                    section["permission"],
                    section["permission_id"],
                    section["line"],
                )
    return found, problems


def problems_of(text, registered):
    """Everything that makes the doc disagree with what is registered."""
    sections, problems = parse_doc(text)
    docs, twice = documented(sections)
    problems += twice
    for key in sorted(set(registered) - set(docs)):
        problems.append(
            f"missing: {' '.join(key[:2])} on `{key[2]}` (permission "
            f"{registered[key]!r}) is registered but not in docs/rest.md"
        )
    for key in sorted(set(docs) - set(registered)):
        problems.append(
            f"extra: {' '.join(key[:2])} on `{key[2]}` (line {docs[key][2]}) "
            "is documented but no longer registered"
        )
    for key in sorted(set(docs) & set(registered)):
        title, permission_id, line = docs[key]
        if title is None:
            continue  # reported above
        if title != registered[key]:
            problems.append(
                f"permission: {' '.join(key[:2])} on `{key[2]}` (line {line}) "
                f"is documented as {title!r}, registered with {registered[key]!r}"
            )
        utility = queryUtility(IPermission, name=permission_id)
        public = permission_id == "zope.Public" and title == "Public"
        if not public and (utility is None or str(utility.title) != title):
            problems.append(
                f"permission: {' '.join(key[:2])} (line {line}): `{permission_id}` "
                f"is not the id of {title!r}"
                + (f" (it is {str(utility.title)!r})" if utility is not None else "")
            )
    return problems


@pytest.fixture
def registered(integration):
    found = registered_services()
    assert found, "no REST service of solna.intranet is registered"
    return found


def test_every_endpoint_is_documented_as_registered(registered):
    problems = problems_of(DOC.read_text(encoding="utf-8"), registered)
    assert not problems, (
        "docs/rest.md does not match the registered REST services:\n  "
        + "\n  ".join(problems)
    )


def _without_section(text, heading):
    """The doc without the section under ``heading``."""
    lines = text.splitlines()
    start = lines.index(heading)
    end = next(
        (i for i in range(start + 1, len(lines)) if SECTION_END.match(lines[i])),
        len(lines),
    )
    return "\n".join(lines[:start] + lines[end:])


def test_drift_is_reported(registered):
    """The check itself, on copies of the doc: a section removed, a
    permission changed, an endpoint that is no longer registered. Each
    change adds its problem to those the doc has now (none, when the doc is
    right)."""
    text = DOC.read_text(encoding="utf-8")
    before = set(problems_of(text, registered))

    def new_problems(changed):
        return sorted(set(problems_of(changed, registered)) - before)

    sections, _problems = parse_doc(text)
    section = sections[0]
    method, name = section["method"], section["names"][0]
    heading = text.splitlines()[section["line"] - 1]
    found = new_problems(_without_section(text, heading))
    assert found, "removing a section was not noticed"
    assert all(p.startswith("missing: ") for p in found), found
    assert any(p.startswith(f"missing: {method} {name} ") for p in found), found

    changed = text.replace(
        "- Permission: View (`zope2.View`)",
        "- Permission: Modify portal content (`cmf.ModifyPortalContent`)",
        1,
    )
    found = new_problems(changed)
    assert len(found) == 1, found
    assert found[0].startswith("permission: "), found

    gone = text.rstrip("\n") + (
        "\n\n### GET @finns-inte\n- Context: site root (`IPloneSiteRoot`)\n"
        "- Permission: View (`zope2.View`)\n"
    )
    found = new_problems(gone)
    assert len(found) == 1, found
    assert found[0].startswith("extra: GET @finns-inte on `IPloneSiteRoot`"), found
