"""Light staff pages: which CSS and JavaScript a page loads (bundles.py),
how long browsers keep static files (caching.py) and gzip for text answers
(compression.py, in the WSGI pipeline)."""
