"""The import graph of solna.intranet keeps its layers (README, "Layout").

Read from the source with ``ast`` (every import, also those inside
functions), so it needs no site:

- no cycles between modules;
- no import from a lower layer to a higher one: the shared base (top-level
  modules and ``browser/``) imports no capability, the organisation (the
  base model) no feature, a feature not the pages that compose features
  (``personal/``, ``manager/``);
- no module imports another capability's views (``views.py``): what other
  modules reuse lives in the capability's own modules.
"""

from pathlib import Path

import ast
import pytest


SRC = Path(__file__).resolve().parents[2] / "src"
PACKAGE = "solna.intranet"

#: Layer of each first-level name under solna.intranet; modules not listed
#: (the top-level modules such as members, mail, rest, dates) are the base.
LAYERS = {
    "browser": 0,
    "organisation": 1,
    "workflow": 2,
    "rules": 2,
    "news": 2,
    "review": 2,
    "forms": 2,
    "dialogue": 2,
    "security": 2,
    "login": 2,
    "push": 2,
    "crisis": 2,
    "search": 2,
    "stats": 2,
    "personal": 3,
    "manager": 3,
    "app": 3,
    # Solna's face (issue 18): the look, the navigation, the statement and
    # the light pages compose the pages and features above.
    "theme": 3,
    "navigation": 3,
    "accessibility": 3,
    "resources": 3,
    # Wiring and content: may import anything, nothing imports them.
    "setuphandlers": 9,
    "upgrades": 9,
    "demo": 9,
    "testing": 9,
}
NAMES = {0: "the shared base", 1: "the organisation", 2: "a feature", 3: "a page"}
#: Capabilities whose sub-packages are capabilities of their own (for the
#: views rule).
SPLIT = {"dialogue"}


def module_name(path):
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def modules():
    """{module name: path} of every module of the package."""
    root = SRC / PACKAGE.replace(".", "/")
    return {module_name(p): p for p in sorted(root.rglob("*.py"))}


def imports(name, path, known):
    """The package's modules that ``name`` imports (a package counts as its
    __init__; ``from x import y`` as x.y when that is a module)."""
    tree = ast.parse(path.read_text(), str(path))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            for alias in node.names:
                full = f"{target}.{alias.name}"
                found.add(full if full in known else target)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {t for t in found if t in known and t != name}


@pytest.fixture(scope="module")
def graph():
    known = modules()
    return {name: imports(name, path, known) for name, path in known.items()}


def first(name):
    """ "solna.intranet.news.views" → "news"; the package itself → ""."""
    rest = name.removeprefix(PACKAGE).lstrip(".")
    return rest.partition(".")[0]


def capability(name):
    """The capability a module belongs to: "news", or "dialogue.notices"
    for the sub-packages of a split capability."""
    parts = name.removeprefix(PACKAGE).lstrip(".").split(".")
    if parts[0] in SPLIT and len(parts) > 2:
        return ".".join(parts[:2])
    return parts[0]


def layer(name):
    return LAYERS.get(first(name), 0)


def test_the_graph_is_read(graph):
    """The walk finds the package and its imports (a guard for the rules
    below, which would pass on an empty graph)."""
    assert len(graph) > 100
    assert f"{PACKAGE}.mail" in graph[f"{PACKAGE}.workflow.notifications"]
    assert f"{PACKAGE}.organisation.tree" in graph[f"{PACKAGE}.news.readers"]


def cycles(graph):
    """The import cycles of ``graph`` ({module: {modules it imports}}), each
    as [a, b, ..., a]."""
    found, state, stack = [], {}, []

    def visit(node):
        state[node] = "open"
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == "open":
                found.append([*stack[stack.index(target) :], target])
            elif target not in state:
                visit(target)
        stack.pop()
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node)
    return found


def upward(graph):
    """The imports from a lower layer to a higher one."""
    return [
        f"{source} ({NAMES.get(layer(source), 'wiring')}) imports {target} "
        f"({NAMES.get(layer(target), 'wiring')})"
        for source, targets in graph.items()
        for target in targets
        if layer(target) > layer(source)
    ]


def foreign_views(graph):
    """The imports of another capability's views module."""
    return [
        f"{source} imports {target}"
        for source, targets in graph.items()
        for target in targets
        if target.rpartition(".")[2] == "views"
        and capability(target) != capability(source)
    ]


def test_no_cycles(graph):
    found = cycles(graph)
    assert not found, "import cycles:\n" + "\n".join(" → ".join(c) for c in found)


def test_no_import_from_a_lower_layer_upwards(graph):
    wrong = upward(graph)
    assert not wrong, "\n".join(wrong)


def test_no_capability_imports_another_capabilitys_views(graph):
    wrong = foreign_views(graph)
    assert not wrong, "\n".join(wrong)


def test_the_rules_catch_wrong_imports():
    """Each rule finds what it is there to find, in a made-up graph."""
    p = PACKAGE
    made_up = {
        f"{p}.members": {f"{p}.news.audience"},  # the base imports a feature
        f"{p}.organisation.views": {f"{p}.review.stale"},  # the model, a feature
        f"{p}.news.readers": {f"{p}.personal.feed"},  # a feature, a page
        f"{p}.personal.start": {f"{p}.organisation.views"},  # a foreign view
        f"{p}.dialogue.notices.notices": {f"{p}.dialogue.comments.views"},
        f"{p}.dialogue.comments.moderation": {f"{p}.dialogue.notices.notices"},
        f"{p}.news.audience": {f"{p}.news.readers"},
        f"{p}.personal.feed": {f"{p}.news.audience"},
        f"{p}.review.stale": set(),
        f"{p}.dialogue.comments.views": set(),
    }
    made_up[f"{p}.news.readers"].add(f"{p}.news.audience")
    # members → news, organisation → review, news → personal
    assert len(upward(made_up)) == 3
    # audience → readers → audience, and audience → readers → feed → audience
    assert sorted(len(c) for c in cycles(made_up)) == [3, 4]
    assert len(foreign_views(made_up)) == 2
    assert capability(f"{p}.dialogue.notices.views") == "dialogue.notices"
