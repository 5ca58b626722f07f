"""Accessibility (WCAG 2.1 AA) fixes of Plone's and the add-ons' markup that
the capabilities do not own: page titles, the skip link, form errors linked
to their fields, labels of inputs Plone draws without one (file inputs,
TinyMCE's text format and frame, the sharing table's checkboxes). Tested by
tests/a11y/ (axe-core at 390 and 1280 px)."""
