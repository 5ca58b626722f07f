"""A real, tiny OpenID Provider for tests: pyop behind a stdlib WSGI app.

Runs in a daemon thread on a free 127.0.0.1 port. The authorization
endpoint signs in ``op.current_user`` at once (auto-consent); tests set it
before each login. Endpoints: discovery, authorization, token, userinfo,
JWKS, end_session.

https=True  serves TLS with a throw-away self-signed certificate
            (``op.ca_file``): point the client at it (REQUESTS_CA_BUNDLE or
            oic's VERIFY_SSL / settings.verify_ssl) and Chromium at
            ignore_https_errors.
https=False serves plain http: pyop refuses a non-https issuer in
            Provider.__init__ (ProviderConfigurationResponse.verify ->
            SchemeError), so the issuer is swapped to http after the check.
"""

from Cryptodome.PublicKey import RSA
from jwkest.jwk import RSAKey
from oic.oic.message import EndSessionRequest
from oic.oic.message import TokenErrorResponse
from oic.oic.message import UserInfoErrorResponse
from pyop.access_token import BearerTokenError
from pyop.authz_state import AuthorizationState
from pyop.exceptions import InvalidAccessToken
from pyop.exceptions import InvalidAuthenticationRequest
from pyop.exceptions import InvalidClientAuthentication
from pyop.exceptions import OAuthError
from pyop.provider import Provider
from pyop.subject_identifier import HashBasedSubjectIdentifierFactory
from pyop.userinfo import Userinfo
from pyop.util import should_fragment_encode
from wsgiref.simple_server import WSGIRequestHandler
from wsgiref.simple_server import WSGIServer
from wsgiref.simple_server import make_server

import datetime
import json
import socketserver
import ssl
import tempfile
import threading


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


class _ThreadingWSGIServer(socketserver.ThreadingMixIn, WSGIServer):
    daemon_threads = True


def _self_signed(host="127.0.0.1"):
    """A cert + key (PEM files) for ``host``; the cert is its own CA."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID

    import ipaddress

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, host)])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address(host)), x509.DNSName("localhost")]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    tmp = tempfile.mkdtemp(prefix="testop-")
    cert_file, key_file = f"{tmp}/cert.pem", f"{tmp}/key.pem"
    with open(cert_file, "wb") as f:
        f.write(cert.public_bytes(serialization.Encoding.PEM))
    with open(key_file, "wb") as f:
        f.write(
            key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.TraditionalOpenSSL,
                serialization.NoEncryption(),
            )
        )
    return cert_file, key_file


class TestOP:
    def __init__(self, clients, users, https=True, extra_scopes=None):
        self.users = users  # {local id: {claims}}
        self.clients = clients  # {client_id: {client metadata}}
        self.current_user = next(iter(users))
        self.https = https
        self.ca_file = None
        self.log = []  # (method, path) of every request, for assertions
        self._server = make_server(
            "127.0.0.1", 0, self.app, _ThreadingWSGIServer, _QuietHandler
        )
        port = self._server.server_port
        if https:
            self.ca_file, key_file = _self_signed()
            ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            ctx.load_cert_chain(self.ca_file, key_file)
            self._server.socket = ctx.wrap_socket(self._server.socket, server_side=True)
        scheme = "https" if https else "http"
        self.issuer = f"{scheme}://127.0.0.1:{port}"
        base = self.issuer
        config = {
            # pyop checks the issuer is https, whatever we serve
            "issuer": f"https://127.0.0.1:{port}",
            "authorization_endpoint": f"{base}/authorize",
            "token_endpoint": f"{base}/token",
            "userinfo_endpoint": f"{base}/userinfo",
            "jwks_uri": f"{base}/jwks",
            "end_session_endpoint": f"{base}/logout",
            "scopes_supported": ["openid", "profile", "email", "phone"],
            "response_types_supported": ["code"],
            "response_modes_supported": ["query"],
            "grant_types_supported": ["authorization_code"],
            "subject_types_supported": ["public"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic"],
            "claims_parameter_supported": True,
        }
        signing_key = RSAKey(key=RSA.generate(2048), alg="RS256", kid="test-1")
        self.provider = Provider(
            signing_key,
            config,
            AuthorizationState(HashBasedSubjectIdentifierFactory("test-salt")),
            self.clients,
            Userinfo(self.users),
            extra_scopes=extra_scopes or {},
        )
        self.provider.configuration_information["issuer"] = self.issuer
        self._thread = None

    # -- lifecycle -------------------------------------------------------
    def start(self):
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self):
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    # -- WSGI ------------------------------------------------------------
    def app(self, environ, start_response):
        method, path = environ["REQUEST_METHOD"], environ.get("PATH_INFO", "")
        self.log.append((method, path))
        query = environ.get("QUERY_STRING", "")
        headers = {"Authorization": environ.get("HTTP_AUTHORIZATION", "")}
        headers = {k: v for k, v in headers.items() if v}
        body = ""
        if method == "POST":
            length = int(environ.get("CONTENT_LENGTH") or 0)
            body = environ["wsgi.input"].read(length).decode("utf-8")
        provider = self.provider

        def reply(status, data=None, location=None, extra=()):
            hdrs = list(extra)
            payload = b""
            if location:
                hdrs.append(("Location", location))
            if data is not None:
                payload = json.dumps(data).encode("utf-8")
                hdrs.append(("Content-Type", "application/json"))
            hdrs.append(("Cache-Control", "no-store"))
            start_response(status, hdrs)
            return [payload]

        if path == "/.well-known/openid-configuration":
            return reply("200 OK", provider.provider_configuration.to_dict())
        if path == "/jwks":
            return reply("200 OK", provider.jwks)
        if path == "/authorize":
            try:
                auth_req = provider.parse_authentication_request(query, headers)
            except InvalidAuthenticationRequest as e:
                url = e.to_error_url()
                if url:
                    return reply("303 See Other", location=url)
                return reply("400 Bad Request", {"error": str(e)})
            resp = provider.authorize(auth_req, self.current_user)
            url = resp.request(auth_req["redirect_uri"], should_fragment_encode(auth_req))
            return reply("303 See Other", location=url)
        if path == "/token" and method == "POST":
            try:
                resp = provider.handle_token_request(body, headers)
                return reply("200 OK", resp.to_dict())
            except InvalidClientAuthentication as e:
                err = TokenErrorResponse(error="invalid_client", error_description=str(e))
                return reply("401 Unauthorized", err.to_dict(), extra=[("WWW-Authenticate", "Basic")])
            except OAuthError as e:
                err = TokenErrorResponse(error=e.oauth_error, error_description=str(e))
                return reply("400 Bad Request", err.to_dict())
        if path == "/userinfo":
            try:
                resp = provider.handle_userinfo_request(body or query, {
                    "Authorization": environ.get("HTTP_AUTHORIZATION", "")
                })
                return reply("200 OK", resp.to_dict())
            except (BearerTokenError, InvalidAccessToken) as e:
                err = UserInfoErrorResponse(error="invalid_token", error_description=str(e))
                return reply("401 Unauthorized", err.to_dict(), extra=[("WWW-Authenticate", "Bearer")])
        if path == "/logout":
            req = EndSessionRequest().deserialize(query)
            target = req.get("post_logout_redirect_uri")
            if target:
                return reply("303 See Other", location=target)
            return reply("200 OK", {"logged_out": True})
        return reply("404 Not Found", {"error": "not_found"})
