"""Chefens sida: a manager's view of their own units (must-read completion,
what waits for their review or moderation, overdue pages) and quick news
to their unit."""
