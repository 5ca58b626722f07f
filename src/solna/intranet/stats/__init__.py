"""Statistics without surveillance (issue 20): what staff search for and how
many distinct staff a news item or page reached, never who."""
