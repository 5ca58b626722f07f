"""Form widgets: a phone number input, and file inputs that let go of a
refused file and need no inline script."""

from plone import api
from plone.app.z3cform.widgets.text import TextWidget
from plone.formwidget.namedfile import utils
from plone.formwidget.namedfile.widget import NamedFileWidget
from plone.formwidget.namedfile.widget import NamedImageWidget
from plone.namedfile.interfaces import INamedFileField
from plone.namedfile.interfaces import INamedImageField
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from solna.intranet.interfaces import ISolnaIntranetLayer
from z3c.form.interfaces import IDataManager
from z3c.form.interfaces import IFieldWidget
from z3c.form.interfaces import INPUT_MODE
from z3c.form.widget import FieldWidget
from zope.component import adapter
from zope.component import queryMultiAdapter
from zope.interface import implementer


class TelWidget(TextWidget):
    klass = "tel-widget"

    @property
    def attributes(self):
        attributes = super().attributes
        attributes["type"] = "tel"  # overrides type="text" of text_input.pt
        attributes["autocomplete"] = "tel"
        return attributes


@implementer(IFieldWidget)
def TelFieldWidget(field, request):
    return FieldWidget(field, TelWidget(request))


class ForgetsRefusedFile:
    """A file widget that does not hold on to a file its field refused.

    plone.formwidget.namedfile keeps whatever was uploaded when the form
    comes back with errors: it stores the upload under a
    ``file_upload_id``, says "Filen är redan uppladdad: bad.exe", preselects
    "Behåll filen" and disables the file picker. That is meant for a good
    file beside another field's error; for the refused file itself it is a
    loop: sending again sends the same refused file (issue 18). Here, when
    the widget's own value has an error and that value was uploaded now (or
    kept from an earlier attempt), the widget forgets it before rendering:
    an empty, enabled file picker under the Swedish reason. On a form that
    edits stored content, the stored file is offered again instead, as
    after any other error. Everything else on the form is untouched."""

    def _refused_upload(self):
        """True when the value in error came from the request: a new
        upload, or one kept from an earlier attempt."""
        if self.error is None or self.value is None:
            return False
        return utils.is_file_upload(self.value) or bool(
            self.request.get(f"{self.name}.file_upload_id")
        )

    def _stored(self):
        """The file stored on the content the form edits, or None."""
        if self.ignoreContext or self.field is None:
            return None
        manager = queryMultiAdapter((self.context, self.field), IDataManager)
        return manager.query(None) if manager is not None else None

    #: The input template: plone.formwidget.namedfile's without its inline
    #: script (see ``render``).
    input_template = None

    @property
    def portal_url(self):
        return api.portal.get().absolute_url()

    def render(self):
        if self._refused_upload():
            self.value = self._stored()
            self._file_upload_id = None
        if self.mode == INPUT_MODE and self.input_template is not None:
            # Plone's template turns the file picker off and on with inline
            # onclick handlers and an inline script, which our
            # Content-Security-Policy blocks (a console error on every edit
            # form with a file, issue 18): ours names the picker on each
            # radio for static/editing/file-widget.js.
            return self.input_template()
        return super().render()


class FileWidget(ForgetsRefusedFile, NamedFileWidget):
    """plone.formwidget.namedfile's file widget, without the loop."""

    input_template = ViewPageTemplateFile("templates/file_input.pt")


class ImageWidget(ForgetsRefusedFile, NamedImageWidget):
    """plone.formwidget.namedfile's image widget, without the loop."""

    input_template = ViewPageTemplateFile("templates/image_input.pt")


@implementer(IFieldWidget)
@adapter(INamedFileField, ISolnaIntranetLayer)
def FileFieldWidget(field, request):
    """The file widget of every file field on our layer (e-forms too)."""
    return FieldWidget(field, FileWidget(request))


@implementer(IFieldWidget)
@adapter(INamedImageField, ISolnaIntranetLayer)
def ImageFieldWidget(field, request):
    """The image widget of every image field on our layer."""
    return FieldWidget(field, ImageWidget(request))
