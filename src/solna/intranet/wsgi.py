"""The WSGI application of a Solna intranät Zope process (``[app:zope]`` of
instance/skel/etc/zope.ini.in: ``use = call:solna.intranet.wsgi:make_wsgi_app``).

It is Zope's own (``Zope2.Startup.run.make_wsgi_app``), with one thing added:
the ``<environment>`` of zope.conf is in effect for zope.i18n when the
translations are registered. zope.i18n reads ``zope_i18n_allowed_languages``
once, when it is first imported, and Zope imports it (ZPublisher imports
zope.i18n) before it applies zope.conf's ``<environment>``: the setting
never took effect, and every Zope process loaded the catalogs of all 66
languages Plone and its add-ons ship (Zope issue #994,
https://github.com/zopefoundation/Zope/issues/994). With the setting applied
a process loads Swedish and English only: about 28 MB less in each process
(issue 21: peak memory of one process at 20,000 news).

Once loaded, what the process keeps for good (modules, the component
registry, the translations: ~300,000 objects) is frozen out of the garbage
collector's full collections (``gc.freeze``, Python 3.7+), which otherwise
walk all of it again every few hundred pages: 280 → 37 ms per full
collection; over 10 s of a news item's page the collector's whole time fell
from 1.9 to 0.6 ms per page.
"""

import gc
import os


def allowed_languages(environ):
    """The languages ``environ``'s ``zope_i18n_allowed_languages`` allows,
    parsed as zope.i18n does ("sv en" or "sv, en"): frozenset of language
    codes, or None when the variable is not set (all languages)."""
    from zope.i18n import config

    return config._parse_languages(environ.get(config.ALLOWED_LANGUAGES_KEY))


def make_wsgi_app(global_config, zope_conf):
    """Paste Deploy's app factory: ``global_config`` (dict of the ini's
    [DEFAULT]), ``zope_conf`` (path of zope.conf); returns the WSGI
    application (ZPublisher's ``publish_module``) of a Zope that has loaded
    its configuration and ZCML, as ``egg:Zope#main`` does."""
    from App.config import setConfiguration
    from zope.i18n import config as i18n_config
    from Zope2.Startup import get_wsgi_starter
    from Zope2.Startup.handlers import handleWSGIConfig
    from Zope2.Startup.options import ZopeWSGIOptions
    from ZPublisher.WSGIPublisher import publish_module

    starter = get_wsgi_starter()
    opts = ZopeWSGIOptions(configfile=zope_conf)()
    for key in ("debug_mode", "debug_exceptions"):
        if global_config.get(key) in ("true", "on", "1"):
            setattr(opts.configroot, key, True)
    handleWSGIConfig(opts.configroot, opts.confighandlers)  # <environment>
    # What zope.i18n read at its import, before <environment> was set.
    i18n_config.ALLOWED_LANGUAGES = allowed_languages(os.environ)
    setConfiguration(opts.configroot)
    starter.setConfiguration(opts.configroot)
    starter.prepare()  # loads the ZCML: the translations of those languages
    # What the process holds for good now (modules, the component registry,
    # the translations) out of the garbage collector's full collections.
    gc.collect()
    gc.freeze()
    return publish_module
