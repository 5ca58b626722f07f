"""The accessibility statement page ("Tillgänglighetsredogörelse").

Created on install (``setup.install``) at ``/tillganglighetsredogorelse``
as a published Page that Webbredaktörer (Site Administrator) edit like any
page; creating it again changes nothing, so their edits stay.

Its sections follow DIGG's list of what a statement must contain
("Skapa en tillgänglighetsredogörelse", digg.se): the public body and the
service, conformance stated as *helt / delvis / inte förenlig*, the content
that is not accessible and why, content not covered by the law (9 §), a
claim of disproportionate burden (12 §) or none, how to report a barrier
(our form "Rapportera tillgänglighetsbrist"), DIGG's supervision with the
link to its report form, how the service was assessed, and the dates of the
assessment and of the last update (the install date; editors change them).
"""

from html import escape
from plone import api
from plone.app.textfield.value import RichTextValue
from solna.intranet import logger
from solna.intranet.forms.shipped import FOLDER_ID as FORMS_FOLDER

import datetime


STATEMENT_ID = "tillganglighetsredogorelse"
TITLE = "Tillgänglighetsredogörelse"
DESCRIPTION = (
    "Hur tillgängligt Solna stads intranät är, vad som ännu inte fungerar och "
    "hur du rapporterar en brist."
)
#: The shipped form for reporting a barrier (forms/shipped.py).
REPORT_FORM = "rapportera-tillganglighetsbrist"
#: DIGG's page for reporting a public body (its "anmälningsfunktion").
DIGG_REPORT_URL = "https://www.digg.se/tdosanmalan"
#: The headings of DIGG's structure, in the page's order (tests check them).
SECTIONS = (
    "Hur tillgängligt är intranätet?",
    "Vad kan du göra om du inte kan använda delar av intranätet?",
    "Rapportera brister i intranätets tillgänglighet",
    "Tillsyn",
    "Teknisk information om intranätets tillgänglighet",
    "Innehåll som inte är tillgängligt",
    "Hur vi testat intranätet",
)
MONTHS = (
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
)


def swedish_date(day):
    """``day`` (datetime.date) as Swedish prose: "30 november 2026"."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def statement_html(report_url, day, email=""):
    """The statement's text (HTML, str): ``report_url`` is the link to the
    report form (a ``resolveuid/...`` link or an address), ``day`` the date
    of the assessment and of the last update, ``email`` the site's address
    (for whom the form itself is a barrier; DIGG asks for more than one way
    to report)."""
    date = escape(swedish_date(day))
    report = escape(report_url)
    by_mail = (
        f' Om formuläret inte fungerar för dig, skicka e-post till <a href="mailto:'
        f'{escape(email)}">{escape(email)}</a>.'
        if email
        else ""
    )
    return f"""
<p>Solna stad står bakom Solna stads intranät. Vi vill att alla medarbetare
ska kunna använda intranätet, oavsett funktionsförmåga och oavsett om de
läser det på mobilen eller på datorn. Här beskriver vi hur intranätet
uppfyller lagen (2018:1937) om tillgänglighet till digital offentlig
service, vilka brister vi känner till och hur du rapporterar brister till
oss så att vi kan åtgärda dem.</p>

<h2>Hur tillgängligt är intranätet?</h2>
<p>Vi vet att delar av intranätet inte är helt tillgängliga. Vad som inte
fungerar står under <em>Innehåll som inte är tillgängligt</em> längre ner
på sidan.</p>

<h2>Vad kan du göra om du inte kan använda delar av intranätet?</h2>
<p>Om du behöver innehåll från intranätet i ett annat format, till exempel
ett dokument som text i stället för PDF, eller hjälp att göra något du inte
kan göra själv på intranätet, kontakta intranätsredaktionen genom
formuläret <a href="{report}">Rapportera tillgänglighetsbrist</a> eller be
din chef om hjälp.</p>

<h2>Rapportera brister i intranätets tillgänglighet</h2>
<p>Vi arbetar hela tiden med att göra intranätet mer tillgängligt. Om du
upptäcker något som inte fungerar för dig, eller om du tycker att vi inte
uppfyller lagens krav, berätta det i formuläret
<a href="{report}">Rapportera tillgänglighetsbrist</a>. Skriv var på
intranätet bristen finns och vad som hände. Ditt ärende hamnar hos
kommunikatörerna som ansvarar för intranätet, och du följer det under
Mina ärenden.{by_mail}</p>

<h2>Tillsyn</h2>
<p>Myndigheten för digital förvaltning (Digg) har ansvar för tillsyn av
lagen om tillgänglighet till digital offentlig service. Om du inte är nöjd
med hur vi tar hand om dina synpunkter kan du
<a href="{DIGG_REPORT_URL}">anmäla det till Digg</a>
(<a href="https://www.digg.se">digg.se</a>).</p>

<h2>Teknisk information om intranätets tillgänglighet</h2>
<p>Intranätet är <strong>delvis förenligt</strong> med lagen om
tillgänglighet till digital offentlig service, på grund av de brister som
beskrivs nedan. Kraven är de i standarden EN 301 549, som bygger på WCAG
2.1 nivå AA.</p>

<h3>Innehåll som inte är tillgängligt</h3>
<p>Det innehåll som beskrivs nedan är på ett eller annat sätt inte helt
tillgängligt.</p>
<h4>Bristande förenlighet med lagkraven</h4>
<ul>
  <li><strong>Dokument som redaktörer laddar upp.</strong> PDF-filer,
  Word- och Excel-dokument som läggs upp på intranätet kontrolleras inte
  automatiskt. De kan sakna rubriker, textalternativ till bilder eller en
  läsordning som fungerar med skärmläsare (WCAG 1.1.1, 1.3.1, 2.4.2).
  Redaktörerna ska i första hand publicera innehållet som en sida.</li>
  <li><strong>Bilder utan textalternativ.</strong> En bild som en redaktör
  lägger in får ett textalternativ bara om redaktören skriver ett (WCAG
  1.1.1).</li>
  <li><strong>Textredigerarens dialogrutor.</strong> Redigeringsverktyget
  (TinyMCE) och dess dialogrutor, till exempel för att infoga länkar och
  bilder, kommer från en extern leverantör. Vi testar redigeringssidorna
  automatiskt, men dialogrutorna är inte granskade fullt ut med tangentbord
  och skärmläsare (WCAG 2.1.1, 4.1.2).</li>
  <li><strong>Video och ljud.</strong> Filmer och ljud som publiceras på
  intranätet kan sakna undertexter eller syntolkning (WCAG 1.2.2,
  1.2.5).</li>
</ul>
<h4>Oskäligt betungande anpassning</h4>
<p>Vi åberopar inte undantaget för oskäligt betungande anpassning (12 §)
för något innehåll.</p>
<h4>Innehåll som inte omfattas av lagkraven</h4>
<p>Innehåll från tredje part som vi varken finansierar, utvecklar eller
kontrollerar, till exempel andra system och webbplatser som intranätet
länkar till, omfattas inte av lagen (9 §). Deras tillgänglighet redovisas
av den som ansvarar för dem.</p>

<h2>Hur vi testat intranätet</h2>
<p>Vi har gjort en självskattning (intern testning) av intranätet.
Intranätets testsvit kontrollerar varje sidtyp, för medarbetare och för
redaktörer, automatiskt med verktyget axe-core mot WCAG 2.0 och 2.1 nivå A
och AA, i mobilbredd (390 pixlar) och datorbredd (1 280 pixlar). Dessutom
har vi testat manuellt med tangentbord och skärmläsare: synligt fokus,
länken Till huvudinnehållet, landmärken, statusmeddelanden och felmeddelanden
i formulär.</p>
<p>Senaste bedömningen gjordes den {date}.</p>
<p>Redogörelsen uppdaterades senast den {date}.</p>
""".strip()


def report_form_url(portal):
    """The link to the shipped form "Rapportera tillgänglighetsbrist": a
    ``resolveuid/<uid>`` link (Plone's output filter turns it into the form's
    address, wherever it is moved) or its address when it is missing."""
    folder = portal.get(FORMS_FOLDER)
    form = folder.get(REPORT_FORM) if folder is not None else None
    if form is None:
        return f"{portal.absolute_url()}/{FORMS_FOLDER}/{REPORT_FORM}"
    return f"resolveuid/{api.content.get_uuid(form)}"


def create_statement(portal, day=None):
    """Create the published statement at ``/tillganglighetsredogorelse``
    unless it exists (its editors' changes stay); ``day`` (datetime.date,
    default today) fills in the dates. Returns the page."""
    page = portal.get(STATEMENT_ID)
    if page is not None:
        return page
    day = day or datetime.date.today()
    with api.env.adopt_roles(["Manager"]):
        page = api.content.create(
            container=portal,
            type="Document",
            id=STATEMENT_ID,
            title=TITLE,
            description=DESCRIPTION,
            exclude_from_nav=True,
        )
        page.text = RichTextValue(
            statement_html(
                report_form_url(portal),
                day,
                api.portal.get_registry_record("plone.email_from_address", default="")
                or "",
            ),
            "text/html",
            "text/x-html-safe",
        )
        api.content.transition(page, to_state="published")
        page.reindexObject()
    logger.info("Accessibility statement %s created", STATEMENT_ID)
    return page


def statement_url(portal=None):
    """The statement's address (str)."""
    portal = portal or api.portal.get()
    return f"{portal.absolute_url()}/{STATEMENT_ID}"
