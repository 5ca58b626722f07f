"""Moderation of comments: open places publish at once, pre-moderated ones
hold comments for the place's moderators; any staff member reports a
comment into the queue; moderators delete with a reason that is kept and
mailed; authors edit and delete their own."""

from lxml import html
from plone import api
from plone.app.discussion.interfaces import IConversation
from solna.intranet.dialogue.comments.moderation import comment_counts
from solna.intranet.dialogue.comments.moderation import moderation_log
from tests.fixtures.comments import comment
from tests.fixtures.comments import comments_on_page
from tests.fixtures.comments import set_moderation
from tests.fixtures.http import browser
from tests.fixtures.http import token
from tests.fixtures.mail import wait_for

import transaction


def texts(login, item):
    return " | ".join(text for _id, text in comments_on_page(login, item))


def the_comment(item):
    transaction.begin()
    item._p_jar.sync()
    (found,) = IConversation(item).getComments()
    return found


def test_open_place_publishes_at_once(news, site):
    api.user.get(username="olle.medarbetare").setMemberProperties(
        {"fullname": "Olle Medarbetare", "unit": site["a"].UID()}
    )
    transaction.commit()
    answer = comment("olle.medarbetare", news, "Vi tar med matsäck!")
    assert answer.status_code == 200
    assert "Vi tar med matsäck!" in texts("chef.b", news)
    # With the commenter's name, unit and time.
    page = html.fromstring(browser("chef.b").get(news.absolute_url()).text)
    (author,) = page.xpath(
        '//div[contains(@class, "comment ")]//div[@class="comment-author"]'
    )
    assert "Olle Medarbetare" in author.text_content()
    assert (
        author.xpath('.//*[contains(@class, "comment-unit")]')[0].text == "· Solgläntan"
    )
    assert author.xpath(".//small")[0].text.strip()  # the time
    # The count in listings comes from the catalog's comments.
    transaction.begin()  # see what the server committed
    path = "/".join(news.getPhysicalPath())
    with api.env.adopt_user(username="chef.b"):
        assert comment_counts([path]) == {path: 1}
    # ... shown beside the news on the unit's page.
    unit_page = browser("chef.b").get(site["a"].absolute_url()).text
    assert "Utflykt till Igelbäcken" in unit_page
    assert "Kommentarer: 1" in unit_page


def test_pre_moderated_place_holds_for_its_moderators(news, site):
    set_moderation(site["a"], "premoderated")
    answer = comment("olle.medarbetare", news, "Kan syskon följa med?")
    assert "Din kommentar inväntar moderatorns godkännande." in answer.text
    # Held: other staff don't see it; the unit's manager has it in the queue.
    assert "Kan syskon följa med?" not in texts("chef.b", news)
    queue = browser("chef.a").get(f"{site['a'].absolute_url()}/@@moderering").text
    assert "Kan syskon följa med?" in queue
    assert "Väntar på godkännande" in queue
    # Another unit's manager has nothing to moderate here, and cannot approve.
    other = browser("chef.b").get(f"{site['a'].absolute_url()}/@@moderering").text
    assert "Kan syskon följa med?" not in other
    held = the_comment(news)
    chef_b = browser("chef.b")
    chef_b.post(
        f"{site['a'].absolute_url()}/@@moderering",
        data={
            "comment": held.absolute_url(),
            "action": "approve",
            "_authenticator": token(chef_b, news.absolute_url()),
        },
    )
    assert api.content.get_state(the_comment(news)) == "pending"
    # The Chef approves: now everyone sees it.
    chef_a = browser("chef.a")
    approved = chef_a.post(
        f"{site['a'].absolute_url()}/@@moderering",
        data={
            "comment": held.absolute_url(),
            "action": "approve",
            "_authenticator": token(chef_a, news.absolute_url()),
        },
    )
    assert "Kommentaren är publicerad" in approved.text
    assert "Kan syskon följa med?" in texts("chef.b", news)
    # A Kommunikatör moderates everywhere.
    set_moderation(site["a"], "premoderated")
    comment("red.b", news, "Vi på Ekbacken vill också!")
    queue = (
        browser("kommunikator")
        .get(f"{api.portal.get().absolute_url()}/@@moderering")
        .text
    )
    assert "Vi på Ekbacken vill också!" in queue


def report(login, item, comment_obj, reason=""):
    s = browser(login)
    return s.post(
        f"{comment_obj.absolute_url()}/@@anmal",
        data={"_authenticator": token(s, item.absolute_url()), "reason": reason},
    )


def test_staff_report_a_comment_to_the_moderators(news, site):
    comment("olle.medarbetare", news, "Personalen på Ekbacken är lata.")
    reported = the_comment(news)
    answer = report("red.b", news, reported, "Kränkande")
    assert "Tack! Moderatorerna tittar på kommentaren." in answer.text
    report("red.b", news, reported, "Kränkande igen")  # once per person
    queue_url = f"{site['a'].absolute_url()}/@@moderering"
    queue = browser("chef.a").get(queue_url).text
    assert "Personalen på Ekbacken är lata." in queue
    assert "Anmäld (1)" in queue
    assert "Kränkande" in queue
    # The reporter's name is not shown to the moderators... nor anyone else.
    assert "Red B" not in queue
    assert "Personalen på Ekbacken" not in browser("red.b").get(queue_url).text
    # The Chef keeps it: out of the queue, still on the page.
    chef_a = browser("chef.a")
    chef_a.post(
        queue_url,
        data={
            "comment": reported.absolute_url(),
            "action": "dismiss",
            "_authenticator": token(chef_a, queue_url),
        },
    )
    assert "Personalen på Ekbacken" not in browser("chef.a").get(queue_url).text
    assert "Personalen på Ekbacken är lata." in texts("olle.medarbetare", news)


def test_moderator_deletes_with_a_reason(news, site, smtp):
    comment("olle.medarbetare", news, "Ring mig på 070-1234567 om lönen.")
    doomed = the_comment(news)
    url = f"{doomed.absolute_url()}/@@ta-bort-kommentar"
    # Staff may not; Plone's own delete asks the moderator why as well.
    assert browser("red.b").get(url, allow_redirects=False).status_code in (
        302,
        401,
        403,
    )
    plones = browser("chef.a").get(f"{doomed.absolute_url()}/@@moderate-delete-comment")
    assert "Varför tas den bort?" in plones.text
    chef_a = browser("chef.a")
    csrf = token(chef_a, url)
    empty = chef_a.post(
        url, data={"_authenticator": csrf, "reason": " ", "form.buttons.delete": "1"}
    )
    assert "Skriv varför kommentaren tas bort" in empty.text
    assert len(IConversation(the_comment(news).__parent__.__parent__)) == 1
    done = chef_a.post(
        url,
        data={
            "_authenticator": csrf,
            "reason": "Personliga uppgifter hör inte hemma här.",
            "form.buttons.delete": "1",
        },
    )
    assert "Kommentaren är borttagen" in done.text
    transaction.begin()
    news._p_jar.sync()
    assert len(IConversation(news)) == 0
    (entry,) = moderation_log(news)
    assert entry["moderator"] == "chef.a"
    assert entry["author"] == "olle.medarbetare"
    assert entry["reason"] == "Personliga uppgifter hör inte hemma här."
    assert wait_for(lambda: smtp.to("olle.medarbetare@solna.example"))
    (mail,) = smtp.to("olle.medarbetare@solna.example")
    assert mail["Subject"] == "Din kommentar har tagits bort"
    assert "Personliga uppgifter hör inte hemma här." in mail.get_content()


def test_authors_edit_and_delete_their_own(news):
    comment("olle.medarbetare", news, "Vi ses klockan nio.")
    own = the_comment(news)
    olle = browser("olle.medarbetare")
    edit = olle.get(f"{own.absolute_url()}/@@edit-comment")
    assert edit.status_code == 200
    from lxml import html

    (form,) = html.fromstring(edit.text).xpath(
        '//form[.//*[@name="form.widgets.text"]]'
    )
    data = dict(form.form_values())
    data["form.widgets.text"] = "Vi ses klockan elva."
    data.pop("form.buttons.comment", None)
    data["form.buttons.cancel"] = "Avbryt"
    cancelled = olle.post(form.get("action"), data=data)
    # plone.app.discussion's messages, which Plone has only in English
    assert "Redigeringen avbröts. Kommentaren är oförändrad." in cancelled.text
    assert "Vi ses klockan nio." in texts("chef.b", news)
    data["form.widgets.text"] = "Vi ses klockan tio."
    data.pop("form.buttons.cancel")
    data["form.buttons.comment"] = "Spara"
    saved = olle.post(form.get("action"), data=data)
    assert "Kommentaren är ändrad." in saved.text
    assert "Vi ses klockan tio." in texts("chef.b", news)
    # Another member may not delete it; the author may.
    red_b = browser("red.b")
    refused = red_b.post(
        f"{own.absolute_url()}/@@delete-own-comment",
        data={"_authenticator": token(red_b, news.absolute_url())},
        allow_redirects=False,
    )
    assert refused.status_code in (302, 401, 403)
    assert "Vi ses klockan tio." in texts("chef.b", news)
    deleted = olle.post(
        f"{own.absolute_url()}/@@delete-own-comment",
        data={"_authenticator": token(olle, news.absolute_url())},
    )
    assert deleted.status_code == 200
    assert "Vi ses klockan tio." not in texts("chef.b", news)


def test_the_queue_over_rest(news, site):
    set_moderation(site["a"], "premoderated")
    comment("olle.medarbetare", news, "Kan vi byta dag?")
    s = browser("kommunikator")
    s.headers["Accept"] = "application/json"
    url = f"{api.portal.get().absolute_url()}/++api++/@moderering"
    (held,) = s.get(url).json()["items"]
    assert held["held"] is True
    assert "Kan vi byta dag?" in held["text"]
    refused = s.post(url, json={"comment": held["url"], "action": "delete"})
    assert refused.status_code == 400
    assert "Skriv varför" in refused.json()["error"]["message"]
    done = s.post(
        url, json={"comment": held["url"], "action": "delete", "reason": "Dubblett."}
    )
    assert done.json()["items_total"] == 0
    # Staff get an empty queue, not someone else's.
    olle = browser("olle.medarbetare")
    olle.headers["Accept"] = "application/json"
    assert olle.get(url).json()["items"] == []


def test_reporting_ones_own_comment_sends_one_back_to_it_told_why(news, site):
    comment("olle.medarbetare", news, "Vi ses vid grinden.")
    own = the_comment(news)
    answer = browser("olle.medarbetare").get(f"{own.absolute_url()}/@@anmal")
    assert answer.url.startswith(news.absolute_url())
    assert own.getId() in answer.url  # back at the comment
    assert "Anmäl en kommentar" not in answer.text
    assert "Bara en publicerad kommentar som någon annan har skrivit" in answer.text
    assert "Köp" not in answer.text


def test_a_webbredaktor_opens_a_comments_own_pages(news, site):
    """A Webbredaktör removes or reports a comment on its own page (the
    toolbar drawn there asked the comment for its portal_type, which she
    may not read: every such page failed for her)."""
    comment("olle.medarbetare", news, "Vi ses vid grinden.")
    found = the_comment(news)
    for view, heading in (
        ("@@ta-bort-kommentar", "Ta bort en kommentar"),
        ("@@anmal", "Anmäl en kommentar"),
    ):
        answer = browser("webbred").get(
            f"{found.absolute_url()}/{view}", allow_redirects=False
        )
        assert answer.status_code == 200, (view, answer.headers.get("Location"))
        assert heading in answer.text
