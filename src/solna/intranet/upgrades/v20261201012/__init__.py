"""→ 20261201012: items already in review (Väntar på granskning) record who
may review them, so that their reviewers find them in Notiser as they find
an item sent since (dialogue/notices/notices.py ``mark_waiting_items``)."""

from solna.intranet.dialogue.notices.notices import mark_waiting_items

import logging


logger = logging.getLogger(__name__)


def upgrade(context):
    logger.info("%d items in review now notify their reviewers", mark_waiting_items())
