"""Search that understands Swedish (issue 20).

- analysis.py: the Swedish text analysis of the catalog's text indexes
  (lexicon ``solna_lexicon``), ``query_text`` and ``tokens``;
  synonyms.py, controlpanel.py, setup.py: its synonym list and install.
- engine.py: ``search(text, filters, start, size)``, the ranking, facets
  (type, förvaltning, category, date) and "Menade du …?" the page and REST
  share; indexers.py: the ``forvaltning`` index of the unit facet.
- suggest.py: as-you-type suggestions (people and pages).
- views.py, templates/: the search page ``@@search`` (Sök); services.py:
  REST ``@sok`` and ``@sok-forslag``; static/suggest.js: the combobox.
"""
