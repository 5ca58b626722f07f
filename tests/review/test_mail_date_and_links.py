"""Issue 18, fourth trial, finding 6: a mail's Date header is now (not an
hour ahead), and mail sent by a script (site creation, the demo) links to
the site's address (``SITE_URL``), not to ``http://nohost``."""

from email.utils import parsedate_to_datetime
from plone import api
from solna.intranet import mail
from solna.intranet.site import scripted
from tests.fixtures.mail import wait_for
from zope.component.hooks import setSite
from zope.globalrequest import getRequest
from zope.globalrequest import setRequest

import datetime
import transaction


def test_the_date_header_is_now_with_its_offset(site, smtp, stockholm_tz):
    mail.send_to(["anna@solna.example"], "Ditt ärende", "Status: Klar\n\nHej!")
    transaction.commit()
    assert wait_for(lambda: smtp.to("anna@solna.example"))
    (message,) = smtp.to("anna@solna.example")
    date = parsedate_to_datetime(message["Date"])
    now = datetime.datetime.now(datetime.UTC)
    assert abs(date - now) < datetime.timedelta(minutes=1), message["Date"]
    # The site's offset (Stockholm: +0100 or +0200), never "+0000".
    assert date.utcoffset() in (
        datetime.timedelta(hours=1),
        datetime.timedelta(hours=2),
    )
    # A first line with a colon is the body's, not a header.
    assert message.get_content().startswith("Status: Klar")


def test_mail_sent_by_a_script_links_to_the_site_address(site, smtp):
    portal = api.portal.get()
    before = getRequest()
    app = scripted(
        portal.aq_parent.aq_base, "https://intranet.solna.example/", portal.getId()
    )
    try:
        scripted_portal = app[portal.getId()]
        setSite(scripted_portal)
        assert scripted_portal.absolute_url() == "https://intranet.solna.example"
        place = app.unrestrictedTraverse(site["a"].getPhysicalPath())
        with api.env.adopt_user(username="red.a"):
            item = api.content.create(
                container=place, type="News Item", id="varfest", title="Vårfest"
            )
            api.content.transition(item, transition="submit")
        transaction.commit()
    finally:
        setRequest(before)
        setSite(portal)
    assert wait_for(lambda: smtp.to("chef.a@solna.example"))
    text = smtp.to("chef.a@solna.example")[0].get_content()
    assert "https://intranet.solna.example/" in text, text
    assert "nohost" not in text


def test_crisis_mail_to_many_is_dated_now_too(site, smtp, stockholm_tz):
    mail.send_batch(["a@solna.example", "b@solna.example"], "Kris", "Stäng fönstren.")
    transaction.commit()
    assert wait_for(lambda: len(smtp.messages) >= 2, timeout=30)
    now = datetime.datetime.now(datetime.UTC)
    for _rcpts, message in smtp.messages:
        date = parsedate_to_datetime(message["Date"])
        assert abs(date - now) < datetime.timedelta(minutes=1), message["Date"]


def test_mail_plone_sends_itself_is_dated_now(site, smtp, stockholm_tz):
    """A content rule's Skicka e-post goes through the MailHost's own send."""
    api.portal.get_tool("MailHost").send(
        "Regeln har körts.",
        mto="anna@solna.example",
        mfrom="intranat@solna.example",
        subject="Regel",
        immediate=True,
    )
    (message,) = smtp.to("anna@solna.example")
    date = parsedate_to_datetime(message["Date"])
    now = datetime.datetime.now(datetime.UTC)
    assert abs(date - now) < datetime.timedelta(minutes=1), message["Date"]
