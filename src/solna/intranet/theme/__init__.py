"""Solna's own face: the theme "solna" (Barceloneta with Solna's colours,
system fonts and the wordmark "Solna stad · Intranät"), its footer and no Plone
branding shown to staff.

The theme's files are in ``resources/`` (``++theme++solna``); its CSS is
compiled from ``resources/scss/`` by ``make theme`` and committed. It has no
Diazo rules: the page is drawn by our ``main_template`` (``layout.py``,
``templates/main_template.pt``).
"""
