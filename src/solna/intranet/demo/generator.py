"""The demo generator: a deterministic, fictional Swedish data set for Solna
stad, in any size.

``plan(sizes, seed)`` computes every item (pure Python, no Plone: the same
seed gives the same plan); ``load(portal, plan)`` creates what does not exist
yet, committing every ``commit_every`` items, so an interrupted large run
loses nothing and a second run continues where the first stopped.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from dataclasses import field
from solna.intranet.demo import data
from solna.intranet.demo.accounts import DEMO_ACCOUNTS

import datetime
import random
import re
import unicodedata


#: The demo's rules and answers: each title once (a copy "(2)" would fill
#: the first screen of a search for "sjuk" or "vab").
UNIQUE_RULES = sum(len(titles) for titles in data.RULES.values())
UNIQUE_ANSWERS = sum(len(questions) for questions in data.QUESTIONS.values())


@dataclass(frozen=True)
class Sizes:
    """How many of each the plan holds. Beyond the unique titles (the large
    data set) a title repeats with " (2)", " (3)" …"""

    people: int = 300
    rules: int = UNIQUE_RULES
    answers: int = UNIQUE_ANSWERS
    news: int = 100


SIZES = {
    "demo": Sizes(),
    "large": Sizes(people=5000, rules=1000, answers=1000, news=20000),
}
SEED = 2026
#: News dates count back from here (not from today: the plan is deterministic).
BASE_DATE = datetime.datetime(2026, 11, 27, 9, 0)
NEWS_FOLDER = "nyheter"


def slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


@dataclass
class Item:
    """One piece of content: where it goes, its type and its fields."""

    path: tuple[str, ...]  # ids from the site root; the last is its own
    portal_type: str
    fields: dict = field(default_factory=dict)
    publish: bool = True
    #: References to set once everything exists: field -> path(s)
    relations: dict = field(default_factory=dict)
    #: Login name this person belongs to (demo accounts)
    account: str | None = None


@dataclass
class Plan:
    units: list[Item]
    people: list[Item]
    rules: list[Item]
    answers: list[Item]
    news: list[Item]

    def items(self) -> Iterator[Item]:
        yield from self.units
        yield from self.people
        yield from self.rules
        yield from self.answers
        yield from self.news

    def __len__(self):
        return sum(
            len(x)
            for x in (self.units, self.people, self.rules, self.answers, self.news)
        )


def unique_email(local, taken, domain="solna.se"):
    """``local@domain``, or ``local2@domain``, ``local3@domain`` … when that
    address is in ``taken`` (a set, which the new address joins): two
    people named Anna Svensson in different units were both
    anna.svensson@solna.se (issue 18), as were two units of one name."""
    address, n = f"{local}@{domain}", 1
    while address in taken:
        n += 1
        address = f"{local}{n}@{domain}"
    taken.add(address)
    return address


def _own_email(account, taken):
    """A demo account's address (``account.email``) for its directory
    entry, joining ``taken`` so that no generated address repeats it."""
    taken.add(account.email)
    return account.email


def _units(rng) -> list[Item]:
    units, number, emails = [], 0, set()

    def unit(path, title, kind):
        nonlocal number
        number += 1
        street = rng.choice(data.STREETS)
        fields = {
            "title": title,
            "kind": kind,
            "phone": f"08-746 {10 + number // 10:02d} {number % 100:02d}",
            "email": unique_email(slug(title), emails),
            "visiting_address": (
                f"{street} {rng.randint(1, 60)}\n171 {rng.randint(40, 79)} Solna"
            ),
        }
        if kind in ("forskola", "fritidsgard", "hemtjanst"):
            fields["opening_hours"] = {
                "forskola": "Måndag–fredag 6.30–18.00",
                "fritidsgard": "Måndag–torsdag 15.00–21.00\nFredag 15.00–23.00",
                "hemtjanst": "Alla dagar 7.00–22.00",
            }[kind]
        units.append(Item(path, "solna.Unit", fields))

    for title, kind, areas in data.ORGANISATION:
        top = (slug(title),)
        unit(top, title, kind)
        for area_title, area_kind, leaves, leaf_kind in areas:
            area = (*top, slug(area_title))
            unit(area, area_title, area_kind)
            for leaf in leaves:
                unit((*area, slug(leaf)), leaf, leaf_kind)
    return units


def _people(rng, units, count) -> list[Item]:
    people, taken, number, emails = [], set(), 0, set()
    leaves = [u for u in units if u.fields["kind"] in data.PROFESSIONS_BY_KIND]
    by_title = {u.fields["title"]: u for u in units}

    def person(unit, profession, first, last, account=None, protected=False):
        nonlocal number
        number += 1
        base = slug(f"{first} {last}")
        person_id, n = base, 1
        while (*unit.path, person_id) in taken:
            n += 1
            person_id = f"{base}-{n}"
        taken.add((*unit.path, person_id))
        fields = {
            "first_name": first,
            "last_name": last,
            "job_title": data.JOB_TITLES[profession],
            "profession": profession,
            "phone": f"08-746 {50 + number // 100 % 50:02d} {number % 100:02d}",
            # A demo account's entry has the account's own address (where
            # its mail goes, demo/accounts.py): what Fråga HR fills in from
            # the member's profile and what the directory shows agree
            # (issue 18: "@solna.example" in the form, "@solna.se" here).
            "email": _own_email(account, emails)
            if account
            else unique_email(base.replace("-", "."), emails),
            "workplace": unit.fields["title"],
        }
        if rng.random() < 0.7:
            digits = (rng.randint(100, 999), rng.randint(10, 99), rng.randint(10, 99))
            fields["mobile"] = "070-{} {} {}".format(*digits)
        if rng.random() < 0.4:
            fields["ask_me_about"] = "\n".join(rng.sample(data.ASK_ME_ABOUT, 2))
        if protected:
            fields["protected_identity"] = True
        if account:
            fields["userid"] = account.userid
        people.append(
            Item(
                (*unit.path, person_id),
                "solna.Person",
                fields,
                publish=not protected,
                account=account.userid if account else None,
            )
        )
        return people[-1]

    # The demo accounts first, so that they get their intended units.
    for account in DEMO_ACCOUNTS:
        if not account.unit:  # not in the directory yet
            continue
        first, last = account.fullname.split(" ", 1)
        person(by_title[account.unit], account.profession, first, last, account)
    # Every unit has a manager (chef).
    for unit in units:
        if len(people) >= count:
            break
        own = [
            p
            for p in people
            if p.path[:-1] == unit.path and p.fields["profession"] == "chef"
        ]
        manager = (
            own[0]
            if own
            else person(
                unit, "chef", rng.choice(data.FIRST_NAMES), rng.choice(data.LAST_NAMES)
            )
        )
        unit.relations["manager"] = manager.path
    while len(people) < count:
        unit = leaves[len(people) % len(leaves)]
        profession = rng.choice(data.PROFESSIONS_BY_KIND[unit.fields["kind"]])
        person(
            unit,
            profession,
            rng.choice(data.FIRST_NAMES),
            rng.choice(data.LAST_NAMES),
            protected=rng.random() < 0.01,
        )
    return people


def _titled(table, count):
    """``count`` (category, title, title shown) from ``table`` ({category:
    titles}): the categories in turn, each title once, then the same again
    as "title (2)", "title (3)" … (the large data set)."""
    once = [
        (category, titles[i])
        for i in range(max(len(t) for t in table.values()))
        for category, titles in table.items()
        if i < len(titles)
    ]
    for i in range(count):
        round_, position = divmod(i, len(once))
        category, title = once[position]
        yield category, title, title + (f" ({round_ + 1})" if round_ else "")


def _rules(rng, hr_path, count) -> list[Item]:
    rules = []
    for category, title, name in _titled(data.RULES, count):
        effective = datetime.date(2024, 1, 1) + datetime.timedelta(
            days=rng.randint(0, 900)
        )
        description, text = data.RULE_TEXTS.get(
            title,
            (
                f"Vad som gäller för {name.lower()} i Solna stad.",
                f"<p>Här beskrivs reglerna för {name.lower()}.</p>",
            ),
        )
        rules.append(
            Item(
                (*hr_path, slug(name)),
                "solna.Rule",
                {
                    "title": name,
                    "description": description,
                    "category": category,
                    "applies_to": rng.choice(
                        [
                            [],
                            [],
                            ["forskollarare", "barnskotare"],
                            ["underskoterska", "vardbitrade"],
                        ]
                    ),
                    "legal_basis": rng.choice(data.LEGAL_BASES),
                    "in_force_from": effective,
                    # published the morning it came into force
                    "effective": datetime.datetime.combine(
                        effective, datetime.time(8, 0)
                    ),
                    "review_date": effective + datetime.timedelta(days=365),
                    "responsible": "karin.berg",
                    "text": text,
                },
            )
        )
    return rules


def _answers(rng, hr_path, rules, count) -> list[Item]:
    answers = []
    by_category = {}
    for rule in rules:
        by_category.setdefault(rule.fields["category"], []).append(rule.path)
    for i, (category, base, question) in enumerate(_titled(data.QUESTIONS, count)):
        description, text = data.ANSWER_TEXTS.get(base, ("", ""))
        item = Item(
            (*hr_path, slug(question)),
            "solna.Answer",
            {
                "title": question,
                "description": description,
                "category": category,
                "responsible": "karin.berg",
                "review_date": datetime.date(2027, 1, 1)
                + datetime.timedelta(days=i % 300),
                "text": text + "<p>Kontakta din chef eller HR om du är osäker.</p>",
            },
        )
        if by_category.get(category):
            item.relations["related_rules"] = [rng.choice(by_category[category])]
        answers.append(item)
    return answers


def _news(rng, units, count) -> list[Item]:
    news = []
    professions = sorted({p for ps in data.PROFESSIONS_BY_KIND.values() for p in ps})
    titles = [t.format(x=x) for t in data.NEWS for x in data.NEWS_SUBJECTS]
    used = {}
    for i in range(count):
        title = rng.choice(data.NEWS).format(x=rng.choice(data.NEWS_SUBJECTS))
        # Each title once while there are unused ones (two "Välkommen till
        # friskvård" on a search's first screen look like a fault), then
        # numbered; the draw stays, so the rest of the data set is the same.
        if title in used:
            title = next((t for t in titles if t not in used), title)
        used[title] = used.get(title, 0) + 1
        if used[title] > 1:
            title = f"{title} ({used[title]})"
        # Generated news is never crisis news (the demo has one real-looking
        # crisis item); the draw stays, so the rest of the data set is the same.
        drawn = rng.choices(["normal", "viktig", "kris"], [85, 12, 3])[0]
        fields = {
            "title": title,
            "description": "En nyhet från Solna stad.",
            "text": f"<p>{title}. Läs mer på intranätet eller fråga din chef.</p>",
            "effective": BASE_DATE - datetime.timedelta(hours=7 * i),
            "priority": "viktig" if drawn == "kris" else drawn,
        }
        kind = rng.choices(["all", "units", "professions", "both"], [40, 25, 20, 15])[0]
        fields["audience_all"] = kind == "all"
        relations = {}
        if kind in ("units", "both"):
            relations["audience_units"] = [
                u.path for u in rng.sample(units, rng.randint(1, 2))
            ]
        if kind in ("professions", "both"):
            fields["audience_professions"] = rng.sample(professions, rng.randint(1, 2))
        if rng.random() < 0.1:
            fields["must_read"] = True
            fields["must_read_deadline"] = (
                fields["effective"] + datetime.timedelta(days=14)
            ).date()
        item = Item((NEWS_FOLDER, f"nyhet-{i + 1:05d}"), "News Item", fields)
        item.relations = relations
        news.append(item)
    return news


def plan(sizes: Sizes = SIZES["demo"], seed: int = SEED) -> Plan:
    rng = random.Random(seed)  # noqa: S311 - fictional data, not secrets
    units = _units(rng)
    hr_path = next(u.path for u in units if u.fields["title"] == "HR-avdelningen")
    people = _people(rng, units, sizes.people)
    rules = _rules(rng, hr_path, sizes.rules)
    answers = _answers(rng, hr_path, rules, sizes.answers)
    news = _news(rng, units, sizes.news)
    return Plan(units, people, rules, answers, news)
