"""Kris: crisis news that reaches its audience on every page, by mail and
push, asks to be acknowledged and is followed up (issue 19).

- ``behaviors.py``: what a crisis asks (Jag är i säkerhet / Jag behöver
  hjälp) and when its reminder goes;
- ``state.py``: who may raise a crisis, when one is active, ending it;
- ``answers.py``: the acknowledgements, per person;
- ``raising.py``: the refusal on every route (form, REST, workflow, quick
  news);
- ``banner.py``: the banner on every page, its buttons, REST ``@kris``;
- ``followup.py``: the counts per unit for Krisledning and the names for a
  unit's manager;
- mail to the audience and its reminder: ``outreach.py``.
"""
