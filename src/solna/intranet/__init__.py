"""Solna intranät: the intranet of Solna stad."""

from zope.i18nmessageid import MessageFactory

import logging


PACKAGE_NAME = "solna.intranet"

_ = MessageFactory(PACKAGE_NAME)

logger = logging.getLogger(PACKAGE_NAME)
