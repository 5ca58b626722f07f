"""Small views the bundle expressions of bundles.py ask."""

from collective.easyform.interfaces import IEasyForm
from Products.Five import BrowserView


class IsForm(BrowserView):
    """``object/@@solna-is-form``: True on an e-form (collective.easyform's
    IEasyForm), else False.

    A view, because a restricted expression such as ``object/portal_type``
    raises Unauthorized where the context is not content a member may read
    attribute by attribute (a comment's own pages, ``@@edit-comment``), and a
    bundle expression that raises refuses the whole page.
    """

    def __call__(self):
        return IEasyForm.providedBy(self.context)
