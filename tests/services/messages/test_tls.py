"""E-mail over TLS against a real SMTP server on loopback (aiosmtpd) with a certificate made for
the test: STARTTLS on the submission port (the server refuses mail before it) and SSL from the
first byte. The program's client verifies the server as it does in an office (the default
context, here trusting the test's own authority instead of the system's)."""

from __future__ import annotations

import datetime as dt
import ipaddress
import ssl
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from ajfar_desk.services.messages import sender, transport

from .servers import free_port, messaging_toml

pytestmark = pytest.mark.usefixtures("english_messages")


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    """(certificate file, key file) for 127.0.0.1, self-signed."""
    folder = tmp_path_factory.mktemp("tls")
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                           critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    cert_file, key_file = folder / "cert.pem", folder / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_file, key_file


class _Inbox:
    def __init__(self) -> None:
        self.received: list[tuple[bool, object]] = []  # (came over TLS, the message)

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        self.received.append((session.ssl is not None,
                              message_from_bytes(envelope.original_content, policy=policy.default)))
        return "250 Message accepted for delivery"


@pytest.fixture
def trusting(monkeypatch, certificate):
    """The program's client trusts the test's certificate (and still checks it)."""
    real = ssl.create_default_context
    monkeypatch.setattr(transport.ssl, "create_default_context",
                        lambda *a, **kw: real(cafile=str(certificate[0])))


def _server_context(certificate) -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(*map(str, certificate))
    return context


def _configure(ctx, port: int, security: str) -> None:
    text = messaging_toml(port, free_port()).replace(
        'security = "none"', f'security = "{security}"\ntimeout = 1')  # the shortest allowed
    (ctx.store.data_dir / "messaging.toml").write_text(text, encoding="utf-8")


def test_starttls_upgrades_before_the_mail_goes(ctx, certificate, trusting):
    inbox, port = _Inbox(), free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port,
                            tls_context=_server_context(certificate), require_starttls=True)
    _configure(ctx, port, "starttls")
    controller.start()
    try:
        answer = sender.send_test(ctx, "email", "khalid@example.org")
    finally:
        controller.stop()
    assert answer.startswith("250")
    [(over_tls, mail)] = inbox.received
    assert over_tls and mail["To"] == "khalid@example.org"


def test_ssl_speaks_tls_from_the_first_byte(ctx, certificate, trusting):
    inbox, port = _Inbox(), free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port,
                            ssl_context=_server_context(certificate))
    controller.start()
    try:
        _configure(ctx, port, "none")  # this port speaks only TLS: a client in clear gets nowhere
        with pytest.raises(Exception):  # noqa: B017 - the client's own error (a refusal)
            sender.send_test(ctx, "email", "khalid@example.org")
        _configure(ctx, port, "ssl")
        answer = sender.send_test(ctx, "email", "khalid@example.org")
    finally:
        controller.stop()
    assert answer.startswith("250")
    [(_tls, mail)] = inbox.received
    assert mail["To"] == "khalid@example.org"


def test_a_server_the_client_cannot_verify_is_refused(ctx, certificate):
    """Without trusting the test's authority the default context refuses the certificate: the
    message is not sent in clear instead."""
    inbox, port = _Inbox(), free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port,
                            tls_context=_server_context(certificate), require_starttls=True)
    _configure(ctx, port, "starttls")
    controller.start()
    try:
        with pytest.raises(Exception) as err:
            sender.send_test(ctx, "email", "khalid@example.org")
    finally:
        controller.stop()
    assert "certificate" in str(err.value).lower() or "ssl" in str(err.value).lower()
    assert inbox.received == []
