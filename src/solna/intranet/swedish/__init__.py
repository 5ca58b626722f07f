"""Swedish where Plone's own parts would speak English (issue 18)."""
