"""20261129011 → 20261129012: Omvärldsbevakning (the registry of site-wide
feeds, the permission of the job that fetches them)."""
