"""Kris by e-mail (crisis/outreach.py), through a real SMTP server: a crisis
goes at once to exactly its audience, in the evening too; the reminder
reaches only those who have not answered, once, after the chosen minutes;
the job solna-mail (@skicka-epost) is a dry run on GET."""

from DateTime import DateTime
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from solna.intranet import mail
from solna.intranet import quiet_hours
from solna.intranet.crisis import answers
from solna.intranet.crisis import script
from solna.intranet.dates import zone
from tests.fixtures.http import free_port
from tests.fixtures.mail import Mailbox
from tests.fixtures.mail import set_clock
from tests.fixtures.mail import wait_for
from tests.fixtures.news import set_profile
from tests.fixtures.staff import PASSWORD
from zope.lifecycleevent import modified

import contextlib
import datetime
import logging
import pytest
import requests
import ssl
import transaction


A = ["chef.a@solna.example", "olle.medarbetare@solna.example", "red.a@solna.example"]
B = ["chef.b@solna.example", "red.b@solna.example"]


@pytest.fixture
def staff(site, smtp):
    """The workplace's staff with units and professions (as workplace_news
    gives them); committed."""
    for login, unit, profession in (
        ("olle.medarbetare", "a", "forskollarare"),
        ("red.a", "a", "barnskotare"),
        ("chef.a", "a", "chef"),
        ("red.b", "b", "barnskotare"),
        ("chef.b", "b", "chef"),
    ):
        set_profile(login, api.content.get_uuid(site[unit]), profession)
    transaction.commit()
    return site


def wednesday(hour, minute=0, days=0):
    """Next week's Wednesday (plus ``days``) at ``hour``:``minute``
    Stockholm time, as an aware datetime in UTC."""
    today = datetime.datetime.now(zone()).date()
    day = today + datetime.timedelta(days=(2 - today.weekday()) % 7 + 7 + days)
    at = datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=zone())
    return at.astimezone(datetime.UTC)


def raise_crisis(places, unit, title="Vattenläcka", asks_safety=False, minutes=30):
    """A crisis for ``unit`` (a key of the workplace, "bou": the
    förvaltning above both preschools) published by a Manager in this
    process, and committed: the mail goes after the commit."""
    units = {**places, "bou": places["a"].__parent__}
    with api.env.adopt_roles(["Manager"]):
        item = api.content.create(
            container=places["news"],
            type="News Item",
            title=title,
            description="Stäng av vattnet och gå inte ner i källaren.",
            priority="kris",
            audience_all=False,
            audience_units=[api.content.get_uuid(units[unit])],
            crisis_asks_safety=asks_safety,
            crisis_reminder_minutes=minutes,
        )
        api.content.transition(item, to_state="published")
    transaction.commit()
    return item


def owner():
    s = requests.Session()
    s.auth = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    s.headers["Accept"] = "application/json"
    return s


def job(portal_url, dry_run=False):
    answer = (owner().get if dry_run else owner().post)(f"{portal_url}/@skicka-epost")
    assert answer.status_code == 200, answer.text
    return answer.json()


def received(smtp):
    return sorted(r for rcpts, _m in smtp.messages for r in rcpts)


def test_a_crisis_for_one_unit_goes_at_once_in_the_evening_to_exactly_its_staff(
    staff, smtp, monkeypatch
):
    set_clock(monkeypatch, wednesday(19))  # quiet hours for everything else
    item = raise_crisis(staff, "a")
    assert wait_for(lambda: len(smtp.messages) >= 3)
    assert received(smtp) == A
    message = smtp.to("olle.medarbetare@solna.example")[0]
    assert message["Subject"] == "Kris: Vattenläcka"
    body = message.get_content()
    assert "Stäng av vattnet och gå inte ner i källaren." in body
    assert item.absolute_url() in body
    assert "Jag har sett detta" in body
    # Once per crisis: an edit, a job run do not send it again.
    smtp.clear()
    with api.env.adopt_roles(["Manager"]):
        item.setTitle("Vattenläcka i källaren")
        modified(item)
    transaction.commit()
    assert job(api.portal.get().absolute_url())["mailed"] == 0
    assert smtp.messages == []


def test_a_crisis_for_a_forvaltning_reaches_its_units_and_no_one_else(staff, smtp):
    raise_crisis(staff, "bou", title="Strömavbrott", asks_safety=True)
    assert wait_for(lambda: len(smtp.messages) >= 5)
    assert received(smtp) == sorted(A + B)
    body = smtp.to("red.b@solna.example")[0].get_content()
    assert "Jag är i säkerhet" in body
    assert "Jag behöver hjälp" in body


def test_the_reminder_reaches_only_those_who_have_not_answered_once_after_the_minutes(
    staff, smtp, monkeypatch
):
    portal_url = api.portal.get().absolute_url()
    start = quiet_hours.clock()  # a working hour (the smtp fixture)
    move = set_clock(monkeypatch, start)
    item = raise_crisis(staff, "a", asks_safety=True, minutes=45)
    assert wait_for(lambda: len(smtp.messages) >= 3)
    smtp.clear()
    uid = api.content.get_uuid(item)
    answers.record(uid, "olle.medarbetare", "safe")
    answers.record(uid, "red.a", "seen")  # seen, but not answered if safe
    transaction.commit()

    move(start + datetime.timedelta(minutes=30))
    assert job(portal_url)["reminded"] == 0
    assert smtp.messages == []
    move(start + datetime.timedelta(minutes=46))
    dry = job(portal_url, dry_run=True)
    assert dry["dry_run"] is True
    assert dry["items"] == [{"@id": item.absolute_url(), "reminded": 2}]
    assert smtp.messages == []  # a dry run sends nothing
    done = job(portal_url)
    assert done["reminded"] == 2
    assert wait_for(lambda: len(smtp.messages) >= 2)
    assert received(smtp) == ["chef.a@solna.example", "red.a@solna.example"]
    message = smtp.to("chef.a@solna.example")[0]
    assert message["Subject"] == "Påminnelse – Kris: Vattenläcka"
    assert "Du har ännu inte svarat" in message.get_content()
    smtp.clear()
    move(start + datetime.timedelta(minutes=90))
    assert job(portal_url)["reminded"] == 0  # once
    assert smtp.messages == []


def test_the_script_prints_what_the_job_did(staff, smtp, capsys, monkeypatch):
    portal_url = api.portal.get().absolute_url()
    monkeypatch.setenv("SOLNA_JOB_USER", SITE_OWNER_NAME)
    monkeypatch.setenv("SOLNA_JOB_PASSWORD", SITE_OWNER_PASSWORD)
    assert script.main([portal_url, "--dry-run"]) == 0
    assert "would deliver held mail to 0 members" in capsys.readouterr().out


def test_staff_may_not_run_the_job(staff):
    portal_url = api.portal.get().absolute_url()
    answer = requests.post(
        f"{portal_url}/@skicka-epost",
        auth=("olle.medarbetare", PASSWORD),
        headers={"Accept": "application/json"},
        timeout=60,
    )
    assert answer.status_code in (401, 403)


def test_a_crisis_with_a_future_publishing_date_is_mailed_when_it_comes(
    staff, smtp, monkeypatch
):
    portal_url = api.portal.get().absolute_url()
    start = quiet_hours.clock()
    move = set_clock(monkeypatch, start)
    units = {**staff, "bou": staff["a"].__parent__}
    with api.env.adopt_roles(["Manager"]):
        item = api.content.create(
            container=staff["news"],
            type="News Item",
            title="Planerat vattenavbrott",
            priority="kris",
            audience_all=False,
            audience_units=[api.content.get_uuid(units["b"])],
            effective=DateTime(start + datetime.timedelta(hours=1)),
        )
        api.content.transition(item, to_state="published")
    transaction.commit()
    assert smtp.messages == []  # not yet
    assert job(portal_url)["mailed"] == 0
    move(start + datetime.timedelta(minutes=61))
    assert job(portal_url)["items"] == [{"@id": item.absolute_url(), "mailed": 2}]
    assert wait_for(lambda: len(smtp.messages) >= 2)
    assert received(smtp) == B
    smtp.clear()
    move(start + datetime.timedelta(minutes=70))
    assert job(portal_url)["mailed"] == 0  # once
    assert smtp.messages == []


# --- The batches: refusals, STARTTLS, a server that is down ------------------


class Refusing(Mailbox):
    """An SMTP server that refuses the DATA of messages to ``refused``."""

    refused = ()

    async def handle_DATA(self, server, session, envelope):
        if set(envelope.rcpt_tos) & set(self.refused):
            return "550 Mailbox unavailable"
        return await super().handle_DATA(server, session, envelope)


@contextlib.contextmanager
def other_server(mailbox, **options):
    """``mailbox`` served on a port of its own; the site mails there."""
    from aiosmtpd.controller import Controller

    mailbox.port = free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=mailbox.port, **options)
    controller.start()
    api.portal.set_registry_record("plone.smtp_port", mailbox.port)
    transaction.commit()
    try:
        yield mailbox
    finally:
        controller.stop()


@pytest.fixture(scope="module")
def self_signed(tmp_path_factory):
    """A server's TLS context with a self-signed certificate (as Debian's
    Postfix "snakeoil")."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "snakeoil")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    folder = tmp_path_factory.mktemp("tls")
    (folder / "cert.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (folder / "key.pem").write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(folder / "cert.pem", folder / "key.pem")
    return context


def test_one_refused_message_does_not_stop_the_rest_of_the_batch(staff, caplog):
    """chef.a, olle, red.a in one batch: olle's message is refused at DATA."""
    refusing = Refusing()
    refusing.refused = ["olle.medarbetare@solna.example"]
    with other_server(refusing), caplog.at_level(logging.INFO, "solna.intranet"):
        raise_crisis(staff, "a")
        assert wait_for(lambda: len(refusing.messages) >= 2)
        assert received(refusing) == ["chef.a@solna.example", "red.a@solna.example"]
    log = caplog.text
    assert "Crisis e-mail: 2 sent, 1 not sent (1 refused by the mail server)" in log
    assert "@solna.example" not in log  # counts, no addresses


def test_crisis_mail_goes_through_starttls_with_a_self_signed_certificate(
    staff, self_signed
):
    tls = Mailbox()
    with other_server(tls, tls_context=self_signed, require_starttls=True):
        raise_crisis(staff, "b", title="Brand")
        assert wait_for(lambda: len(tls.messages) >= 2)
        assert received(tls) == B
        assert tls.to("red.b@solna.example")[0]["Subject"] == "Kris: Brand"


def test_a_server_that_is_down_is_given_up_after_three_tries(monkeypatch, caplog):
    tries = []
    down = mail._Connection(host="127.0.0.1", port=free_port())
    real = down.open  # a port nobody listens on: refused at once
    monkeypatch.setattr(down, "open", lambda: tries.append(1) or real())
    addresses = [f"p{n}@solna.example" for n in range(250)]
    with caplog.at_level(logging.INFO, "solna.intranet"):
        done = mail._talk_batches(
            down, "i@solna.example", "utf-8", addresses, "S", "T", None
        )
    assert done == (0, 250)
    assert len(tries) == mail.ATTEMPTS
    assert "250 messages not sent" in caplog.text
    assert "@solna.example" not in caplog.text
