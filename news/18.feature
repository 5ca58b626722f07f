Solna's own look: the Diazo theme `solna`, Barceloneta's SCSS compiled with Solna's colours (every text/background pair ≥ 4.5:1) and system fonts, the wordmark "Solna stad · Intranät", our icons, a Solna footer; no Plone branding shown to staff. `make theme` rebuilds the CSS.

Task-first navigation on phones: a bottom bar (Hem, Nyheter, Hitta kontakt, Blanketter, Mer), task tabs instead of förvaltningar, the org tree under Organisation (REST @organisation), tap targets of at least 44 × 44 px, phone links that say whom they call, deleting one's comment confirmed.

Light staff pages: mockup and the editors' bundles only where someone edits, gzip, a year's cache for versioned static files; Mitt intranät's first visit is 100 KB instead of 1.1 MB (`scripts/benchmark_weight.py`).

Editors on phones: the toolbar as a top bar, a workflow bar with the state and the next steps on the item's page, editor pages that fit 390 px.

WCAG 2.1 AA: axe-core reports no violation on any of 54 page types of eight roles at 390 and 1280 px, tested in `make test`; page titles, skip link, visible focus, form errors linked to their fields. A Tillgänglighetsredogörelse in DIGG's structure, linked from every page.

Swedish everywhere: TinyMCE, folder contents, the form editor, Site Setup's panels, validation messages and mails; a test finds English on any page of any role.

A content rule's conditions and actions in Swedish (the mail action's substitution variables, Spara en version, groups and states by their titles), the form editor's validators by Swedish titles (US ones for IT only), and our Swedish catalogs read before Plone's, so they also correct it (a comment's title).

TinyMCE's link and image dialogs' shortcuts (Aktuell mapp, Startsidan), its image sizes (Stor, Mellan, Liten) and its editing area's name, a content rule's summaries (transitions by name, no "None"), the rule triggers, the mail panel's sender fields, "Hantera portletar", "Loggnivå" and "Historik" in Swedish.
