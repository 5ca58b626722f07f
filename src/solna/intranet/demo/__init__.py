"""Fictional Swedish demo content and demo accounts (never on a real site)."""
