"""20261201007 → 20261201008: TinyMCE's toolbar with the link and image
buttons first, on a phone's screen (Plone's ends with them,
600 px to the right of a 390 px phone; swedish/setup.py TOOLBAR). A toolbar
IT changed is kept."""

from solna.intranet.swedish.setup import set_tinymce_toolbar


def upgrade(context):
    set_tinymce_toolbar()
