"""A news item from draft to published, through a real SMTP server: the
right people get Swedish mail with a link, sending back needs a comment, and
the history says who did what and why. Over HTTP (REST and the classic UI)."""

from tests.fixtures.http import session
from tests.fixtures.mail import wait_for

import re


def state(url, login="red.a"):
    return session(login).get(url).json()["review_state"]


def transition(login, url, name, comment=None):
    body = {"comment": comment} if comment is not None else {}
    return session(login).post(f"{url}/@workflow/{name}", json=body)


def test_news_from_draft_to_published_with_mail(site, smtp):
    places = site
    a_url = places["a"].absolute_url()
    created = session("red.a").post(
        a_url,
        json={"@type": "News Item", "title": "Sommarfest på Solgläntan"},
    )
    assert created.status_code == 201, created.text
    url = created.json()["@id"]
    assert created.json()["review_state"] == "private"
    # Not there for staff who may not view it (a 404, as a missing address).
    assert session("olle.medarbetare").get(url).status_code == 404

    # Submitted: the reviewers of that place, and no one else.
    assert transition("red.a", url, "submit").status_code == 200
    assert wait_for(lambda: len(smtp.messages) >= 2)
    recipients = sorted(r for rcpts, _m in smtp.messages for r in rcpts)
    assert recipients == ["chef.a@solna.example", "kommunikator@solna.example"]
    (message,) = smtp.to("chef.a@solna.example")
    assert message["Subject"] == "Att granska: Sommarfest på Solgläntan"
    assert message["From"] == "Solna intranät <intranat@solna.se>"
    body = message.get_content()
    assert "Red A har skickat ”Sommarfest på Solgläntan” för granskning" in body
    assert url in body
    # Not there for staff who may not view it (a 404, as a missing address).
    assert session("olle.medarbetare").get(url).status_code == 404

    # The manager of another preschool may not publish it.
    assert transition("chef.b", url, "publish").status_code >= 400
    assert state(url) == "pending"

    # Sending back without a reason is refused, in Swedish; nothing changes.
    smtp.clear()
    refused = transition("chef.a", url, "reject", comment="  ")
    assert refused.status_code == 400
    assert "Skriv varför du skickar tillbaka" in refused.json()["error"]["message"]
    assert state(url) == "pending"

    # With a reason: back to the author as a draft, the comment in the mail.
    assert transition("chef.a", url, "reject", "Lägg till tid och plats.").ok
    assert state(url) == "private"
    assert wait_for(lambda: smtp.to("red.a@solna.example"))
    (message,) = smtp.to("red.a@solna.example")
    assert message["Subject"] == "Skickad tillbaka: Sommarfest på Solgläntan"
    assert "Kommentar: Lägg till tid och plats." in message.get_content()
    assert url in message.get_content()
    assert [rcpts for rcpts, _m in smtp.messages] == [("red.a@solna.example",)]

    # Again, and published: the author hears of it, staff see it.
    assert transition("red.a", url, "submit").ok
    smtp.clear()
    assert transition("chef.a", url, "publish").ok
    assert wait_for(lambda: smtp.to("red.a@solna.example"))
    (message,) = smtp.to("red.a@solna.example")
    assert message["Subject"] == "Publicerad: Sommarfest på Solgläntan"
    assert session("olle.medarbetare").get(url).status_code == 200

    # The history: who did what, and why.
    history = session("red.a").get(f"{url}/@history").json()
    steps = [
        (h["review_state"], h["actor"]["id"], h["comments"])
        for h in history
        if h["type"] == "workflow"
    ]
    # Newest first: published by chef.a, after being sent back with a reason.
    assert steps[0] == ("published", "chef.a", "")
    assert ("private", "chef.a", "Lägg till tid och plats.") in steps
    titles = [h["transition_title"] for h in history if h["type"] == "workflow"]
    assert titles[:3] == ["Publicera", "Skicka för granskning", "Skicka tillbaka"]


def test_send_back_form_asks_for_the_reason(site, smtp):
    places = site
    created = session("red.a").post(
        places["a"].absolute_url(),
        json={"@type": "Document", "title": "Våra rutiner vid hämtning"},
    )
    url = created.json()["@id"]
    assert transition("red.a", url, "submit").ok

    browser = session("chef.a")
    browser.headers["Accept"] = "text/html"
    # The workflow menu's "Skicka tillbaka" leads to the form.
    page = browser.get(url).text
    assert f"{url}/@@skicka-tillbaka" in page
    form = browser.get(f"{url}/@@skicka-tillbaka")
    assert form.status_code == 200
    assert "Varför skickas det tillbaka?" in form.text
    token = re.search(r'name="_authenticator" value="([^"]+)"', form.text).group(1)

    empty = browser.post(
        f"{url}/@@skicka-tillbaka",
        data={"comment": "", "form.buttons.reject": "1", "_authenticator": token},
    )
    assert "Skriv varför du skickar tillbaka" in empty.text
    assert state(url) == "pending"

    # What is no longer in review cannot be sent back (a second click).
    done = browser.post(
        f"{url}/@@skicka-tillbaka",
        data={
            "comment": "Stavfel i rubriken.",
            "form.buttons.reject": "1",
            "_authenticator": token,
        },
    )
    assert done.status_code == 200
    assert done.url.rstrip("/") == url
    assert state(url) == "private"
    assert wait_for(lambda: smtp.to("red.a@solna.example"))
    assert "Stavfel i rubriken." in smtp.to("red.a@solna.example")[0].get_content()
    again = browser.post(
        f"{url}/@@skicka-tillbaka",
        data={"comment": "Igen", "form.buttons.reject": "1", "_authenticator": token},
    )
    assert again.status_code == 200
    assert "Det här kan inte skickas tillbaka nu" in again.text

    # Staff may not open the form at all.
    staff = session("olle.medarbetare")
    staff.headers["Accept"] = "text/html"
    refused = staff.get(f"{url}/@@skicka-tillbaka", allow_redirects=False)
    assert refused.status_code == 404  # a draft: not there for staff
    assert "Varför skickas det tillbaka?" not in refused.text
    assert "require_login" in refused.headers.get("Location", "require_login")


def test_a_mail_server_that_is_down_does_not_undo_the_change(functional_portal, site):
    from plone import api
    from tests.fixtures.http import free_port

    import transaction

    api.portal.set_registry_record("plone.smtp_port", free_port())  # nobody there
    transaction.commit()
    created = session("red.a").post(
        site["a"].absolute_url(), json={"@type": "News Item", "title": "Vårfest"}
    )
    url = created.json()["@id"]
    assert transition("red.a", url, "submit").status_code == 200
    assert state(url) == "pending"
