"""Organisation and directory: units (Enhet), people (Medarbetare), the staff
directory (Hitta kontakt) and the organisation tree."""
