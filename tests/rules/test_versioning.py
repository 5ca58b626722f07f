"""Rules and answers keep their history, with diffs between versions."""

from plone import api

import pytest


@pytest.mark.parametrize("portal_type", ["solna.Rule", "solna.Answer"])
def test_history_with_diffs(organisation, portal_type):
    repository = api.portal.get_tool("portal_repository")
    with api.env.adopt_roles(["Manager"]):
        item = api.content.create(
            container=organisation["forvaltning"],
            type=portal_type,
            title="Semester",
            category="ledighet",
        )
        # The first version is saved when the item is created.
        first = repository.getHistoryMetadata(item).getLength(countPurged=False)
        assert first == 1
        item.title = "Semester och ledighet"
        repository.save(item, comment="Ny rubrik")
    history = repository.getHistoryMetadata(item)
    assert history.getLength(countPurged=False) == 2
    assert repository.isVersionable(item)
    assert repository.supportsPolicy(item, "at_edit_autoversion")
    diff = api.portal.get_tool("portal_diff").createChangeSet(
        repository.retrieve(item, 0).object,
        repository.retrieve(item, 1).object,
    )
    changed = [d.field for d in diff.getDiffs() if not d.same]
    assert "title" in changed
