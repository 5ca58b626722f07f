"""20261129016 → 20261129017: login names without case (issue 16).

The user folder lowercases every login (login/names.py): the logins stored
are lowercased, user ids stay. When two logins differ only in case the step
stops with that error and changes nothing; rename one of them and run it
again.
"""

from solna.intranet.login.names import forgiving_logins


def upgrade(context):
    forgiving_logins()
