"""The forms the profile ships, in "Blanketter och e-tjänster", each made
from a field model file in ``models/`` and the one action "Spara som ärende".

Creating them again changes nothing: a form that exists (perhaps changed by
its editors since) is left as it is.
"""

from dataclasses import dataclass
from pathlib import Path
from plone import api
from solna.intranet import logger
from solna.intranet.members import member


MODELS = Path(__file__).parent / "models"
FOLDER_ID = "blanketter"
FOLDER_TITLE = "Blanketter och e-tjänster"
FOLDER_DESCRIPTION = (
    "Ansök, anmäl, beställ och fråga. Du får ett kvitto via e-post och följer "
    "ditt ärende under Mina ärenden."
)


@dataclass(frozen=True)
class ShippedForm:
    id: str
    title: str
    description: str
    handlers: tuple[str, ...]
    retention_days: int
    thanks: str = "Du får ett kvitto via e-post och följer ärendet under Mina ärenden."


FORMS = (
    ShippedForm(
        "ledighetsansokan",
        "Ledighetsansökan",
        "Ansök om semester, kompensationsledighet, föräldraledighet eller "
        "tjänstledighet.",
        ("hr-handlaggare",),
        730,
    ),
    ShippedForm(
        "tillbud-och-arbetsskada",
        "Tillbud och arbetsskada",
        "Anmäl ett tillbud, en olycka, hot eller våld, eller en arbetssjukdom. "
        "Ring 112 vid akut fara.",
        ("arbetsmiljo",),
        3650,  # arbetsskador may need to be shown long afterwards
    ),
    ShippedForm(
        "andring-av-personuppgifter",
        "Ändring av personuppgifter",
        "Ny adress, nytt telefonnummer eller ny närmast anhörig.",
        ("hr-handlaggare",),
        365,
    ),
    ShippedForm(
        "bestallning-av-it",
        "Beställning av IT-utrustning och behörigheter",
        "Dator, mobil, surfplatta, tillbehör eller behörighet till ett system. "
        "Din chef ska ha godkänt beställningen.",
        ("it-service",),
        365,
    ),
    ShippedForm(
        "forslag-och-ideer",
        "Förslag och idéer",
        "Har du en idé som gör arbetet bättre för oss eller för dem vi finns "
        "till för? Berätta!",
        ("formularhandlaggare",),
        730,
        "Tack för ditt förslag! Du ser vad som händer med det under Mina ärenden.",
    ),
    ShippedForm(
        "fraga-hr",
        "Fråga HR",
        "Frågor om lön, ledighet, arbetstid, pension eller rehabilitering.",
        ("hr-handlaggare",),
        365,
    ),
    ShippedForm(
        "rapportera-tillganglighetsbrist",
        "Rapportera tillgänglighetsbrist",
        "Något på intranätet som du inte kan läsa, nå eller använda? Berätta "
        "så rättar vi det.",
        ("granskare",),
        365,
    ),
)


def model(name):
    return (MODELS / name).read_text(encoding="utf-8")


def unsigned(obj):
    """Drop the creators of ``obj`` who are not members of the site: the
    Zope administrator who installed the site wrote none of it, and "av
    admin" under every form in Blanketter (and in its listing) said nothing
    to staff (issue 18). An editor who later changes the form is added as
    its creator by Plone, and named. Reindexes the creator indexes when it
    changes anything; returns True then."""
    creators = obj.listCreators()
    kept = tuple(c for c in creators if member(c) is not None)
    if kept == tuple(creators):
        return False
    obj.setCreators(kept)
    obj.reindexObject(idxs=["Creator", "listCreators"])
    return True


def create_forms():
    """Create the folder and the forms that are missing, published, signed
    by no one (``unsigned``)."""
    portal = api.portal.get()
    folder = portal.get(FOLDER_ID)
    if folder is None:
        folder = api.content.create(
            container=portal,
            type="Folder",
            id=FOLDER_ID,
            title=FOLDER_TITLE,
            description=FOLDER_DESCRIPTION,
        )
        api.content.transition(folder, to_state="published")
    actions = model("actions.xml")
    for shipped in FORMS:
        if shipped.id in folder:
            continue
        form = api.content.create(
            container=folder,
            type="EasyForm",
            id=shipped.id,
            title=shipped.title,
            description=shipped.description,
            fields_model=model(f"{shipped.id}.xml"),
            actions_model=actions,
            handler_groups=list(shipped.handlers),
            retention_days=shipped.retention_days,
            thankstitle="Tack, vi har tagit emot det du skickade",
            thanksdescription=shipped.thanks,
            submitLabel="Skicka",
        )
        api.content.transition(form, to_state="published")
        unsigned(form)
        logger.info("Form %s created", shipped.id)
    # Last: adding a form signs the folder with the one who added it.
    unsigned(folder)
    return folder
