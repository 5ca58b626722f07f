"""Mitt intranät: the member's start page (their feed, unit, shortcuts,
favourites and communities) and choosing one's unit and profession."""
