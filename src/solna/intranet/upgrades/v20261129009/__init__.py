"""20261129008 → 20261129009: the toolbar only for those who may edit where
they are (Show Toolbar); a form's handlers find its cases from the form."""
