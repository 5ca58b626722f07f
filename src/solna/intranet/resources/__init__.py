"""Light staff pages: which CSS and JavaScript a page loads (bundles.py)
and gzip for text answers (compression.py, in the WSGI pipeline). How long
browsers keep static files is the caching package's (caching/static.py)."""
