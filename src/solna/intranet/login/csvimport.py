"""HR's invitations from a file: one row per person (name, unit,
profession, e-mail), all or nothing.

The file is CSV as Excel and Numbers save it: UTF-8 with or without a
byte order mark, fields separated by ``;`` (Swedish Excel) or ``,``
(chosen from the header line), quoted as the csv module reads them. The
first line names the columns, in any order and case, in Swedish or English
(``COLUMNS``); other columns are ignored. A file in another encoding (Excel's
"CSV (semikolonavgränsad)" is cp1252, "Unicode-text" UTF-16) is refused as
a whole with a Swedish message saying how to save it, not read as garbage.

Each row is checked as a single invitation is (invitations.check), plus:
the unit may be written as its title, its place in the organisation
("Barn och utbildning › Solgläntan", also with ">" or "/") or its UID;
the profession as its id or its title (Swedish or English); the same
address twice is a duplicate row. When any row is wrong nothing is
created and every wrong row is reported (row numbers as Excel shows them:
the header is row 1).
"""

from solna.intranet import _
from solna.intranet.login import invitations
from solna.intranet.login.accounts import canonical
from solna.intranet.members import normalized
from solna.intranet.organisation.tree import titled_paths
from solna.intranet.vocabularies import PROFESSIONS
from zope.i18n import translate
from zope.i18nmessageid import Message

import codecs
import csv
import io


#: The columns a file must have, each with the header names accepted for it.
COLUMNS = {
    "fullname": ("namn", "name", "fullständigt namn", "för- och efternamn"),
    "unit": ("enhet", "unit", "arbetsplats"),
    "profession": ("yrkesgrupp", "yrke", "profession"),
    "email": ("e-post", "epost", "e-postadress", "email", "e-mail", "mejl"),
}
#: What each column is called in messages (Swedish, the file's language).
COLUMN_NAMES = {
    "fullname": "namn",
    "unit": "enhet",
    "profession": "yrkesgrupp",
    "email": "e-post",
}
MAX_ROWS = 1000
MAX_BYTES = 2 * 1024 * 1024

EMPTY = _("invitation_csv_empty", default="The file is empty.")
TOO_BIG = _(
    "invitation_csv_too_big",
    default="The file is too big: at most ${rows} people (2 MB) at a time.",
)
ENCODING = _(
    "invitation_csv_encoding",
    default="The file is not saved as UTF-8, so its letters (å, ä, ö) "
    "cannot be read. In Excel, choose Save as › “CSV UTF-8 (kommaavgränsad)” "
    "and try again.",
)
NOT_CSV = _(
    "invitation_csv_not_csv",
    default="The file could not be read as CSV (a text file with one person "
    "per line). Save it from Excel as “CSV UTF-8 (kommaavgränsad)”.",
)
MISSING_COLUMNS = _(
    "invitation_csv_missing_columns",
    default="The first line must name the columns. Missing: ${columns}. "
    "Begin the file with the line: namn;enhet;yrkesgrupp;e-post",
)
NO_ROWS = _("invitation_csv_no_rows", default="The file has no people in it.")
ROWS_REFUSED = _(
    "invitation_csv_rows_refused",
    default="Nobody was invited: some rows are wrong (see rows). Correct "
    "them and send the file again.",
)
ROW = _("invitation_csv_row", default="Row ${row}: ${problems}.")
UNKNOWN_UNIT = _("invitation_csv_unknown_unit", default="unknown unit “${value}”")
AMBIGUOUS_UNIT = _(
    "invitation_csv_ambiguous_unit",
    default="several units are called “${value}”: write its place, as in “${example}”",
)
UNIT_NOT_YOURS = _(
    "invitation_csv_unit_not_yours",
    default="you may not invite staff to “${value}”",
)
UNKNOWN_PROFESSION = _(
    "invitation_csv_unknown_profession",
    default="unknown profession “${value}”",
)
NO_NAME = _("invitation_csv_no_name", default="the name is missing")
NO_UNIT = _("invitation_csv_no_unit", default="the unit is missing")
NO_PROFESSION = _("invitation_csv_no_profession", default="the profession is missing")
NO_EMAIL = _("invitation_csv_no_email", default="the e-mail address is missing")
BAD_EMAIL = _("invitation_csv_bad_email", default="“${value}” is not an e-mail address")
TAKEN = _(
    "invitation_csv_taken",
    default="the address ${value} is already on an account",
)
INVITED = _(
    "invitation_csv_invited",
    default="the address ${value} already has an invitation waiting",
)
DUPLICATE = _(
    "invitation_csv_duplicate",
    default="the same e-mail address as row ${row}",
)
LONG_NAME = _("invitation_csv_long_name", default="the name is too long")


class FileRefused(ValueError):
    """The file as a whole cannot be read: ``message`` (i18n)."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def decode(data):
    """The file's text. ``data``: bytes (or str, from a JSON body). Raises
    FileRefused for an empty file, one too big, or one not in UTF-8 (a
    UTF-16 file, a cp1252/latin-1 file with å, ä, ö)."""
    if isinstance(data, str):
        text = data
    else:
        if not data:
            raise FileRefused(EMPTY)
        if len(data) > MAX_BYTES:
            raise FileRefused(Message(TOO_BIG, mapping={"rows": MAX_ROWS}))
        if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            raise FileRefused(ENCODING)
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise FileRefused(ENCODING) from None
    if "\x00" in text:
        raise FileRefused(ENCODING)  # UTF-16 without its mark
    text = normalized(text.lstrip("\ufeff"))
    if not text.strip():
        raise FileRefused(EMPTY)
    return text


def _separator(header):
    return ";" if header.count(";") >= header.count(",") else ","


def read_rows(text):
    """[(row number, {"fullname", "unit", "profession", "email"})] of the
    text's rows with something in them. Raises FileRefused for missing
    columns, no rows, or too many."""
    lines = text.splitlines()
    header_line = next((line for line in lines if line.strip()), "")
    try:
        reader = csv.reader(io.StringIO(text), delimiter=_separator(header_line))
        rows = list(reader)
    except csv.Error:
        raise FileRefused(NOT_CSV) from None
    while rows and not any(cell.strip() for cell in rows[0]):
        rows.pop(0)
    header = [" ".join(cell.split()).lower() for cell in rows[0]]
    where = {}
    for field, names in COLUMNS.items():
        for position, name in enumerate(header):
            if name in names:
                where[field] = position
                break
    missing = [COLUMN_NAMES[field] for field in COLUMNS if field not in where]
    if missing:
        raise FileRefused(
            Message(MISSING_COLUMNS, mapping={"columns": ", ".join(missing)})
        )
    found = []
    # The csv reader's line_num would count lines inside quoted cells; rows
    # are numbered as a spreadsheet shows them.
    for number, cells in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        found.append(
            (
                number,
                {
                    field: cells[position].strip() if position < len(cells) else ""
                    for field, position in where.items()
                },
            )
        )
    if not found:
        raise FileRefused(NO_ROWS)
    if len(found) > MAX_ROWS:
        raise FileRefused(Message(TOO_BIG, mapping={"rows": MAX_ROWS}))
    return found


def _unit_key(text):
    """A unit as written in a file, comparable: "Barn och utbildning >
    Solgläntan" and "barn och utbildning › solgläntan" are the same."""
    text = canonical(text)
    for separator in (">", "/"):
        text = text.replace(separator, "›")
    return "›".join(part.strip() for part in text.split("›"))


class Lookup:
    """Units and professions by what a file may call them."""

    def __init__(self, request=None):
        self.units = {}  # key -> set of UIDs
        self.example = {}  # UID -> its place, for messages
        for brain, parts in titled_paths(invitations._all_unit_brains()):
            place = " › ".join(parts)
            self.example[brain.UID] = place
            for key in (_unit_key(brain.Title), _unit_key(place), brain.UID.lower()):
                self.units.setdefault(key, set()).add(brain.UID)
        self.professions = {}
        for value, title in PROFESSIONS:
            for name in (
                value,
                str(title),
                title.default,
                translate(title, target_language="sv"),
                translate(title, context=request) if request is not None else "",
            ):
                if name:
                    self.professions[canonical(name)] = value

    def unit(self, text):
        """(UID or None, problem or None)."""
        found = self.units.get(_unit_key(text), set())
        if len(found) == 1:
            return next(iter(found)), None
        if not found:
            return None, Message(UNKNOWN_UNIT, mapping={"value": text})
        example = sorted(self.example[uid] for uid in found)[0]
        return None, Message(
            AMBIGUOUS_UNIT, mapping={"value": text, "example": example}
        )

    def profession(self, text):
        return self.professions.get(canonical(text))


def _email_problem(cells, taken, waiting, seen):
    address = canonical(cells["email"])
    if not address:
        return address, NO_EMAIL
    if not invitations.valid_email(address):
        return address, Message(BAD_EMAIL, mapping={"value": cells["email"]})
    if address in seen:
        return address, Message(DUPLICATE, mapping={"row": seen[address]})
    if address in taken:
        return address, Message(TAKEN, mapping={"value": address})
    if address in waiting:
        return address, Message(INVITED, mapping={"value": address})
    return address, None


def _unit_problem(cells, lookup, allowed):
    if not cells["unit"]:
        return None, NO_UNIT
    uid, problem = lookup.unit(cells["unit"])
    if problem is None and uid not in allowed:
        problem = Message(UNIT_NOT_YOURS, mapping={"value": cells["unit"]})
    return uid, problem


def _row_problems(cells, lookup, allowed, taken, waiting, seen):
    """(values for invitations.invite, [problem]) of one row."""
    problems = []
    name = " ".join(normalized(cells["fullname"]).split())
    if not name:
        problems.append(NO_NAME)
    elif len(name) > invitations.MAX_NAME:
        problems.append(LONG_NAME)
    uid, problem = _unit_problem(cells, lookup, allowed)
    problems.append(problem)
    profession = lookup.profession(cells["profession"])
    if not cells["profession"]:
        problems.append(NO_PROFESSION)
    elif profession is None:
        problems.append(
            Message(UNKNOWN_PROFESSION, mapping={"value": cells["profession"]})
        )
    address, problem = _email_problem(cells, taken, waiting, seen)
    problems.append(problem)
    values = {
        "fullname": name,
        "unit": uid,
        "profession": profession,
        "email": address,
    }
    return values, [p for p in problems if p is not None]


def check_file(data, request=None):
    """Read and check a whole file for the current member (who may invite
    to ``invitations.invitable_units()``).

    Returns (people, refusals): people [values for invitations.invite] when
    every row is good, else []; refusals [{"row": int, "message": i18n
    message "Rad 3: okänd enhet ”X”, …"}] for the wrong rows. Raises
    FileRefused for a file that cannot be read as a whole."""
    rows = read_rows(decode(data))
    lookup = Lookup(request)
    allowed = {u["UID"] for u in invitations.invitable_units()}
    taken = invitations.taken_addresses()
    waiting = invitations.waiting_addresses()
    seen, people, refusals = {}, [], []
    for number, cells in rows:
        values, problems = _row_problems(cells, lookup, allowed, taken, waiting, seen)
        if values["email"] and values["email"] not in seen:
            seen[values["email"]] = number
        if problems:
            refusals.append(
                {
                    "row": number,
                    "problems": problems,
                    "message": Message(
                        ROW,
                        mapping={
                            "row": number,
                            "problems": "; ".join(
                                translate(p, context=request) for p in problems
                            ),
                        },
                    ),
                }
            )
        else:
            people.append(values)
    return ([] if refusals else people), refusals


def import_file(data, request=None):
    """Check a file and, when every row is good, invite everyone in it
    (each gets their mail after the commit). Returns (records, refusals):
    the invitations made ([] when any row was refused) and the refusals as
    ``check_file`` gives them. Raises FileRefused."""
    people, refusals = check_file(data, request)
    if refusals:
        return [], refusals
    return [invitations.invite(values, request) for values in people], []
