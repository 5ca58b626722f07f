"""Issue 18, fourth trial, finding 12: the form editor's "Lägg till fält"
limits a field's title to 200 characters and its Kortnamn to 50, in
Swedish, keeping what was typed; a Kortnamn derived from a long title is
shortened."""

from collective.easyform.api import get_schema
from lxml import html
from plone import api
from solna.intranet.forms.editor import derived_name
from tests.fixtures.http import browser
from tests.fixtures.http import text

import transaction


def add_field(login, title, name):
    session = browser(login)
    fields = f"{api.portal.get().absolute_url()}/blanketter/forslag-och-ideer/fields"
    page = html.fromstring(session.get(f"{fields}/@@add-field").text)
    (form,) = page.xpath('//form[.//*[@name="form.buttons.add"]]')
    data = dict(form.form_values())
    data["form.widgets.factory:list"] = "label_textline_field"
    data.update(
        {
            "form.widgets.title": title,
            "form.widgets.__name__": name,
            "form.buttons.add": "Lägg till",
        }
    )
    return session.post(f"{fields}/@@add-field", data=data)


def fields_of_the_form():
    transaction.begin()
    form = api.portal.get()["blanketter"]["forslag-och-ideer"]
    return list(get_schema(form))


def test_a_long_title_is_refused_in_swedish_and_kept(site):
    long_title = "Namn " * 80  # 400 characters
    answer = add_field("webbred", long_title, "namn_igen")
    shown = text(html.fromstring(answer.text))
    assert "Ett fälts titel får vara högst 200 tecken; den här har" in shown
    page = html.fromstring(answer.text)
    (title,) = page.xpath('//input[@name="form.widgets.title"]')
    assert title.get("value").strip() == long_title.strip()
    assert "namn_igen" not in fields_of_the_form()


def test_a_typed_long_short_name_is_refused(site):
    answer = add_field("webbred", "Namn", "n" * 60)
    shown = text(html.fromstring(answer.text))
    assert "Kortnamnet får vara högst 50 tecken; det här har 60." in shown
    assert "n" * 60 not in fields_of_the_form()


def test_a_derived_short_name_is_shortened(site):
    title = "Vilken förskoleavdelning gäller förslaget och vem har du pratat med"
    derived = derived_name(title)
    assert len(derived) > 50
    answer = add_field("webbred", title, derived)
    assert answer.status_code == 200
    names = fields_of_the_form()
    (added,) = [n for n in names if n.startswith("vilken_")]
    assert len(added) <= 50
    assert added == "vilken_forskoleavdelning_galler_forslaget_och_vem"


def test_editing_a_field_keeps_its_title_short(site):
    from tests.fixtures.http import form_post

    form_url = f"{api.portal.get().absolute_url()}/blanketter/forslag-och-ideer"
    url = f"{form_url}/@@fields/rubrik"
    answer = form_post(
        browser("webbred"), url, {"form.widgets.title": "Rubrik " * 40}, None
    )
    shown = text(html.fromstring(answer.text))
    assert "Ett fälts titel får vara högst 200 tecken; den här har" in shown
    transaction.begin()
    form = api.portal.get()["blanketter"]["forslag-och-ideer"]
    assert len(get_schema(form)["rubrik"].title) < 200
