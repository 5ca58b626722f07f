"""Every cell of docs/permissions.md, checked against the running site.

The tables in the document are the specification: this test reads them, so
the document and the site cannot drift apart. One item per type and state is
built once for the class; each cell is one test."""

from pathlib import Path
from tests.fixtures.matrix import ACTIONS
from tests.fixtures.matrix import actions_of
from tests.fixtures.matrix import ADD
from tests.fixtures.matrix import build_items
from tests.fixtures.matrix import may_add
from tests.fixtures.matrix import ROLES
from tests.fixtures.matrix import TYPES

import pytest
import re


DOC = Path(__file__).parents[2] / "docs" / "permissions.md"


def read_tables(text):
    """{(type heading, role, column): set of letters}, from the ### tables."""
    cells = {}
    for section in re.split(r"^### ", text, flags=re.MULTILINE)[1:]:
        heading = section.split(" (", 1)[0].strip()
        rows = [
            [c.strip() for c in line.strip().strip("|").split("|")]
            for line in section.splitlines()
            if line.startswith("|") and not line.startswith("|---")
        ]
        columns = rows[0][1:]
        for row in rows[1:]:
            role, values = row[0], row[1:]
            for column, value in zip(columns, values, strict=True):
                cells[heading, role, column] = set(value.split()) - {"–"}
    return cells


CELLS = read_tables(DOC.read_text())


def test_the_document_covers_every_type_and_role():
    assert {t for t, _r, _c in CELLS} == set(TYPES)
    for heading in TYPES:
        assert {r for t, r, _c in CELLS if t == heading} == set(ROLES)
    letters = set().union(*CELLS.values())
    assert letters <= {*ACTIONS, "+"}


class TestPermissionMatrix:
    @pytest.fixture(scope="class")
    def world(self, portal_class):
        return build_items(portal_class)

    @pytest.mark.parametrize(
        ("heading", "role", "column"),
        sorted(CELLS),
        ids=[f"{t}-{r}-{c}" for t, r, c in sorted(CELLS)],
    )
    def test_cell(self, world, portal_class, heading, role, column):
        items, places = world
        login = ROLES[role]
        portal_type, place, _author, _fields = TYPES[heading]
        if column == ADD:
            actual = {"+"} if may_add(login, portal_type, places[place]) else set()
        else:
            actual = actions_of(login, items[heading, column], portal_class.REQUEST)
        assert actual == CELLS[heading, role, column]
