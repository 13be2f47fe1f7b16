"""Real protocol servers on loopback for the sender's tests: an SMTP server (aiosmtpd) that
keeps every e-mail it receives, and an HTTP server that plays an SMS gateway: it answers as
told (success, a failure body, a timeout, HTTP 500) and records every request it got."""

from __future__ import annotations

import json
import socket
import threading
import time
import urllib.parse
from email import message_from_bytes, policy
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Inbox:
    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.envelopes: list[tuple[str, list[str]]] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        self.messages.append(message_from_bytes(envelope.original_content, policy=policy.default))
        return "250 Message accepted for delivery"


class SmtpServer:
    """``with SmtpServer(port) as smtp: … smtp.messages``"""

    def __init__(self, port: int | None = None) -> None:
        self.port = port or free_port()
        self.inbox = _Inbox()
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)

    @property
    def messages(self) -> list[EmailMessage]:
        return self.inbox.messages

    def __enter__(self) -> SmtpServer:
        self.controller.start()
        return self

    def __exit__(self, *exc) -> None:
        self.controller.stop()


class Gateway:
    """An SMS gateway on loopback.  ``mode``: "ok" (answers {"status": "accepted"}), "refuse"
    (HTTP 200 with {"status": "error"}), "slow" (answers after ``delay`` seconds), "500".
    ``dedup``: a second request with the same Idempotency-Key is answered but not delivered."""

    def __init__(self, port: int | None = None, mode: str = "ok", dedup: bool = False, delay: float = 2.0):
        self.port = port or free_port()
        self.mode, self.dedup, self.delay = mode, dedup, delay
        self.requests: list[dict] = []  # every request received
        self.delivered: list[dict] = []  # the messages the gateway would send to phones
        self._keys: set[str] = set()
        self._lock = threading.Lock()
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:  # quiet
                pass

            def do_POST(self) -> None:  # noqa: N802 - http.server's name
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length).decode("utf-8")
                kind = self.headers.get("Content-Type", "")
                body = json.loads(raw) if "json" in kind else dict(urllib.parse.parse_qsl(raw))
                entry = {"path": self.path, "headers": dict(self.headers), "body": body}
                with gateway._lock:
                    gateway.requests.append(entry)
                if gateway.mode == "slow":
                    time.sleep(gateway.delay)
                with gateway._lock:
                    if gateway.mode == "500":
                        self._answer(500, {"error": "internal"})
                        return
                    if gateway.mode == "refuse":
                        self._answer(200, {"status": "error", "reason": "رصيد غير كافٍ"})
                        return
                    key = self.headers.get("Idempotency-Key", "")
                    if not (gateway.dedup and key and key in gateway._keys):
                        gateway.delivered.append(entry)
                    gateway._keys.add(key)
                self._answer(200, {"status": "accepted", "id": len(gateway.requests)})

            def _answer(self, code: int, data: dict) -> None:
                payload = json.dumps(data, ensure_ascii=False).encode("utf-8")
                try:
                    self.send_response(code)
                    self.send_header("Content-Type", "application/json; charset=utf-8")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                except OSError:  # the client gave up (timeout)
                    pass

        self._server_class = ThreadingHTTPServer
        self._handler = Handler
        self.server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/send"

    def __enter__(self) -> Gateway:
        self._server_class.allow_reuse_address = True
        self.server = self._server_class(("127.0.0.1", self.port), self._handler)
        self.server.daemon_threads = True
        # a short poll: shutdown() waits for the loop's next look (0.5 s by default, every test)
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.02},
                         daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        assert self.server is not None
        self.server.shutdown()
        self.server.server_close()


def messaging_toml(smtp_port: int, gateway_port: int, *, timeout: float = 2.0, dedup: bool = False,
                   backoff: float = 60.0) -> str:
    """A messaging.toml pointing at the loopback servers."""
    extra = 'idempotency_header = "Idempotency-Key"\ndeduplicates = true\n' if dedup else ""
    return f"""
[email]
host = "127.0.0.1"
port = {smtp_port}
security = "none"
from = "desk@ajfar.org.sa"

[sms]
url = "http://127.0.0.1:{gateway_port}/send"
method = "POST"
success_pattern = '"status": "accepted"'
token_env = "AJFAR_TEST_SMS_TOKEN"
timeout = {timeout}
{extra}
[sms.headers]
Authorization = "Bearer {{token}}"

[sms.body]
to = "{{to_digits}}"
text = "{{text}}"
ref = "{{key}}"

[sender]
max_attempts = 3
backoff_seconds = {backoff}
lease_seconds = 60
"""
