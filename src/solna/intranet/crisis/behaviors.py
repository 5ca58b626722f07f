"""What a crisis asks of its readers (behaviour ``solna.crisis`` on news).

Only those who may raise a crisis (permission "solna.intranet: Publish
crisis information": Krisledning and site administrators) write these
fields; the priority Kris itself is guarded in raising.py.
"""

from plone.autoform import directives
from plone.autoform.interfaces import IFormFieldProvider
from plone.supermodel import model
from solna.intranet import _
from zope import schema
from zope.interface import provider


#: Minutes after which those who have not acknowledged are reminded.
REMINDER_MINUTES = 30


@provider(IFormFieldProvider)
class ICrisis(model.Schema):
    """Kris: whether staff are asked if they are safe, and when those who
    have not answered are reminded (minutes after publication)."""

    model.fieldset(
        "crisis",
        label=_("crisis_fieldset", default="Crisis"),
        fields=["crisis_asks_safety", "crisis_reminder_minutes"],
    )
    directives.write_permission(
        crisis_asks_safety="solna.intranet.PublishCrisis",
        crisis_reminder_minutes="solna.intranet.PublishCrisis",
    )
    crisis_asks_safety = schema.Bool(
        title=_("crisis_asks_safety", default="Ask whether staff are safe"),
        description=_(
            "crisis_asks_safety_help",
            default="Readers answer Jag är i säkerhet or Jag behöver hjälp; "
            "those who need help are reported to their manager at once.",
        ),
        required=False,
        default=False,
    )
    crisis_reminder_minutes = schema.Int(
        title=_("crisis_reminder_minutes", default="Remind after (minutes)"),
        description=_(
            "crisis_reminder_minutes_help",
            default="Those who have not acknowledged the crisis get one "
            "reminder by e-mail this many minutes after it was published.",
        ),
        required=False,
        min=5,
        max=24 * 60,
        default=REMINDER_MINUTES,
    )
