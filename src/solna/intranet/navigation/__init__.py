"""Task-first navigation (issue 18): the bottom bar on phones (Hem, Nyheter,
Hitta kontakt, Blanketter, Mer; viewlets.py), the top navigation's tasks
(portal_tabs in profiles/default/actions.xml, generated tabs off in
registry.xml; setup.py for existing sites) and the tap-target rules in
theme/resources/scss/_navigation.scss. The Organisation page and its REST
(``@@organisation``, ``@organisation``) and the labelled phone links
(phones.py) live in organisation/, the base model every page may use."""
