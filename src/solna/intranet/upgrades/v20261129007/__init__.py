"""20261129006 → 20261129007: Mina ärenden in every member's personal menu."""
