"""Everything people type, in one Unicode normal form (NFC).

"Å" can reach the server as one character or as "A" followed by a
combining ring, depending on the phone and its keyboard; the two look the
same and are different text, so a name typed on one phone did not find the
person entered on another. Before the site handles a request, every text
field of a form and every string of a JSON body (REST) is made NFC: the
directory, mentions, search, login names and everything stored see one
form. Passwords are left as typed (their stored hashes were made from what
was typed), and so are files.
"""

from solna.intranet.members import normalized

import json
import unicodedata


def _keep(name):
    return "password" in name.lower()


def _nfc(value):
    if isinstance(value, str):
        return normalized(value)
    if isinstance(value, list):
        return [_nfc(v) for v in value]
    if isinstance(value, tuple):
        return tuple(_nfc(v) for v in value)
    if isinstance(value, dict):
        return {k: v if _keep(str(k)) else _nfc(v) for k, v in value.items()}
    return value


def _is_nfc(text):
    return unicodedata.is_normalized("NFC", text)


def normalize_input(site, event):
    """IBeforeTraverseEvent of the site: before anyone (the login, a form,
    a REST service) reads what was sent."""
    request = event.request
    form = getattr(request, "form", None)
    if form:
        for name, value in list(form.items()):
            if not _keep(name):
                form[name] = _nfc(value)
    content_type = (request.getHeader("Content-Type") or "").lower()
    if "json" not in content_type:
        return
    body = request.get("BODY") or b""
    if not body:
        return
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else body
    if _is_nfc(text):
        return
    try:
        data = json.loads(text)
    except ValueError:
        return  # not JSON: the services answer that in Swedish
    request.other["BODY"] = json.dumps(_nfc(data)).encode("utf-8")
