"""The demo accounts `make start` creates on a new local site.

One list, used by the demo profile that creates the accounts (and their
entries in the directory) and by ``scripts/create_site.py`` that prints them:
the README shows the same.
"""

from dataclasses import dataclass


#: Every demo account's password. Local demo only: a real site has no demo
#: profile applied.
DEMO_PASSWORD = "solna-demo-2026"


@dataclass(frozen=True)
class DemoAccount:
    userid: str
    fullname: str
    email: str
    role: str  # what the person is, in the UI's words
    groups: tuple[str, ...] = ()  # beyond Medarbetare (workflow/groups.py)
    unit: str = ""  # the title of the unit the person works in
    profession: str = ""
    #: Redaktör: the title of the unit whose editors list has this account.
    #: (A Chef is the manager of their unit: the first chef in it.)
    edits: str = ""


DEMO_ACCOUNTS = (
    DemoAccount(
        "anna.lindqvist",
        "Anna Lindqvist",
        "anna.lindqvist@solna.example",
        "Medarbetare (förskollärare)",
        unit="Solgläntan",
        profession="forskollarare",
    ),
    DemoAccount(
        "johan.ek",
        "Johan Ek",
        "johan.ek@solna.example",
        "Chef (förskolechef)",
        unit="Solgläntan",
        profession="chef",
    ),
    DemoAccount(
        "lina.ahmed",
        "Lina Ahmed",
        "lina.ahmed@solna.example",
        "Redaktör (Solgläntan)",
        unit="Solgläntan",
        profession="barnskotare",
        edits="Solgläntan",
    ),
    DemoAccount(
        "erik.sandberg",
        "Erik Sandberg",
        "erik.sandberg@solna.example",
        "Granskare/Kommunikatör, Krisledning",
        ("granskare", "krisledning"),
        unit="Kommunikationsenheten",
        profession="kommunikator",
    ),
    DemoAccount(
        "karin.berg",
        "Karin Berg",
        "karin.berg@solna.example",
        "HR-redaktör",
        ("hr-redaktorer",),
        unit="HR-avdelningen",
        profession="hr-specialist",
    ),
    DemoAccount(
        "lars.wikstrom",
        "Lars Wikström",
        "lars.wikstrom@solna.example",
        "HR-granskare",
        ("hr-granskare",),
        unit="HR-avdelningen",
        profession="hr-specialist",
    ),
    DemoAccount(
        "sofia.lund",
        "Sofia Lund",
        "sofia.lund@solna.example",
        "Formulärhandläggare (alla blanketterna)",
        ("formularhandlaggare", "hr-handlaggare", "arbetsmiljo", "it-service"),
        unit="HR-avdelningen",
        profession="hr-specialist",
    ),
    DemoAccount(
        "maria.holm",
        "Maria Holm",
        "maria.holm@solna.example",
        "Webbredaktör",
        ("webbredaktorer",),
        unit="Kommunikationsenheten",
        profession="kommunikator",
    ),
    # New: has not chosen unit and profession (Mitt intranät asks).
    DemoAccount(
        "emma.nyberg",
        "Emma Nyberg",
        "emma.nyberg@solna.example",
        "Ny medarbetare (har inte valt enhet)",
    ),
)
