"""What the directory (Hitta kontakt) and listings need from people and units,
in the catalog, so that no search wakes an object."""

from plone.indexer import indexer
from solna.intranet.members import normalized
from solna.intranet.organisation.content import IPerson
from solna.intranet.organisation.content import IUnit
from solna.intranet.organisation.managers import manager_userid
from solna.intranet.vocabularies import professions
from solna.intranet.vocabularies import title_of
from solna.intranet.vocabularies import unit_kinds


#: The language of what is indexed: the site's, whoever's request indexes.
INDEX_LANGUAGE = "sv"


@indexer(IPerson)
def person_searchable_text(obj):
    unit = obj.unit()
    return normalized(
        " ".join(
            part
            for part in (
                obj.first_name,
                obj.last_name,
                obj.job_title,
                title_of(professions, obj.profession, language=INDEX_LANGUAGE),
                unit.Title() if unit else "",
                obj.workplace,
                obj.ask_me_about,
                obj.email,
            )
            if part
        )
    )


@indexer(IUnit)
def unit_searchable_text(obj):
    return normalized(
        " ".join(
            part
            for part in (
                obj.Title(),
                obj.Description(),
                title_of(unit_kinds, obj.kind, language=INDEX_LANGUAGE),
                obj.visiting_address,
                obj.email,
            )
            if part
        )
    )


@indexer(IPerson)
def person_unit_title(obj):
    unit = obj.unit()
    return unit.Title() if unit else ""


@indexer(IPerson)
def person_sortable_title(obj):
    """People sort by last name, then first name."""
    return normalized(f"{obj.last_name or ''} {obj.first_name or ''}").strip().lower()


@indexer(IUnit)
def unit_manager(unit):
    """The manager's login, indexed: Chefens sida finds a manager's units."""
    return manager_userid(unit)
