"""History's compare page (Jämför): its stylesheet is CSS (CMFEditions
answered it as text/plain, which a browser refuses with nosniff: issue 18's
third trial), and each difference reads as an editor expects: the field's
label, values as the site writes them ("Prioritet: Normal → Viktig", not
"None → Crisis" or "1969/12/31 00:00:00 UTC"), see workflow/diffs.py."""

from DateTime import DateTime
from lxml import html
from plone import api
from plone.app.textfield.value import RichTextValue
from tests.fixtures.english import english_in
from tests.fixtures.http import browser
from tests.fixtures.http import get
from tests.fixtures.staff import create_as

import datetime
import re
import transaction


def test_the_compare_pages_stylesheet_is_css(organisation_site):
    answer = get(f"{organisation_site}/compare.css")
    assert answer.status_code == 200
    assert answer.headers["Content-Type"].startswith("text/css")
    assert answer.headers["X-Content-Type-Options"] == "nosniff"
    assert "#diff-legend" in answer.text


def save(obj, login, comment, **changes):
    """Change ``obj`` and save a revision of it as ``login`` does; its
    version id (a str)."""
    repository = api.portal.get_tool("portal_repository")
    with api.env.adopt_user(username=login):
        for name, value in changes.items():
            if name == "effective":
                obj.setEffectiveDate(value)
            else:
                setattr(obj, name, value)
        obj.notifyModified()
        repository.save(obj, comment=comment)
    history = repository.getHistoryMetadata(obj)
    last = history.getLength(countPurged=False) - 1
    return str(history.getVersionId(last, countPurged=False))


def differences(login, obj, two, one):
    """{label: (first revision, second revision)} as the compare page shows
    them to ``login``, and the texts of its main area."""
    answer = browser(login).get(f"{obj.absolute_url()}/@@history?one={one}&two={two}")
    assert answer.status_code == 200, answer.status_code
    page = html.fromstring(answer.text)
    found = {}
    for fieldset in page.xpath("//*[@id='content-core']//fieldset[.//dl]"):
        (legend,) = fieldset.xpath("./legend")
        sides = [" ".join(dd.text_content().split()) for dd in fieldset.xpath(".//dd")]
        found[legend.text_content().strip()] = tuple(sides)
    (main,) = page.xpath("//main")
    for junk in main.xpath(".//script | .//*[@hidden]"):
        junk.drop_tree()
    texts = [t.strip() for t in main.itertext() if t.strip()]
    return found, texts


def test_a_news_items_differences_read_in_swedish(site):
    """A news item whose second revision changed its priority, publishing
    date, audience and must-read: each named by its label, the values as
    the edit form and the site write them, in Swedish."""
    item = create_as(
        "red.a",
        site["a"],
        "News Item",
        "Utflykt till Igelbäcken",
        priority="normal",
        audience_units=[site["a"].UID()],
        audience_professions=[],
        must_read=False,
    )
    first = save(item, "red.a", "Första")
    second = save(
        item,
        "red.a",
        "Andra",
        priority="viktig",
        effective=DateTime("2026-12-01T14:49:00+01:00"),
        audience_units=[site["b"].UID()],
        audience_professions=["forskollarare"],
        must_read=True,
    )
    transaction.commit()

    found, texts = differences("red.a", item, first, second)
    assert found == {
        "Prioritet": ("Normal", "Viktig"),
        "Publiceringsdatum": ("(tomt)", "1 dec. 2026 kl. 14.49"),
        "Enheter": (
            "Barn och utbildning › Solgläntan",
            "Barn och utbildning › Ekbacken",
        ),
        "Yrkesgrupper": ("(tomt)", "Förskollärare"),
        "Måste läsas": ("Nej", "Ja"),
    }, found
    shown = "\n".join(texts)
    for raw in ("None", "True", "False", "UTC", "1969", "priority", "audience"):
        assert raw not in shown, raw
    assert not re.search(r"[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}", shown), shown
    assert english_in(texts) == []
    # The revisions are named in the columns as in the selector.
    page = html.fromstring(
        browser("red.a")
        .get(f"{item.absolute_url()}/@@history?one={second}&two={first}")
        .text
    )
    assert [dt.text_content().strip() for dt in page.xpath("(//dl)[1]/dt")] == [
        "Första revisionen",
        "Andra revisionen",
    ]
    # Only a text offers "som kod": none changed here.
    assert not page.xpath("//*[@id='diffTypeSelector']")


def test_a_communicators_change_a_redaktor_may_not_make_is_shown(site):
    """Alla medarbetare is the communicators' to change, not the unit's
    Redaktör's: her compare page still shows that it changed (the fields
    she may read, not only those she may change)."""
    item = create_as("red.a", site["a"], "News Item", "Sommarfest", audience_all=False)
    first = save(item, "red.a", "Första")
    second = save(item, "kommunikator", "Till alla", audience_all=True)
    transaction.commit()
    found, _texts = differences("red.a", item, first, second)
    assert found == {"Alla medarbetare": ("Nej", "Ja")}, found


def test_a_rules_and_a_pages_differences_read_in_swedish(site):
    """A rule (Regel) and a page (Sida): choices, lists, dates, people,
    a summary and the text; the text shows its changed words, not
    CMFDiffTool's English markers ("insert: <p>")."""
    rule = create_as(
        "hr.red", site["hr"], "solna.Rule", "Friskvård", category="ledighet"
    )
    first = save(rule, "hr.red", "Första")
    second = save(
        rule,
        "hr.red",
        "Andra",
        category="lon",
        applies_to=["forskollarare", "chef"],
        in_force_from=datetime.date(2027, 1, 1),
        responsible="hr.gransk",
        description="Bidrag till motion.",
        text=RichTextValue("<p>Högst 3 000 kr.</p>", "text/html", "text/html"),
    )
    page = create_as("red.a", site["a"], "Document", "Öppettider")
    page_first = save(page, "red.a", "Första")
    page_second = save(
        page,
        "red.a",
        "Andra",
        table_of_contents=True,
        language="sv",
        creators=("red.a", "chef.a"),
        expiration_date=DateTime("2027-07-01T08:00:00+02:00"),
    )
    transaction.commit()

    found, texts = differences("hr.red", rule, first, second)
    assert found == {
        "Sammanfattning": ("(tomt)", "Bidrag till motion."),
        "Kategori": ("Semester och ledighet", "Lön och ersättning"),
        "Gäller": ("(tomt)", "Förskollärare, Chef"),
        "Gäller från": ("(tomt)", "1 jan. 2027"),
        "Ansvarig": ("(tomt)", "Hr Gransk"),
    }, found
    assert "Text" in texts
    assert "Högst 3 000 kr." in " ".join(texts)
    assert "insert:" not in texts
    assert english_in(texts) == []

    found, texts = differences("red.a", page, page_first, page_second)
    assert found == {
        "Innehållsförteckning": ("(tomt)", "Ja"),
        "Språk": ("(tomt)", "Svenska"),
        "Förfallodatum": ("(tomt)", "1 juli 2027 kl. 08.00"),
        "Skapad av": ("Red A", "Red A, Chef A"),
    }, found
    assert english_in(texts) == []


def test_a_units_fields_read_in_swedish(workplace):
    """A unit (Enhet) keeps no revisions today (it is not versioned), but
    its fields read the same way: its kind, its manager by name (not a
    relation), its editors by name, its moderation by its title."""
    from solna.intranet.workflow.diffs import differences as compare
    from zope.globalrequest import getRequest

    with api.env.adopt_roles(["Manager"]):
        old = api.content.create(
            container=workplace["a"].__parent__,
            type="solna.Unit",
            id="tallen",
            title="Tallen",
            kind="enhet",
            editors=[],
        )
        new = workplace["a"]
        new.phone = "08-123 456"
        found = {
            change.label: (
                ", ".join(text for text, _only in change.before),
                ", ".join(text for text, _only in change.after),
            )
            for change in compare(new, old, new, getRequest())
        }
    assert found["Titel"] == ("Tallen", "Solgläntan")
    assert found["Typ av enhet"] == ("Enhet", "Förskola")
    assert found["Chef"] == ("", "Chef A")
    assert found["Redaktörer"] == ("", "Red A")
    assert found["Telefon"] == ("", "08-123 456")
    assert "Kortnamn" in found


def test_a_lead_image_replaced_by_one_of_the_same_name_shows(workplace):
    """Phones name every photo "image.jpg": a lead image replaced by another
    of the same name is a difference ("image.jpg (ny fil)"), one added is
    its name, none is "(tomt)"."""
    from plone.namedfile.file import NamedBlobImage
    from solna.intranet.workflow.diffs import differences as compare
    from tests.fixtures.files import png_bytes
    from zope.globalrequest import getRequest

    def news(id, image):
        return api.content.create(
            container=workplace["a"], type="News Item", id=id, title="Bild", image=image
        )

    with api.env.adopt_roles(["Manager"]):
        none = news("utan-bild", None)
        first = news("bild", NamedBlobImage(png_bytes(), filename="image.jpg"))
        other = NamedBlobImage(png_bytes() + b"\0", filename="image.jpg")
        second = news("ny-bild", other)

        def found(old, new):
            return {
                change.label: (change.before, change.after)
                for change in compare(new, old, new, getRequest())
            }["Huvudbild"]

        assert found(none, first) == ([], [("image.jpg", True)])
        assert found(first, second) == (
            [("image.jpg", True)],
            [("image.jpg (ny fil)", True)],
        )


def test_the_page_opens_on_a_difference_the_older_revision_first(site):
    """Opened without a choice, Jämför compares the revision before the
    newest with the item now (it compared "Nuvarande" with itself: "no
    differences"); a choice in the other order is turned round, so
    *Första revisionen* is always the older; the page's title says what it
    is (issue 18's fifth trial)."""
    item = create_as("red.a", site["a"], "News Item", "Vattenläcka", priority="normal")
    first = save(item, "red.a", "Första")
    save(item, "red.a", "Andra", priority="viktig")
    transaction.commit()

    def page(query=""):
        answer = browser("red.a").get(f"{item.absolute_url()}/@@history{query}")
        assert answer.status_code == 200, answer.status_code
        return html.fromstring(answer.text)

    opened = page()
    chosen = {
        select.get("name"): select.xpath("./option[@selected]/@value")
        for select in opened.xpath("//form[@id='versionSelector']//select")
    }
    assert chosen == {"two": [first], "one": ["current"]}
    assert "Prioritet" in opened.text_content()
    title = opened.xpath("//title")[0].text_content()
    assert title.startswith("Jämför revisioner"), title

    backwards = page(f"?one={first}&two=current")
    chosen = {
        select.get("name"): select.xpath("./option[@selected]/@value")
        for select in backwards.xpath("//form[@id='versionSelector']//select")
    }
    assert chosen == {"two": [first], "one": ["current"]}
