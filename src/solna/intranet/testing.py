"""Test layers of solna.intranet.

The base fixture creates the site the way ``make start`` does, with Plone's
``classic`` distribution (Swedish, Europe/Stockholm, no example content), and
then applies ``solna.intranet:default``. Test layers do not autoinclude: the
package's ZCML is loaded explicitly (it includes what our profiles depend on).
"""

from plone.app.testing import applyProfile
from plone.app.testing import FunctionalTesting
from plone.app.testing import IntegrationTesting
from plone.app.testing import PLONE_SITE_ID
from plone.app.testing import PloneSandboxLayer
from plone.distribution.testing.layer import PloneDistributionFixture
from plone.testing.zope import WSGI_SERVER_FIXTURE
from solna.intranet.site import answers
from solna.intranet.site import DISTRIBUTION
from solna.intranet.site import PROFILE

import os
import tempfile


# Compile our .po files (and Plone's) when the ZCML registers them, as the
# running instance does (zope.conf sets the same).
os.environ.setdefault("zope_i18n_compile_mo_files", "true")
os.environ.setdefault("zope_i18n_allowed_languages", "sv en")
# Statistics (stats/store.py) go to a file of the test run's own.
os.environ.setdefault(
    "SOLNA_STATS_DB",
    os.path.join(tempfile.mkdtemp(prefix="solna-stats-"), "solna-stats.sqlite"),
)


class ClassicSiteFixture(PloneDistributionFixture):
    """A Plone site created with the classic distribution, as in production."""

    PACKAGE_NAME = "solna.intranet"
    SITES = ((DISTRIBUTION, answers(PLONE_SITE_ID)),)
    _distribution_products = (
        ("plone.app.contenttypes", {"loadZCML": True}),
        ("plone.distribution", {"loadZCML": True}),
    )


CLASSIC_SITE_FIXTURE = ClassicSiteFixture()


class SolnaIntranetLayer(PloneSandboxLayer):
    defaultBases = (CLASSIC_SITE_FIXTURE,)

    def setUpZope(self, app, configurationContext):
        """collective.easyform registers Products.validation's validators
        (isEmail, isURL…) as utilities when its module is first imported,
        into whichever component registry is current then: a test layer
        that imported it first took them along when it was torn down, and
        the form editor's Valideringar lacked them (order-dependent). So
        they are registered for this layer, as easyform's own tests do."""
        from collective.easyform import validators

        validators.update_validators()

    def setUpPloneSite(self, portal):
        applyProfile(portal, PROFILE)


FIXTURE = SolnaIntranetLayer()


INTEGRATION_TESTING = IntegrationTesting(
    bases=(FIXTURE,),
    name="SolnaIntranetLayer:IntegrationTesting",
)

FUNCTIONAL_TESTING = FunctionalTesting(
    bases=(FIXTURE, WSGI_SERVER_FIXTURE),
    name="SolnaIntranetLayer:FunctionalTesting",
)
