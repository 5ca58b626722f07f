"""News audience: who a news item is meant for, its priority and must-read."""
