"""20261201003 → 20261201004: the theme "solna" without Diazo rules (its
page is drawn by main_template, theme/layout.py): the theme is applied
again, which empties the rules plone.app.theming keeps in the registry."""
