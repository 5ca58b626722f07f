"""HR invites from a CSV file (issue 16): all or nothing, a Swedish line for
each wrong row, and a clear message for a file in another encoding or
without the columns it needs."""

from lxml import html
from plone import api
from solna.intranet.login import csvimport
from solna.intranet.login import invitations
from tests.fixtures.http import browser
from tests.fixtures.http import portal_url
from tests.fixtures.http import session as rest
from tests.fixtures.http import text
from tests.fixtures.mail import wait_for
from zope.i18n import translate

import base64
import pytest
import transaction


GOOD = (
    "namn;enhet;yrkesgrupp;e-post\n"
    "Åsa Öberg;Solgläntan;Förskollärare;asa@example.se\n"
    '"Berg, Maja";barn och utbildning › ekbacken;barnskotare;Maja@Example.se\n'
    "\n"
    "Noor Ali;Ekbacken;Fritidsledare;noor@example.se\n"
)


def upload(login, data, filename="personal.csv"):
    """Send @@bjud-in-fil's form with a file, as ``login`` (followed)."""
    s = browser(login)
    page = html.fromstring(s.get(f"{portal_url()}/@@bjud-in-fil").text)
    (form,) = page.xpath('//form[contains(@class, "solna-invite-file-form")]')
    values = {**dict(form.form_values()), "upload": "1"}
    return s.post(
        f"{portal_url()}/@@bjud-in-fil",
        data=values,
        files={"file": (filename, data, "text/csv")},
    )


def pending():
    transaction.begin()
    store = invitations._store()
    if store is None:
        return []
    return sorted(r["email"] for r in store["invitations"].values())


def refusal(response):
    page = html.fromstring(response.text)
    found = page.xpath('//*[contains(@class, "solna-invite-file-refused")]')
    return text(found[0]) if found else None


def rows(response):
    page = html.fromstring(response.text)
    return [
        text(li)
        for li in page.xpath('//*[contains(@class, "solna-invite-file-rows")]//li')
    ]


def test_hr_invites_everyone_in_a_file_saved_by_excel(site, smtp):
    data = "\ufeff".encode() + GOOD.replace("\n", "\r\n").encode()
    answer = upload("hr.red", data)
    assert answer.status_code == 200
    assert "Inbjudningar skickade: 3." in answer.text
    assert pending() == ["asa@example.se", "maja@example.se", "noor@example.se"]
    for address in ("asa@example.se", "maja@example.se", "noor@example.se"):
        assert wait_for(lambda a=address: smtp.to(a)), address
    with api.env.adopt_user("hr.red"):
        people = {r["email"]: r for r in invitations.visible()}
    assert people["maja@example.se"]["fullname"] == "Berg, Maja"
    assert people["maja@example.se"]["unit"] == api.content.get_uuid(site["b"])
    assert people["maja@example.se"]["profession"] == "barnskotare"
    # Commas work as well.
    comma = "name,unit,profession,email\nEva Ek,Solgläntan,Child carer,eva@example.se\n"
    assert "Inbjudningar skickade: 1." in upload("hr.red", comma.encode()).text
    assert "eva@example.se" in pending()


def test_one_wrong_row_and_nobody_is_invited(site, smtp):
    data = (
        "Namn;Enhet;Yrkesgrupp;E-post\n"
        "Åsa Öberg;Solgläntan;Förskollärare;asa@example.se\n"
        "Per Persson;Solglänta;Förskollärare;per@example.se\n"
        "Pia Lind;Ekbacken;Astronaut;pia@example\n"
        "Olle Igen;Ekbacken;Barnskötare;Olle.Medarbetare@solna.example\n"
        "Åsa Igen;Ekbacken;Barnskötare;ASA@example.se\n"
        ";;;\n"
        ";Ekbacken;;\n"
    ).encode()
    answer = upload("hr.red", data)
    assert rows(answer) == [
        "Rad 3: okänd enhet ”Solglänta”.",
        "Rad 4: okänd yrkesgrupp ”Astronaut”; ”pia@example” är ingen e-postadress.",
        "Rad 5: adressen olle.medarbetare@solna.example finns redan på ett konto.",
        "Rad 6: samma e-postadress som rad 2.",
        "Rad 8: namnet saknas; yrkesgruppen saknas; e-postadressen saknas.",
    ]
    page = html.fromstring(answer.text)
    assert text(page.xpath('//*[contains(@class, "solna-invite-file-rows")]/p')[0]) == (
        "Ingen bjöds in. Rätta de här raderna och ladda upp filen igen:"
    )
    assert pending() == []
    assert not smtp.messages
    # An address already invited is a wrong row too.
    one = b"namn;enhet;yrkesgrupp;e-post\nA B;Ekbacken;Chef;ab@example.se\n"
    assert "Inbjudningar skickade: 1." in upload("hr.red", one).text
    again = upload("hr.red", one)
    assert rows(again) == [
        "Rad 2: adressen ab@example.se har redan en inbjudan som väntar."
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            "namn;enhet;yrkesgrupp;e-post\nÅsa Öberg;Solgläntan;Förskollärare;"
            "asa@example.se\n".encode("cp1252"),
            "Filen är inte sparad som UTF-8, så bokstäverna å, ä och ö går inte "
            "att läsa. Välj Spara som › ”CSV UTF-8 (kommaavgränsad)” i Excel och "
            "försök igen.",
        ),
        (
            "namn;enhet;yrkesgrupp;e-post\nA;B;C;d@e.se\n".encode("utf-16"),
            "Filen är inte sparad som UTF-8, så bokstäverna å, ä och ö går inte "
            "att läsa. Välj Spara som › ”CSV UTF-8 (kommaavgränsad)” i Excel och "
            "försök igen.",
        ),
        (
            b"namn;e-post\nA;a@example.se\n",
            "Första raden ska namnge kolumnerna. Det saknas: enhet, yrkesgrupp. "
            "Börja filen med raden: namn;enhet;yrkesgrupp;e-post",
        ),
        (
            b"Anna Lind;Solglantan;forskollarare;anna@example.se\n",
            "Första raden ska namnge kolumnerna. Det saknas: namn, enhet, "
            "yrkesgrupp, e-post. Börja filen med raden: namn;enhet;yrkesgrupp;e-post",
        ),
        (b"namn;enhet;yrkesgrupp;e-post\n\n", "Det finns inga personer i filen."),
        (b"", "Filen är tom."),
    ],
    ids=["cp1252", "utf-16", "two-columns-missing", "no-header", "no-rows", "empty"],
)
def test_a_file_that_cannot_be_read(portal, data, message):
    with pytest.raises(csvimport.FileRefused) as refused:
        csvimport.read_rows(csvimport.decode(data))
    assert translate(refused.value.message, target_language="sv") == message


def test_a_wrong_encoding_on_the_page_and_over_rest(site, smtp):
    data = "namn;enhet;yrkesgrupp;e-post\nÅsa;Solgläntan;Chef;a@example.se\n"
    answer = upload("hr.red", data.encode("latin-1"))
    assert refusal(answer).startswith("Filen är inte sparad som UTF-8")
    response = rest("hr.red").post(
        f"{portal_url()}/@inbjudningar/fil",
        json={"data": base64.b64encode(data.encode("cp1252")).decode()},
    )
    assert response.status_code == 400
    assert response.json()["error"]["message"].startswith(
        "Filen är inte sparad som UTF-8"
    )
    assert pending() == []


def test_the_file_over_rest(site, smtp):
    url = f"{portal_url()}/@inbjudningar/fil"
    bad = rest("hr.red").post(url, json={"csv": GOOD.replace("Solgläntan", "Månen")})
    assert bad.status_code == 400
    error = bad.json()["error"]
    assert error["rows"] == [
        {
            "row": 2,
            "message": "Rad 2: okänd enhet ”Månen”.",
            "problems": ["okänd enhet ”Månen”"],
        }
    ]
    assert pending() == []
    good = rest("hr.red").post(url, json={"csv": GOOD})
    assert good.status_code == 201
    assert good.json()["items_total"] == 3
    # Only HR imports; a manager is refused the page and the service.
    assert rest("chef.a").post(url, json={"csv": GOOD}).status_code == 403
    page = browser("chef.a").get(f"{portal_url()}/@@bjud-in-fil", allow_redirects=False)
    assert page.status_code != 200


def test_a_unit_name_that_several_units_have(site, smtp):
    with api.env.adopt_roles(["Manager"]):
        api.content.create(
            container=site["hr"], type="solna.Unit", id="ekbacken", title="Ekbacken"
        )
    transaction.commit()
    data = "namn;enhet;yrkesgrupp;e-post\nA B;Ekbacken;Chef;ab@example.se\n"
    answer = upload("hr.red", data.encode())
    assert rows(answer) == [
        "Rad 2: flera enheter heter ”Ekbacken”: skriv var den ligger, till exempel "
        "”Barn och utbildning › Ekbacken”."
    ]
    place = data.replace(";Ekbacken;", ";HR-avdelningen > Ekbacken;")
    assert "Inbjudningar skickade: 1." in upload("hr.red", place.encode()).text
