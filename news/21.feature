A comment's text is rendered once, not through the transform chain on every view: a news item's page with 50 comments takes about 40 % of the time it did.

`make benchmark` builds a stock Plone 6.2.2 reference site (its own venv, without this add-on) and the project's data set, loads both side by side with wrk and prints req/s, p50/p95, CPU per request, bytes, peak RSS and the issue's goals as PASS/FAIL ratios. A test counts the catalog entries an add to a unit with 2,000 descendants writes.
