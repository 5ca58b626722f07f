"""A member's credentials are checked once per page (security/hidden.py):
traversal authenticates her, to hide what she may not view, and the user
folder's own validation after traversal takes that answer instead of
checking her password a second time."""

from solna.intranet.login.guard import Guard
from tests.fixtures.calls import spied
from tests.fixtures.http import get
from tests.fixtures.staff import PASSWORD

import requests


# (The guard, login/guard.py, checks every password: the site's
# authentication plugin, ahead of the user folder's own.)


def test_her_password_is_checked_once_per_page(news):
    with spied(Guard, "authenticateCredentials") as check:
        page = get(news.absolute_url(), "olle.medarbetare")
    assert page.status_code == 200
    assert "Utflykt till Igelbäcken" in page.text
    # The page is hers: her name in the personal menu.
    assert "olle.medarbetare" in page.text or "Olle" in page.text
    assert check.call_count == 1


def test_the_next_page_checks_again(news):
    """What traversal found is for that one request: a wrong password on
    the next is refused, and the right one works again after it."""
    url = news.absolute_url()
    assert get(url, "olle.medarbetare").status_code == 200
    wrong = requests.get(
        url,
        auth=("olle.medarbetare", PASSWORD + "x"),
        timeout=30,
        allow_redirects=False,
    )
    assert wrong.status_code in (302, 401)
    assert "Utflykt till Igelbäcken" not in wrong.text
    assert get(url, "olle.medarbetare").status_code == 200
