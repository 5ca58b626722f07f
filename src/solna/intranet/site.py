"""How a Solna intranät site is created: one place for `make start` and tests."""

SITE_TITLE = "Solna intranät"
SITE_DESCRIPTION = "Intranätet för alla medarbetare i Solna stad."
#: Plone's distribution the site is created with, before our profile.
DISTRIBUTION = "classic"
PROFILE = "solna.intranet:default"
DEMO_PROFILE = "solna.intranet:demo"


def answers(site_id: str) -> dict:
    """The answers for plone.distribution's site creation: Swedish, Stockholm
    time, without Plone's (English) example content."""
    return {
        "site_id": site_id,
        "title": SITE_TITLE,
        "description": SITE_DESCRIPTION,
        "default_language": "sv",
        "portal_timezone": "Europe/Stockholm",
        "setup_content": False,
    }
