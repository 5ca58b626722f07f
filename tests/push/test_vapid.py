"""The site's VAPID key (RFC 8292): from the environment (a PEM file made by
``vapid --gen``, or the raw key) or generated once for the site, and the
Authorization header a push service verifies."""

from cryptography.hazmat.primitives.asymmetric import ec
from pathlib import Path
from plone import api
from py_vapid import Vapid02
from py_vapid.jwt import decode
from py_vapid.utils import b64urlencode
from solna.intranet.push import vapid
from tests.fixtures.push import parse_authorization
from tests.fixtures.push import PushService

import pytest
import subprocess
import sys
import time


ENDPOINT = "https://fcm.googleapis.com/fcm/send/abc:def"


@pytest.fixture
def site_key(portal, monkeypatch):
    """The site's own key (no variable set)."""
    monkeypatch.delenv(vapid.ENV_KEY, raising=False)
    monkeypatch.delenv(vapid.ENV_SUBJECT, raising=False)
    vapid.install(portal)
    return portal


def _claims(header):
    parts = parse_authorization(header)
    return decode(parts["t"], parts["k"]), parts["k"]


def test_the_site_generates_its_key_once(site_key):
    key = vapid.public_key()
    assert len(key) == 87
    assert "=" not in key
    vapid.install(site_key)  # again: the same key
    assert vapid.public_key() == key
    # Kept in the site, not in the registry.
    stored = site_key.__annotations__[vapid.KEY]
    assert stored.startswith("-----BEGIN PRIVATE KEY-----")
    assert not [
        name
        for name in api.portal.get_tool("portal_registry").records
        if "vapid" in name.lower()
    ]
    vapid.uninstall(site_key)
    with pytest.raises(vapid.VapidError):
        vapid.public_key()
    vapid.install(site_key)
    assert vapid.public_key() != key  # a new key: browsers subscribe again


def test_a_key_file_made_by_the_vapid_tool(site_key, tmp_path, monkeypatch):
    tool = Path(sys.executable).parent / "vapid"
    subprocess.run([tool, "--gen"], cwd=tmp_path, check=True, capture_output=True)
    shown = subprocess.run(
        [tool, "--applicationServerKey"],
        cwd=tmp_path,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    monkeypatch.setenv(vapid.ENV_KEY, str(tmp_path / "private_key.pem"))
    assert f"Application Server Key = {vapid.public_key()}" in shown
    claims, k = _claims(vapid.authorization(ENDPOINT))
    assert k == vapid.public_key()
    assert claims["aud"] == "https://fcm.googleapis.com"


def test_a_raw_key_in_the_environment(site_key, monkeypatch):
    key = ec.generate_private_key(ec.SECP256R1())
    raw = b64urlencode(key.private_numbers().private_value.to_bytes(32, "big"))
    monkeypatch.setenv(vapid.ENV_KEY, raw)
    expected = b64urlencode(key.public_key().public_bytes(*_uncompressed()))
    assert vapid.public_key() == expected


def _uncompressed():
    from cryptography.hazmat.primitives import serialization

    return (
        serialization.Encoding.X962,
        serialization.PublicFormat.UncompressedPoint,
    )


def test_a_wrong_key_is_refused_without_showing_it(site_key, monkeypatch):
    monkeypatch.setenv(vapid.ENV_KEY, "not-a-key-at-all-Hemligt")
    with pytest.raises(vapid.VapidError) as error:
        vapid.public_key()
    assert "Hemligt" not in str(error.value)
    monkeypatch.setenv(vapid.ENV_KEY, "/etc/solna/vapid/missing.pem")
    with pytest.raises(vapid.VapidError, match="no such file"):
        vapid.public_key()


def test_the_header_verifies(site_key, monkeypatch):
    api.portal.set_registry_record("plone.email_from_address", "intranat@solna.se")
    now = time.time()
    header = vapid.authorization(ENDPOINT, now=now)
    assert header.startswith("vapid t=")
    claims, k = _claims(header)
    assert k == vapid.public_key()
    assert claims == {
        "aud": "https://fcm.googleapis.com",
        "exp": int(now) + 3600,
        "sub": "mailto:intranat@solna.se",
    }
    # Reused for the same origin until ten minutes before it expires.
    assert vapid.authorization(f"{ENDPOINT}/other", now=now + 2000) == header
    later = vapid.authorization(ENDPOINT, now=now + 3000)
    assert later != header
    assert _claims(later)[0]["exp"] == int(now) + 3000 + 3600
    # Another origin (with its port) gets its own audience.
    claims, _k = _claims(vapid.authorization("https://push.example:8443/x", now=now))
    assert claims["aud"] == "https://push.example:8443"
    monkeypatch.setenv(vapid.ENV_SUBJECT, "mailto:drift@solna.se")
    claims, _k = _claims(vapid.authorization(ENDPOINT, now=now))
    assert claims["sub"] == "mailto:drift@solna.se"


def test_the_push_service_accepts_it_and_refuses_another_key(site_key):
    service = PushService()
    try:
        subscription = service._find(service.subscription(vapid.public_key()))
        header = vapid.authorization(subscription.endpoint)
        assert service.check_vapid(header, subscription)["aud"] == service.origin
        # Signed with another key but claiming ours: the signature fails.
        other = Vapid02()
        other.generate_keys()
        forged = other.sign({"aud": service.origin, "sub": "mailto:x@solna.se"})
        token = parse_authorization(forged["Authorization"])["t"]
        with pytest.raises(Exception, match="signature"):
            service.check_vapid(
                f"vapid t={token}, k={vapid.public_key()}", subscription
            )
        # Its own key, valid, but not the key the browser subscribed with.
        with pytest.raises(Exception, match="not the key"):
            service.check_vapid(forged["Authorization"], subscription)
        # An expired header.
        with pytest.raises(Exception, match="exp"):
            service.check_vapid(header, subscription, now=time.time() + 3600)
    finally:
        service.stop()
