"""Load the demo content and demo accounts (profile solna.intranet:demo)."""

from plone import api
from plone.app.textfield.value import RichTextValue
from plone.i18n.normalizer.interfaces import IIDNormalizer
from solna.intranet import logger
from solna.intranet.crisis.state import end
from solna.intranet.crisis.state import is_crisis
from solna.intranet.demo.accounts import DEMO_ACCOUNTS
from solna.intranet.demo.generator import plan
from solna.intranet.demo.generator import SIZES
from solna.intranet.demo.loader import create_accounts
from solna.intranet.demo.loader import load_plan
from solna.intranet.forms.cases import CaseStore
from solna.intranet.forms.shipped import FOLDER_ID
from solna.intranet.push.queue import drop_waiting
from solna.intranet.site import SITE_DESCRIPTION
from zope.component import queryUtility

import datetime


WELCOME = """
<p>Här hittar du nyheter, kontaktuppgifter, svar om anställningsvillkor och
blanketter, och här kan du dela erfarenheter med kollegor i hela Solna stad.</p>
<p>Intranätet fungerar i din egen mobil, också utanför kommunens nätverk.</p>
"""

#: News that answer what staff search for most (issue 20's test collection,
#: tests/search/collection.py, finds them).
SEARCH_NEWS = (
    {
        "type": "News Item",
        "id": "semesterplaneringen-2027",
        "title": "Semesterplaneringen 2027: lämna dina önskemål senast 31 mars",
        "description": (
            "Förskolorna har sommarstängt vecka 28–31. Prata med din chef om "
            "vilka veckor du vill ha semester."
        ),
        "audience_all": True,
        "text": (
            "<p>Alla medarbetare har rätt till fyra veckors sammanhängande "
            "semesterledighet under sommaren. Önskemålen samlas in av din "
            "chef, som lämnar besked senast den 15 april.</p>"
        ),
    },
    {
        "type": "News Item",
        "id": "sjukanmalan-och-vab-i-mobilen",
        "title": "Sjukanmälan och vab-anmälan i mobilen från 1 januari",
        "description": (
            "Nu registrerar du din egen sjukfrånvaro och vård av barn direkt "
            "i självservice-appen."
        ),
        "audience_all": True,
        "text": (
            "<p>Ring fortfarande din chef före arbetspassets början, så att "
            "verksamheten hinner ta in en vikarie. Registreringen i appen "
            "ersätter pappersblanketten.</p>"
        ),
    },
    {
        "type": "News Item",
        "id": "friskvardsbidraget-hojs",
        "title": "Friskvårdsbidraget höjs till 3 000 kronor",
        "description": (
            "Från den 1 januari 2027 får alla medarbetare upp till 3 000 "
            "kronor per år för motion och friskvård."
        ),
        "audience_all": True,
        "text": (
            "<p>Bidraget gäller till exempel gymkort, simhall, yoga och "
            "massage. Spara kvittot och begär ersättning i självservice.</p>"
        ),
    },
    {
        "type": "News Item",
        "id": "nya-utegardar-pa-forskolorna",
        "title": "Förskolorna i norra Solna får nya utegårdar",
        "description": (
            "Solgläntan, Regnbågen och Ekorren är först ut när gårdarna byggs "
            "om under våren."
        ),
        "audience_all": False,
        "audience_professions": ["forskollarare", "barnskotare"],
        "text": (
            "<p>Under ombyggnaden är barnen ute på Ekbackens gård. "
            "Förskollärarna planerar utevistelsen tillsammans.</p>"
        ),
    },
    {
        "type": "News Item",
        "id": "valj-hur-du-tar-ut-atk",
        "title": "Dags att välja hur du tar ut din arbetstidsförkortning",
        "description": (
            "Senast den 31 oktober väljer du om timmarna på ditt "
            "arbetstidskonto ska bli ledig tid, lön eller pension."
        ),
        "audience_all": True,
        "text": (
            "<p>Gör ditt val i självservice. Väljer du inget betalas timmarna "
            "ut som lön i december.</p>"
        ),
    },
    {
        "type": "News Item",
        "id": "nya-regler-for-visstidsanstallda",
        "title": "Nya regler för visstidsanställda",
        "description": (
            "Lagen om anställningsskydd har ändrats: särskild "
            "visstidsanställning ersätter allmän visstidsanställning."
        ),
        "audience_all": True,
        "text": (
            "<p>Ändringen påverkar vikarier i förskolan, skolan och omsorgen. "
            "HR följer upp när en anställning övergår i "
            "tillsvidareanställning.</p>"
        ),
    },
    {
        "type": "News Item",
        "id": "studiedag-forskolorna-14-oktober",
        "title": "Studiedag för förskolorna den 14 oktober",
        "description": (
            "Alla förskolor är stängda för planering och kompetensutveckling. "
            "Informera vårdnadshavarna i god tid."
        ),
        "audience_all": False,
        "audience_professions": ["forskollarare", "barnskotare"],
        "text": (
            "<p>Dagen börjar med en gemensam föreläsning om språkutveckling "
            "för alla förskollärare och barnskötare.</p>"
        ),
    },
)

CONTENT = (
    {
        "type": "Document",
        "id": "om-intranatet",
        "title": "Om intranätet",
        "description": "Vad Solna intranät är till för och vem som ansvarar för det.",
        "text": (
            "<p>Solna intranät är stadens gemensamma arbetsplats för alla "
            "medarbetare. Kommunikationsenheten ansvarar för intranätet; "
            "varje enhet ansvarar för sina egna sidor.</p>"
        ),
    },
    {
        "type": "Folder",
        "id": "nyheter",
        "title": "Nyheter",
        "description": "Nyheter från Solna stad och dina enheter.",
        "children": (
            {
                "type": "News Item",
                "id": "nytt-intranat-for-alla-medarbetare",
                "title": "Nytt intranät för alla medarbetare",
                "description": "Nu når du intranätet från din egen mobil.",
                "text": (
                    "<p>Från och med i dag kan alla medarbetare logga in på "
                    "intranätet från sin egen telefon. Logga in med ditt "
                    "vanliga användarnamn.</p>"
                ),
            },
            {
                "type": "News Item",
                "id": "vattenlacka-solglantan",
                "title": "Vattenläcka: Solgläntans förskola stängd i dag",
                "description": "Barnen tas emot på Ekbackens förskola till kl. 17.",
                "priority": "kris",
                "text": (
                    "<p>En vattenledning har gått sönder i Solgläntans kök. "
                    "Förskolan är stängd i dag. Personalen samlas på Ekbacken "
                    "kl. 7.30.</p>"
                ),
            },
            {
                "type": "News Item",
                "id": "lonerevision-2027",
                "title": "Lönerevision 2027 har startat",
                "description": "Lönesamtalen ska vara klara den 15 mars.",
                "text": (
                    "<p>Din chef bokar lönesamtal med dig under februari. "
                    "Den nya lönen betalas ut i april.</p>"
                ),
            },
            *SEARCH_NEWS,
        ),
    },
    {
        "type": "Document",
        "id": "ny-i-forskolan",
        "title": "Ny i förskolan",
        "description": (
            "Till dig som börjar arbeta på någon av Solnas förskolor: "
            "introduktion, schema, sjukanmälan och vem du frågar."
        ),
        "text": (
            "<p>Välkommen till stadens förskolor! Första veckan går du "
            "bredvid en erfaren förskollärare eller barnskötare på din "
            "avdelning.</p>"
            "<p>Är du sjuk eller behöver vara hemma för vård av barn (vab) "
            "ringer du din chef före kl. 6.30. Frågor om lön, semester och "
            "ledighet ställer du till HR via Fråga HR.</p>"
        ),
    },
)


def _create(container, items):
    for data in items:
        data = dict(data)
        children = data.pop("children", ())
        text = data.pop("text", None)
        obj = container.get(data["id"])
        if obj is None:
            obj = api.content.create(container=container, safe_id=False, **data)
            if text:
                obj.text = RichTextValue(text, "text/html", "text/x-html-safe")
            if is_crisis(obj):
                # Ended before it is published: history, never mailed.
                end(obj, "erik.sandberg")
            api.content.transition(obj, to_state="published")
            obj.reindexObject()
        _create(obj, children)


#: HR's section: its groups write and review there (its sharing tab).
HR_SECTION_ROLES = {
    "hr-redaktorer": ["Contributor", "Editor"],
    "hr-granskare": ["Reviewer"],
}


def _by_title(portal, portal_type, title):
    brains = api.content.find(context=portal, portal_type=portal_type, Title=title)
    return brains[0].getObject() if brains else None


def _workflow_examples(portal):
    """Give HR its section, and put something in each reviewer's queue: a
    news item Lina (Redaktör at Solgläntan) sent to Johan, her manager."""
    hr = _by_title(portal, "solna.Unit", "HR-avdelningen")
    for group, roles in HR_SECTION_ROLES.items():
        api.group.grant_roles(groupname=group, roles=roles, obj=hr)
    solglantan = _by_title(portal, "solna.Unit", "Solgläntan")
    if "hostens-foraldramoten" in solglantan:
        return
    with api.env.adopt_user(username="lina.ahmed"):
        news = api.content.create(
            container=solglantan,
            type="News Item",
            id="hostens-foraldramoten",
            title="Höstens föräldramöten",
            description="Föräldramötena hålls vecka 38 på varje avdelning.",
            audience_units=[api.content.get_uuid(solglantan)],
        )
        news.text = RichTextValue(
            "<p>Vi bjuder in alla föräldrar till möte på avdelningen. "
            "Anmälan sker till avdelningens pedagoger.</p>",
            "text/html",
            "text/x-html-safe",
        )
        api.content.transition(news, transition="submit")


def _form_examples(portal):
    """Anna has asked HR a question (being handled, with a note) and applied
    for leave (received): Mina ärenden and Sofia's case lists show them."""
    forms = portal.get(FOLDER_ID)
    if forms is None or len(CaseStore(forms["fraga-hr"])):
        return
    question, _new = CaseStore(forms["fraga-hr"]).submit(
        "anna.lindqvist",
        {
            "namn": "Anna Lindqvist",
            "epost": "anna.lindqvist@solna.example",
            "amne": "Arbetstid och schema",
            "fraga": "Hur räknas planeringstid när jag jobbar deltid?",
        },
    )
    question.set_status(
        "under-handlaggning",
        "Jag kollar med din chef och återkommer i veckan.",
        "sofia.lund",
    )
    CaseStore(forms["ledighetsansokan"]).submit(
        "anna.lindqvist",
        {
            "namn": "Anna Lindqvist",
            "enhet": "Solgläntan",
            "epost": "anna.lindqvist@solna.example",
            "typ": "Semester",
            "start_date": datetime.date(2027, 7, 5),
            "end_date": datetime.date(2027, 7, 30),
        },
    )


COMMUNITIES = (
    (
        "forskollarare-i-solna",
        "Förskollärare i Solna",
        "Erfarenhetsutbyte mellan stadens förskollärare: pedagogik, "
        "dokumentation och utemiljö.",
        None,
        ["anna.lindqvist"],
        ["lina.ahmed"],
        (
            "Utomhuspedagogik när det regnar",
            "Hur gör ni med utevistelsen när det regnar hela veckan? Vi har "
            "provat regnkläder-stationer vid entrén.",
        ),
    ),
    (
        "fritidsledare",
        "Fritidsledare",
        "För fritidsledare på stadens fritidsgårdar och fritidshem.",
        None,
        [],
        ["erik.sandberg"],
        (
            "Lovaktiviteter i februari",
            "Vad planerar ni för sportlovet? Dela gärna schema och tips.",
        ),
    ),
    (
        "chefsnatverket",
        "Chefsnätverket",
        "För stadens chefer: stöd, frågor och erfarenheter.",
        "close",
        [],
        ["johan.ek"],
        (
            "Introduktion av nyanställda",
            "Vilken checklista använder ni första veckan?",
        ),
    ),
)


def _community_examples(portal):
    """Three communities in Nätverk, each with a first discussion."""
    folder = portal.get("natverk")
    if folder is None:
        return
    for id, title, description, transition, members, moderators, topic in COMMUNITIES:
        if id in folder:
            continue
        community = api.content.create(
            container=folder,
            type="solna.Community",
            id=id,
            title=title,
            description=description,
            members=members,
            moderators=moderators,
        )
        if transition:
            api.content.transition(community, transition=transition)
        with api.env.adopt_user(username=moderators[0]):
            api.content.create(
                container=community,
                type="solna.Topic",
                # An id of its own: no rename after creation (which logs a
                # harmless "uncatalogObject" error in the catalog's queue).
                id=queryUtility(IIDNormalizer).normalize(topic[0]),
                title=topic[0],
                text=topic[1],
            )


def _start_page_examples(portal):
    """Mitt intranät and Chefens sida with something in them: Johan asks
    Solgläntan to read the new routine by next week; Anna has read it (Lina
    has not), and keeps two favourites."""
    from solna.intranet.news import confirmations
    from solna.intranet.personal import favorites

    solglantan = _by_title(portal, "solna.Unit", "Solgläntan")
    if solglantan is None or "ny-rutin-hamtning-och-lamning" in solglantan:
        return
    with api.env.adopt_user(username="johan.ek"):
        news = api.content.create(
            container=solglantan,
            type="News Item",
            id="ny-rutin-hamtning-och-lamning",
            title="Ny rutin för hämtning och lämning",
            description="Läs rutinen och bekräfta att du har läst den.",
            audience_all=False,
            audience_units=[api.content.get_uuid(solglantan)],
            must_read=True,
            must_read_deadline=datetime.date.today() + datetime.timedelta(days=7),
        )
        news.text = RichTextValue(
            "<p>Från och med måndag tar vi emot barnen vid grinden mot "
            "Skogsvägen. Den som lämnar eller hämtar ett barn skriver in tiden "
            "på listan i hallen.</p>",
            "text/html",
            "text/x-html-safe",
        )
        api.content.transition(news, transition="publish")
    confirmations.confirm(api.content.get_uuid(news), "anna.lindqvist")
    for obj in (solglantan, portal.get(FOLDER_ID, {}).get("ledighetsansokan")):
        if obj is not None:
            favorites.add("anna.lindqvist", api.content.get_uuid(obj))


def _end_demo_crisis(portal):
    """The demo's crisis (the water leak) is history: ended by Erik
    Sandberg (Krisledning), so no banner covers every page of every demo
    account; the item shows when and by whom it was ended. A crisis to try
    is raised in Krisinformation."""
    item = portal.get("nyheter", {}).get("vattenlacka-solglantan")
    if item is not None and is_crisis(item):
        end(item, "erik.sandberg")


def load_demo(context):
    """Create the demo accounts and the fictional Swedish demo content.

    Running it again creates nothing twice.
    """
    portal = api.portal.get()
    create_accounts()
    portal.description = SITE_DESCRIPTION
    portal.text = RichTextValue(WELCOME, "text/html", "text/x-html-safe")
    _create(portal, CONTENT)
    portal.reindexObject()
    created = load_plan(portal, plan(SIZES["demo"]))
    _workflow_examples(portal)
    _form_examples(portal)
    _community_examples(portal)
    _start_page_examples(portal)
    _end_demo_crisis(portal)
    # The demo's news is history on a new site: no push backlog for the
    # first phones that turn notifications on.
    drop_waiting()
    logger.info(
        "Demo content (%d items) and %d demo accounts loaded",
        created,
        len(DEMO_ACCOUNTS),
    )
