"""The directory search (Hitta kontakt), shared by the page and the REST
service: catalog only, with the phone numbers from catalog metadata; when
nothing is found, "Menade du …?" with Sök's correction among the people and
units the member may see (``suggestion``)."""

from plone import api
from solna.intranet.interfaces import ISpellingCorrector
from solna.intranet.members import normalized
from zope.component import queryUtility

import re


def _searchable(text):
    """Each word as itself or as a prefix: "lin förs" finds "Lindqvist,
    förskollärare". As itself, the index's analysis finds the word's other
    forms ("Lisa" the stem "lis"); as a prefix, the index's words that begin
    so, as typed."""
    words = re.findall(r"\w+", normalized(text), flags=re.UNICODE)
    return " AND ".join(f'("{word}" OR {word}*)' for word in words if len(word) > 1)


#: What Hitta kontakt finds.
DIRECTORY_TYPES = ("solna.Person", "solna.Unit")
#: What a suggestion reads of what was typed (as Sök).
MAX_TEXT = 200


def search_directory(text="", profession="", limit=50):
    """Catalog brains of the people and units matching ``text`` (each word
    as a prefix, in NFC) and ``profession`` (an id; people only), people
    first, each group by title, at most ``limit``; [] when neither is
    given. Protected identities are not in the results of anyone who may
    not see them: the catalog filters by permission."""
    query = {"portal_type": list(DIRECTORY_TYPES)}
    searchable = _searchable(text)
    if searchable:
        query["SearchableText"] = searchable
    if profession:
        query["profession"] = profession
        query["portal_type"] = "solna.Person"
    if not searchable and not profession:
        return []
    brains = api.content.find(sort_on="sortable_title", **query)[:limit]
    return sorted(brains, key=lambda b: b.portal_type != "solna.Person")


def suggestion(text, profession=""):
    """ "Menade du …?" for a ``text`` that found no one: Sök's correction
    (the ``ISpellingCorrector`` utility: search.engine.did_you_mean) among
    the people and units the current
    user may see, each corrected word as the names write it ("lindkvist" →
    "Lindqvist"); None when nothing is corrected or the correction finds no
    one either (with ``profession`` too)."""
    corrector = queryUtility(ISpellingCorrector)
    text = normalized(text or "").strip()[:MAX_TEXT]
    if corrector is None or not _searchable(text):
        return None
    corrected = corrector(text, portal_types=DIRECTORY_TYPES)
    if not corrected or corrected.casefold() == text.casefold():
        return None
    found = search_directory(corrected, profession, limit=10)
    if not found:
        return None
    spelled = {}
    for brain in found:
        for word in re.findall(r"\w+", brain.Title or ""):
            spelled.setdefault(word.casefold(), word)
    return " ".join(spelled.get(word.casefold(), word) for word in corrected.split())


def serialize(brain):
    """A result as the REST API (@hitta-kontakt) and the page see it:
    {"@id", "@type": "solna.Person" or "solna.Unit", "title", "job_title",
    "profession": id, "unit": the person's unit title, "phone", "mobile",
    "email"} (missing values as ""). From catalog metadata only."""
    return {
        "@id": brain.getURL(),
        "@type": brain.portal_type,
        "title": brain.Title,
        "job_title": brain.job_title or "",
        "profession": brain.profession or "",
        "unit": brain.unit_title or "",
        "phone": brain.phone or "",
        "mobile": brain.mobile or "",
        "email": brain.email or "",
    }


def tel(number):
    """A tel: link target: digits and a leading +, as phones dial them."""
    return "tel:" + re.sub(r"[^\d+]", "", number or "")
