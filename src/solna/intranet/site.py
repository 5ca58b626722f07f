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


def scripted(app, url: str, site_id: str):
    """``app`` wrapped in a request whose links are ``url``, the address
    staff use for the site ``site_id`` (``SITE_URL``): for scripts
    (``make start``'s site creation, the demo generator), whose mail would
    otherwise link to ``http://nohost/…`` (issue 18, fourth trial, finding
    6). A site served at the root of its address
    (``https://intranet.solna.se/``) gets the virtual root Zope's virtual
    hosting would give it. The request is also the global one."""
    from Testing.makerequest import makerequest
    from urllib.parse import urlsplit
    from zope.globalrequest import setRequest

    parts = urlsplit(url)
    secure = parts.scheme == "https"
    environ = {
        "SERVER_NAME": parts.hostname or "localhost",
        "SERVER_PORT": str(parts.port or (443 if secure else 80)),
    }
    if secure:
        environ["HTTPS"] = "on"
    app = makerequest(app, environ=environ)
    request = app.REQUEST
    request.other["SERVER_URL"] = f"{parts.scheme or 'http'}://{parts.netloc}"
    path = [step for step in parts.path.split("/") if step]
    if path != [site_id]:
        request.other["VirtualRootPhysicalPath"] = ("", site_id)
        request._script = path
        request._resetURLS()
    setRequest(request)
    return app
