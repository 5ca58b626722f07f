"""20261129004 → 20261129005: handling what is submitted through forms
(the permission "solna.intranet: Handle cases" for Formulärhandläggare)."""
