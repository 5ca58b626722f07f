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

Three libraries are kept out of the process until something uses them
(``defer_imports``, around the loading of the ZCML): pkg_resources, which
pas.plugins.oidc's ``pas`` and ``pas.plugins`` namespace packages import
to declare themselves (an API setuptools deprecates; importing it scans
every installed distribution: ~130 ms and ~2.5 MB), and openpyxl,
which collective.easyform imports at start only to learn whether it may
offer XLSX exports (``collective.easyform.config``), loaded at the first
export; likewise puremagic (its signature table), loaded at the first
upload (security/uploads.py). Together ~9 MB less in each process (an
empty site's process: 177 → 168 MB).
"""

import gc
import importlib.machinery
import importlib.util
import os
import sys
import threading
import types


#: Namespace packages declared through pkg_resources
#: (``__import__("pkg_resources").declare_namespace``), made PEP 420
#: namespace packages of the same directories instead.
PKG_RESOURCES_NAMESPACES = ("pas", "pas.plugins")
#: Modules imported while the ZCML loads that no page uses (an export, an
#: upload): ``Deferred`` meanwhile.
LAZY_MODULES = ("openpyxl", "puremagic")

_LOADING = threading.Lock()


class Deferred(types.ModuleType):
    """What ``import name`` binds while the ZCML loads, instead of the
    module: the first attribute asked of it (PEP 562's module
    ``__getattr__``) imports the real module and answers from it, then and
    for good, for whoever bound it meanwhile. ``import name`` itself loads
    nothing. Once the ZCML is loaded it leaves ``sys.modules``
    (``undefer``): later imports, submodules too, are Python's own.
    (importlib's LazyLoader, the recipe of the importlib documentation,
    loads at ``import name`` on Python 3.11: the import system reads the
    module's ``__spec__``.)"""

    def __getattr__(self, attribute):
        with _LOADING:  # only to take it out of sys.modules once
            if sys.modules.get(self.__name__) is self:
                del sys.modules[self.__name__]
        return getattr(importlib.import_module(self.__name__), attribute)


def defer_imports(namespaces=PKG_RESOURCES_NAMESPACES, lazy=LAZY_MODULES):
    """Keep pkg_resources and the ``lazy`` modules out of the process until
    used (the module's docstring): each of ``namespaces`` (dotted names,
    parents first) becomes a namespace package of the directories of that
    name on its parent's path, so its ``__init__`` (the pkg_resources
    call) never runs; each of ``lazy`` is a ``Deferred`` module in
    ``sys.modules`` until ``undefer``. A name already imported, or not
    installed, is left alone. Returns the names it made ``Deferred`` (a
    list, for ``undefer``)."""
    for name in namespaces:
        parent, _dot, last = name.rpartition(".")
        if name in sys.modules or (parent and parent not in sys.modules):
            continue
        search = sys.modules[parent].__path__ if parent else sys.path
        where = [
            os.path.join(entry, last)
            for entry in search
            if os.path.isdir(os.path.join(entry or ".", last))
        ]
        if not where:
            continue
        spec = importlib.machinery.ModuleSpec(name, None, is_package=True)
        spec.submodule_search_locations = where
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        if parent:
            setattr(sys.modules[parent], last, module)
    deferred = []
    for name in lazy:
        spec = None if name in sys.modules else importlib.util.find_spec(name)
        if spec is None:
            continue
        module = Deferred(name)
        module.__spec__ = spec
        sys.modules[name] = module
        deferred.append(name)
    return deferred


def undefer(names):
    """Take the ``Deferred`` modules of ``names`` that nothing used out of
    ``sys.modules``: those who bound one keep it (it loads the module when
    first asked), everyone else imports the real module."""
    for name in names:
        if isinstance(sys.modules.get(name), Deferred):
            del sys.modules[name]


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
    deferred = defer_imports()
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
    undefer(deferred)
    # What the process holds for good now (modules, the component registry,
    # the translations) out of the garbage collector's full collections.
    gc.collect()
    gc.freeze()
    return publish_module
