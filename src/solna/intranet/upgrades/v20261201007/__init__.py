"""20261201006 → 20261201007: our types' icons (a unit, a person, a rule,
an answer, a community, a topic), instead of Plone's blank file icon, which
looked like an empty checkbox (theme/setup.py TYPE_ICONS, issue 18)."""

from solna.intranet.theme.setup import install_type_icons


def upgrade(context):
    install_type_icons()
