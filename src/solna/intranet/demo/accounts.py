"""The demo accounts `make start` creates on a new local site.

One list, used by the demo profile that creates the accounts and by
``scripts/create_site.py`` that prints them: the README shows the same.
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


DEMO_ACCOUNTS = (
    DemoAccount(
        "anna.lindqvist",
        "Anna Lindqvist",
        "anna.lindqvist@solna.example",
        "Medarbetare (förskollärare)",
    ),
    DemoAccount(
        "erik.sandberg",
        "Erik Sandberg",
        "erik.sandberg@solna.example",
        "Redaktör",
        ("Contributor", "Editor", "Reviewer"),
    ),
    DemoAccount(
        "maria.holm",
        "Maria Holm",
        "maria.holm@solna.example",
        "Webbredaktör",
        ("Site Administrator",),
    ),
)
