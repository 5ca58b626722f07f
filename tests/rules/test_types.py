"""A rule's fields: the next review not before it comes into force."""

from zope.i18n import translate
from zope.interface import Invalid

import datetime
import pytest


def test_review_date_before_in_force_from_is_refused():
    from solna.intranet.rules.content import IRule

    class Data:
        in_force_from = datetime.date(2027, 1, 1)
        review_date = datetime.date(2026, 12, 31)

    with pytest.raises(Invalid) as error:
        IRule.validateInvariants(Data())
    assert translate(error.value.args[0], target_language="sv") == (
        "Nästa granskning kan inte vara före datumet då regeln börjar gälla."
    )
    Data.review_date = datetime.date(2028, 1, 1)
    IRule.validateInvariants(Data())
