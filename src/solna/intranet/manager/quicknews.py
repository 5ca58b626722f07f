"""Snabbnyhet: a manager writes a short news item for one of their units and
publishes it at once (they are its reviewer), optionally as must-read.

Quick news is always of priority Normal: it never raises a crisis (that is
Krisledning's, crisis/raising.py). A form or JSON body asking for Kris is
refused with the same Swedish message as the news form."""

from html import escape
from plone import api
from plone.app.textfield.value import RichTextValue
from solna.intranet import _
from solna.intranet.crisis.raising import RAISING_REFUSED
from solna.intranet.crisis.state import KRIS
from solna.intranet.validators import checked
from solna.intranet.validators import text_of

import datetime


def paragraphs(text):
    """Plain text as HTML paragraphs (blank lines part them)."""
    parts = [p.strip() for p in text.replace("\r\n", "\n").split("\n\n")]
    return "".join(
        "<p>{}</p>".format(escape(p).replace("\n", "<br />")) for p in parts if p
    )


def validate(form, units, today=None):
    """(values, errors): the cleaned values and the Swedish errors by field."""
    today = today or datetime.date.today()
    values = {
        "title": text_of(form, "title"),
        "text": text_of(form, "text"),
        "unit": text_of(form, "unit"),
        "must_read": checked(form, "must_read"),
        "deadline": text_of(form, "deadline"),
    }
    errors = {}
    if text_of(form, "priority") == KRIS:
        errors["priority"] = RAISING_REFUSED
    if not values["title"]:
        errors["title"] = _("Write a headline.")
    if not values["text"]:
        errors["text"] = _("Write the news.")
    if values["unit"] not in {b.UID for b in units}:
        errors["unit"] = _("Choose one of your units.")
    if values["deadline"]:
        try:
            deadline = datetime.date.fromisoformat(values["deadline"])
        except ValueError:
            errors["deadline"] = _("Give the date as YYYY-MM-DD.")
        else:
            if deadline < today:
                errors["deadline"] = _("The date has already passed.")
            elif not values["must_read"]:
                errors["deadline"] = _("A read-by date needs Must be read.")
            values["deadline_date"] = deadline
    return values, errors


def publish(values, units):
    """Create the news item in the chosen unit, meant for that unit, and
    publish it. Returns it."""
    unit = next(b for b in units if values["unit"] == b.UID).getObject()
    item = api.content.create(
        container=unit,
        type="News Item",
        title=values["title"],
        audience_all=False,
        audience_units=[values["unit"]],
        must_read=values["must_read"],
        must_read_deadline=values.get("deadline_date"),
        priority="normal",
    )
    item.text = RichTextValue(
        paragraphs(values["text"]), "text/html", "text/x-html-safe"
    )
    api.content.transition(item, transition="publish")
    item.reindexObject()
    return item
