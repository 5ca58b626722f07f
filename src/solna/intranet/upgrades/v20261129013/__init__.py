"""20261129012 → 20261129013: Notiser (the digest job's permission, the
member's choice "E-post med mina notiser")."""
