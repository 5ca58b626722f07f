"""The limits on guessing, as every sign-in route asks them (issue 16).

A route that checks a secret (a password, a one-time code, an invitation
link) asks ``locked_until`` before it checks and calls ``record_failure``
when the secret was wrong, ``record_success`` when it was right. The
counting itself lives in login/guard.py (the rule: 20 failures per account,
passwords and codes together, or 100 per client address, within 15
minutes lock for 15 minutes); passwords are counted by the guard itself,
so the password routes (the login form, HTTP Basic, REST ``@login``) need
not call these.

``login`` is what the member typed (a login name in any case, or an e-mail
address: ``accounts.find_userid`` decides whose account it is); an unknown
login has its own counter, so it is answered like a known one. Every
function reads and writes the database apart from the request's
transaction (an aborted request still counts; see counters.py). Without
the guard installed (before the upgrade step) nothing is limited.

- ``locked_until(request, login) -> float``: seconds since the epoch until
  which ``login`` or the request's client address may not sign in, 0 when
  free. When locked it also sets ``request.other["solna.locked_until"]``.
- ``record_failure(request, login, kind="password") -> float``: count one
  failure (``kind``: "password" or "code"; ValueError for another) for the
  login and the client address; returns what ``locked_until`` returns
  afterwards. The failure that starts an account's lock mails its holder.
- ``record_success(request, login) -> None``: forget the account's failures
  (not the address's); an active lock stays.
- ``unlock(request, login) -> None``: end the account's lock and forget its
  failures (after its holder proved who they are with a password reset
  link). The client address's lock, if any, stays.
"""

from solna.intranet.login.guard import KINDS
from solna.intranet.login.guard import site_guard


def locked_until(request, login):
    guard = site_guard()
    return guard.locked_until_for(request, login) if guard is not None else 0


def record_failure(request, login, kind="password"):
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
    guard = site_guard()
    if guard is None:
        return 0
    return guard.record_failure_for(request, login, kind)


def record_success(request, login):
    guard = site_guard()
    if guard is not None:
        guard.record_success_for(request, login)


def unlock(request, login):
    """End the lock of ``login`` (after its holder proved who they are, by a
    password reset link)."""
    guard = site_guard()
    if guard is not None:
        guard.unlock_for(request, login)
