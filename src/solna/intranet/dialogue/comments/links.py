"""Links to comments.

An item's page shows its newest comments (``views.SHOWN``); a link to one
comment, which may be older, asks the page for all of them.
"""

#: The query parameter that shows every comment (``?kommentarer=alla``).
ALL = "kommentarer"


def comment_url(item_url, comment_id):
    """Where a link to one comment goes: the item's page with every comment
    shown, at the comment: ``"<item_url>?kommentarer=alla#<comment_id>"``.
    ``item_url`` is the item's URL (absolute, or relative as in a push
    message), without a query."""
    return f"{item_url}?{ALL}=alla#{comment_id}"
