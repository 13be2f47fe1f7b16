"""The channels as the data folder's ``messaging.toml`` describes them (docs/messaging.md):

    [email]     host, port, security = "starttls" | "ssl" | "none", from, user, password_env,
                timeout
    [sms]       url, method = "POST" | "GET", headers, body (a table sent as JSON) or form (sent
    [whatsapp]  form-encoded) or params (added to the URL), success_pattern (a regular
                expression the gateway's answer must match), token_env, timeout,
                idempotency_header (the gateway de-duplicates by it), deduplicates
    [sender]    max_attempts, backoff_seconds, lease_seconds

Secrets never in the file: a password or token is named by the environment variable holding it
(``password_env``, ``token_env``); a key that holds one literally (password, token, secret,
api_key…) is refused with an error naming it.  In url, headers, body, form and params these
placeholders are filled: {to} (+9665…), {to_digits} (9665…), {to_local} (05…), {text}, {key}
(the message's idempotency key), {token}."""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...domain.errors import ValidationError
from ...i18n import _

FILE = "messaging.toml"
SECURITIES = ("starttls", "ssl", "none")
METHODS = ("POST", "GET")
_SECRET_KEYS = re.compile(r"(password|passwd|token|secret|api_?key|apikey|app_?sid|auth)$", re.I)
_EMAIL_KEYS = {"host", "port", "security", "from", "user", "password_env", "timeout"}
_HTTP_KEYS = {"url", "method", "headers", "body", "form", "params", "success_pattern", "token_env",
              "timeout", "idempotency_header", "deduplicates"}
_SENDER_KEYS = {"max_attempts", "backoff_seconds", "lease_seconds"}


class MessagingConfigError(ValidationError):
    """messaging.toml is wrong: the message names the file and the key."""

    def __init__(self, path: Path, key: str, message: str):
        super().__init__("messaging", f"{path.name}: {key}: {message}")
        self.key = key


@dataclass(frozen=True)
class EmailChannel:
    host: str
    port: int
    security: str
    sender: str  # the From address
    user: str = ""
    password_env: str = ""
    timeout: float = 20.0

    def password(self) -> str:
        return os.environ.get(self.password_env, "") if self.password_env else ""


@dataclass(frozen=True)
class HttpChannel:
    name: str  # sms | whatsapp
    url: str
    method: str = "POST"
    headers: Mapping[str, str] = field(default_factory=dict)
    body: Mapping[str, Any] | None = None
    form: Mapping[str, Any] | None = None
    params: Mapping[str, Any] | None = None
    success_pattern: str = ""
    token_env: str = ""
    timeout: float = 15.0
    idempotency_header: str = ""
    deduplicates: bool = False  # the gateway drops a second request with the same key

    def token(self) -> str:
        return os.environ.get(self.token_env, "") if self.token_env else ""


@dataclass(frozen=True)
class SenderSettings:
    max_attempts: int = 8
    backoff_seconds: float = 60.0  # the first retry; doubled each time, at most six hours
    lease_seconds: float = 300.0  # a message marked "sending" longer than this was abandoned


@dataclass(frozen=True)
class Channels:
    email: EmailChannel | None = None
    sms: HttpChannel | None = None
    whatsapp: HttpChannel | None = None
    sender: SenderSettings = SenderSettings()

    def get(self, name: str) -> EmailChannel | HttpChannel | None:
        return {"email": self.email, "sms": self.sms, "whatsapp": self.whatsapp}.get(name)


def _no_literal_secrets(path: Path, data: Any, where: str) -> None:
    """Refuse a key that holds a secret itself: a password, token, API key or authorisation
    header may only carry the {token} placeholder, filled from ``token_env`` when sending."""
    if isinstance(data, dict):
        for key, value in data.items():
            here = f"{where}.{key}" if where else key
            secret = (_SECRET_KEYS.search(key) or key.lower() == "authorization") and not key.endswith("_env")
            if secret and not (isinstance(value, str) and "{token}" in value):
                raise MessagingConfigError(path, here, _(
                    "a secret is never written in this file: put it in an environment variable, "
                    "give that variable's name in password_env or token_env, and write {token} "
                    "where the gateway expects it").format(token="{token}"))
            _no_literal_secrets(path, value, here)


def _table(path: Path, data: Any, where: str, allowed: set[str]) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise MessagingConfigError(path, where, _("must be a table of keys"))
    for key in data:
        if key not in allowed:
            raise MessagingConfigError(path, f"{where}.{key}", _("unknown key (misspelt?)"))
    return data


def _text(path: Path, data: dict[str, Any], where: str, key: str, default: str | None = None) -> str:
    value = data.get(key, default)
    if not isinstance(value, str) or (default is None and not value.strip()):
        raise MessagingConfigError(path, f"{where}.{key}", _("must be a text"))
    return value.strip()


def _number(path: Path, data: dict[str, Any], where: str, key: str, default: float,
            low: float, high: float) -> float:
    value = data.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
        message = _("must be a number from {low} to {high}").format(low=low, high=high)
        raise MessagingConfigError(path, f"{where}.{key}", message)
    return value


def _email(path: Path, data: Any) -> EmailChannel:
    d = _table(path, data, "email", _EMAIL_KEYS)
    security = _text(path, d, "email", "security", "starttls")
    if security not in SECURITIES:
        message = _("must be one of: {choices}").format(choices=", ".join(SECURITIES))
        raise MessagingConfigError(path, "email.security", message)
    default_port = {"starttls": 587, "ssl": 465, "none": 25}[security]
    return EmailChannel(
        host=_text(path, d, "email", "host"),
        port=int(_number(path, d, "email", "port", default_port, 1, 65535)),
        security=security,
        sender=_text(path, d, "email", "from"),
        user=_text(path, d, "email", "user", ""),
        password_env=_text(path, d, "email", "password_env", ""),
        timeout=_number(path, d, "email", "timeout", 20.0, 1, 300),
    )


def _http(path: Path, name: str, data: Any) -> HttpChannel:
    d = _table(path, data, name, _HTTP_KEYS)
    url = _text(path, d, name, "url")
    if not url.startswith(("https://", "http://")):
        raise MessagingConfigError(path, f"{name}.url", _("must start with https:// or http://"))
    method = _text(path, d, name, "method", "POST").upper()
    if method not in METHODS:
        message = _("must be one of: {choices}").format(choices=", ".join(METHODS))
        raise MessagingConfigError(path, f"{name}.method", message)
    tables = {}
    for key in ("headers", "body", "form", "params"):
        if key in d:
            tables[key] = _table(path, d[key], f"{name}.{key}", set(d[key]) if isinstance(d[key], dict) else set())
    if "body" in tables and "form" in tables:
        raise MessagingConfigError(path, f"{name}.form", _("give either body or form, not both"))
    pattern = _text(path, d, name, "success_pattern", "")
    try:
        re.compile(pattern)
    except re.error as exc:
        message = _("not a valid regular expression: {error}").format(error=exc)
        raise MessagingConfigError(path, f"{name}.success_pattern", message) from None
    dedup = d.get("deduplicates", False)
    if not isinstance(dedup, bool):
        raise MessagingConfigError(path, f"{name}.deduplicates", _("must be true or false"))
    return HttpChannel(
        name=name, url=url, method=method,
        headers={str(k): str(v) for k, v in tables.get("headers", {}).items()},
        body=tables.get("body"), form=tables.get("form"), params=tables.get("params"),
        success_pattern=pattern, token_env=_text(path, d, name, "token_env", ""),
        timeout=_number(path, d, name, "timeout", 15.0, 0.1, 300),
        idempotency_header=_text(path, d, name, "idempotency_header", ""),
        deduplicates=dedup,
    )


def configured(data_dir: Path) -> bool:
    """Has this data folder a messaging.toml (is there anything to send through)?"""
    return (Path(data_dir) / FILE).is_file()


def load(data_dir: Path) -> Channels:
    """The channels configured in ``data_dir/messaging.toml``; none when there is no file."""
    path = Path(data_dir) / FILE
    if not path.is_file():
        return Channels()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise MessagingConfigError(path, "/", _("not a valid TOML file: {error}").format(error=exc)) from None
    _no_literal_secrets(path, data, "")
    _table(path, data, "/", {"email", "sms", "whatsapp", "sender"})
    sender = SenderSettings()
    if "sender" in data:
        s = _table(path, data["sender"], "sender", _SENDER_KEYS)
        sender = SenderSettings(
            int(_number(path, s, "sender", "max_attempts", 8, 1, 100)),
            _number(path, s, "sender", "backoff_seconds", 60.0, 0, 86400),
            _number(path, s, "sender", "lease_seconds", 300.0, 1, 86400),
        )
    return Channels(
        email=_email(path, data["email"]) if "email" in data else None,
        sms=_http(path, "sms", data["sms"]) if "sms" in data else None,
        whatsapp=_http(path, "whatsapp", data["whatsapp"]) if "whatsapp" in data else None,
        sender=sender,
    )
