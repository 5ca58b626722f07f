"""Install the accessibility statement (see statement.py)."""

from solna.intranet.accessibility.statement import create_statement


def install(site):
    """Create the statement page on ``site`` if it is missing (new sites
    through post_install, existing ones through the upgrade step)."""
    create_statement(site)
