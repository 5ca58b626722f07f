"""How a one-time code reaches a member: one interface, ``ICodeSender``,
and its one implementation today, e-mail (issue 16).

The code route (login/codes.py) never sends anything itself: it asks
``sender()`` for the channel the site uses and calls its ``send``. Today
that is always the named utility ``"email"`` (``EmailCodeSender``), which
mails through ``solna.intranet.mail.send_to`` (after the commit, in the
site's language, signed "Solna intranät").
"""

from plone import api
from solna.intranet import _
from solna.intranet import mail
from solna.intranet.login import accounts
from solna.intranet.members import member
from zope.component import getUtility
from zope.component import queryUtility
from zope.i18nmessageid import Message
from zope.interface import Attribute
from zope.interface import implementer
from zope.interface import Interface


#: The registry record naming the channel (an ``ICodeSender`` utility's
#: name). It need not exist: without it the channel is "email".
CHANNEL_RECORD = "solna.intranet.login.code_channel"
DEFAULT_CHANNEL = "email"


class ICodeSender(Interface):
    """A channel that delivers one-time sign-in codes to members.

    Each channel is a named utility providing this interface; the site uses
    the one named in the registry record
    ``solna.intranet.login.code_channel`` (default ``"email"``, the only
    one shipped).

    **Adding an SMS gateway** (none is needed now; this is how):

    1. Write a class implementing ``ICodeSender`` whose ``send`` looks up
       the member's mobile number (for instance the ``mobile`` field of
       their Medarbetare page, or a member property), returns False when
       there is none, and otherwise posts ``code`` (six digits; a link is
       optional in an SMS, it makes messages long) to the gateway's HTTP
       API, through ``solna.intranet.security.fetching`` if the gateway is
       outside the municipal network, and only after the transaction
       commits (``transaction.get().addAfterCommitHook``, as mail.py
       does), never logging the number or the code.
    2. Register it in ZCML as a named utility::

           <utility factory=".senders.SmsCodeSender" name="sms"
                    provides=".senders.ICodeSender" />

    3. Add the registry record (``profiles/default/registry.xml`` and an
       upgrade step)::

           <record name="solna.intranet.login.code_channel">
             <field type="plone.registry.field.TextLine">
               <title>Kanal för engångskoder</title>
             </field>
             <value>sms</value>
           </record>

       and keep the gateway's credentials out of the ZODB (the
       environment, as for OIDC).

    A channel that cannot reach the member returns False; the code route
    then answers exactly as for an unknown account (nothing tells the
    caller which).
    """

    title = Attribute("What the channel is, for people (a str)")

    def send(userid, typed, code, link, minutes):
        """Deliver a sign-in code to the member ``userid``.

        ``typed``: what the member typed to ask (a login name or an e-mail
        address, canonical); ``code``: six digits (str); ``link``: the
        one-time link (str, an absolute URL); ``minutes``: how long both
        are valid (int). Sends after the current transaction commits.
        Returns True when something will be sent, False when the member
        cannot be reached on this channel. Raises nothing."""


SUBJECT = _("code_mail_subject", default="Your sign-in code: ${code}")
BODY = _(
    "code_mail_body",
    default="Hi!\n\nSomeone (hopefully you) asked to sign in to Solna "
    "intranät with a one-time code.\n\nYour code: ${code}\n\nType the code on "
    "the phone where you asked for it, or open this link:\n${link}\n\nThe "
    "code and the link are valid for ${minutes} minutes and can be used "
    "once. If you did not ask for a code, you can ignore this e-mail: "
    "nobody can sign in without it.",
)


def address_for(userid, typed):
    """Where the e-mail channel sends ``userid``'s code: the address typed
    when it is on the account (the work address, or the confirmed private
    one), otherwise the work address, otherwise the private address; ""
    when the member has none."""
    user = member(userid)
    work = accounts.canonical(user.getProperty("email", "")) if user else ""
    private = accounts.private_address(userid)
    typed = accounts.canonical(typed)
    if typed and "@" in typed and typed in (work, private):
        return typed
    return work or private


@implementer(ICodeSender)
class EmailCodeSender:
    """The e-mail channel (the utility named "email")."""

    title = "E-post"

    def send(self, userid, typed, code, link, minutes):
        address = address_for(userid, typed)
        if not address:
            return False
        mapping = {"code": code, "link": link, "minutes": minutes}
        subject = Message(SUBJECT, mapping=mapping)
        body = Message(BODY, mapping=mapping)
        # She asked for the code just now: not held for the quiet hours.
        return bool(mail.send_to([address], subject, body, asked=True))


def sender():
    """The ``ICodeSender`` the site uses: the utility named by the registry
    record ``solna.intranet.login.code_channel``, else the e-mail one (also
    when the record names a channel that is not installed)."""
    name = api.portal.get_registry_record(CHANNEL_RECORD, default=DEFAULT_CHANNEL)
    return queryUtility(ICodeSender, name=name or DEFAULT_CHANNEL) or getUtility(
        ICodeSender, name=DEFAULT_CHANNEL
    )
