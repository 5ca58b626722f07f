"""An e-form in plone.restapi: what it asks, for everyone who may fill it
in; its saved data and cases only for those who may see them.

collective.easyform's own serializer asks plone.api for its permission by
id and answers 500 to everyone but a Manager (collective.easyform issue
#431). This one, registered on our browser layer, checks the permission by
its title, adds the questions (``questions``, with the member's prefilled
answers and the choices) and where to send the answers (``@skicka``)."""

from AccessControl import getSecurityManager
from collective.easyform.interfaces import IEasyForm
from collective.easyform.serializer import SerializeToJson as EasyFormSerializer
from plone import api
from plone.restapi.interfaces import ISerializeToJson
from plone.restapi.serializer.dxcontent import SerializeToJson as ContentSerializer
from solna.intranet.forms.actions import receipt_address
from solna.intranet.forms.actions import receipt_note
from solna.intranet.forms.cases import CaseStore
from solna.intranet.forms.submission import questions
from solna.intranet.interfaces import ISolnaIntranetLayer
from zope.component import adapter
from zope.i18n import translate
from zope.interface import implementer


#: collective.easyform's permission to read saved data, by its title.
DOWNLOAD_SAVED = "collective.easyform: Download Saved Input"
HANDLE_CASES = "solna.intranet: Handle cases"


@implementer(ISerializeToJson)
@adapter(IEasyForm, ISolnaIntranetLayer)
class FormSerializer(EasyFormSerializer):
    def __call__(self, version=None, include_items=True):
        result = ContentSerializer.__call__(self, version, include_items)
        url = self.context.absolute_url()
        result["questions"] = questions(self.context, self.request)
        result["submit"] = {"@id": f"{url}/@skicka", "method": "POST"}
        # Where the receipt goes, as the form page says (forms/actions.py).
        member = None if api.user.is_anonymous() else api.user.get_current()
        note = receipt_note(self.context, member)
        result["receipt"] = (
            {
                "address": receipt_address(member),
                "message": translate(note, context=self.request),
            }
            if note is not None
            else None
        )
        check = getSecurityManager().checkPermission
        if check(DOWNLOAD_SAVED, self.context):
            self.serializeSavedData(result)
        if check(HANDLE_CASES, self.context):
            result["cases"] = {
                "@id": f"{url}/@arenden",
                "items_total": len(CaseStore(self.context)),
            }
        return result
