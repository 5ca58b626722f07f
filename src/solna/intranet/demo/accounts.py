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
    roles: tuple[str, ...] = ()  # site-wide roles beyond Member
    unit: str = ""  # the title of the unit the person works in
    profession: str = ""


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
        "erik.sandberg",
        "Erik Sandberg",
        "erik.sandberg@solna.example",
        "Redaktör",
        ("Contributor", "Editor", "Reviewer"),
        unit="Kommunikationsenheten",
        profession="kommunikator",
    ),
    DemoAccount(
        "karin.berg",
        "Karin Berg",
        "karin.berg@solna.example",
        "HR-redaktör",
        ("HR Editor", "HR Reviewer"),
        unit="HR-avdelningen",
        profession="hr-specialist",
    ),
    DemoAccount(
        "maria.holm",
        "Maria Holm",
        "maria.holm@solna.example",
        "Webbredaktör",
        ("Site Administrator",),
        unit="Kommunikationsenheten",
        profession="kommunikator",
    ),
)
