"""Delivering one message: e-mail over SMTP (smtplib: STARTTLS, SSL or plain), SMS and WhatsApp
through an HTTP gateway (urllib.request).  No database here: ``sender.py`` decides what to send
and records what happened.

Each call returns the gateway's answer (kept on the message) or raises ``DeliveryError``:
``retry`` True for what may pass later (no network, a timeout, HTTP 5xx or 429, an answer that
does not match the success pattern), False when the gateway refused the message itself (HTTP
4xx, the SMTP server refused the recipient)."""

from __future__ import annotations

import json
import re
import smtplib
import ssl
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate
from typing import Any

from .channels import EmailChannel, HttpChannel

ANSWER_LIMIT = 500  # characters of the gateway's answer kept on the message


@dataclass(frozen=True)
class Outgoing:
    channel: str
    recipient: str
    subject: str
    text: str
    key: str  # the idempotency key: the e-mail's Message-ID, the gateway's de-duplication key


class DeliveryError(Exception):
    def __init__(self, reason: str, *, retry: bool):
        super().__init__(reason)
        self.reason = reason[:ANSWER_LIMIT]
        self.retry = retry


def message_id(key: str, sender: str) -> str:
    """The same message always carries the same Message-ID (a re-send after a crash is seen
    as the same e-mail)."""
    domain = sender.rpartition("@")[2] or "ajfar-desk.invalid"
    return f"<{key}@{domain}>"


def email_message(cfg: EmailChannel, out: Outgoing) -> EmailMessage:
    """A UTF-8 e-mail: Arabic subject and body encoded as the standards say (RFC 2047 / 6532)."""
    msg = EmailMessage()
    msg["From"] = cfg.sender
    msg["To"] = out.recipient
    msg["Subject"] = out.subject
    msg["Date"] = formatdate(localtime=False, usegmt=True)
    msg["Message-ID"] = message_id(out.key, cfg.sender)
    msg.set_content(out.text, charset="utf-8")  # (clears the Content-* headers set before it)
    msg["Content-Language"] = "ar" if any("\u0600" <= ch <= "\u06ff" for ch in out.text) else "en"
    return msg


def send_email(cfg: EmailChannel, out: Outgoing) -> str:
    msg = email_message(cfg, out)
    try:
        if cfg.security == "ssl":
            smtp: smtplib.SMTP = smtplib.SMTP_SSL(cfg.host, cfg.port, timeout=cfg.timeout,
                                                  context=ssl.create_default_context())
        else:
            smtp = smtplib.SMTP(cfg.host, cfg.port, timeout=cfg.timeout)
        with smtp:
            if cfg.security == "starttls":
                smtp.starttls(context=ssl.create_default_context())
            if cfg.user:
                smtp.login(cfg.user, cfg.password())
            refused = smtp.send_message(msg)
    except smtplib.SMTPRecipientsRefused as exc:
        raise DeliveryError(f"SMTP refused the recipient: {exc.recipients}", retry=False) from None
    except smtplib.SMTPResponseException as exc:
        text = exc.smtp_error.decode("utf-8", "replace") if isinstance(exc.smtp_error, bytes) else str(exc.smtp_error)
        raise DeliveryError(f"SMTP {exc.smtp_code}: {text}", retry=exc.smtp_code < 500) from None
    except (OSError, smtplib.SMTPException) as exc:
        raise DeliveryError(f"SMTP: {exc}", retry=True) from None
    if refused:
        raise DeliveryError(f"SMTP refused: {refused}", retry=False)
    return f"250 accepted {msg['Message-ID']}"


def _local(number: str) -> str:
    digits = number.lstrip("+")
    return "0" + digits[3:] if digits.startswith("966") else digits


def _fill(value: Any, values: dict[str, str]) -> Any:
    if isinstance(value, str):
        out = value
        for name, text in values.items():
            out = out.replace("{" + name + "}", text)
        return out
    if isinstance(value, dict):
        return {k: _fill(v, values) for k, v in value.items()}
    if isinstance(value, list):
        return [_fill(v, values) for v in value]
    return value


def http_request(cfg: HttpChannel, out: Outgoing) -> urllib.request.Request:
    """The gateway's request with every placeholder filled (JSON body, form or URL parameters)."""
    values = {"to": out.recipient, "to_digits": out.recipient.lstrip("+"),
              "to_local": _local(out.recipient), "text": out.text, "key": out.key,
              "token": cfg.token()}
    url_values = {k: urllib.parse.quote(v, safe="") for k, v in values.items()}
    url = _fill(cfg.url, url_values)
    headers = {k: _fill(v, values) for k, v in cfg.headers.items()}
    if cfg.idempotency_header:
        headers[cfg.idempotency_header] = out.key
    data = None
    if cfg.params:
        query = urllib.parse.urlencode({k: _fill(v, values) for k, v in cfg.params.items()})
        url += ("&" if "?" in url else "?") + query
    if cfg.body is not None:
        data = json.dumps(_fill(dict(cfg.body), values), ensure_ascii=False).encode("utf-8")
        headers.setdefault("Content-Type", "application/json; charset=utf-8")
    elif cfg.form is not None:
        data = urllib.parse.urlencode({k: _fill(v, values) for k, v in cfg.form.items()}).encode("ascii")
        headers.setdefault("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
    return urllib.request.Request(url, data=data, headers=headers, method=cfg.method)


def send_http(cfg: HttpChannel, out: Outgoing) -> str:
    request = http_request(cfg, out)
    try:
        with urllib.request.urlopen(request, timeout=cfg.timeout) as response:  # noqa: S310 - configured URL
            answer = response.read(64 * 1024).decode("utf-8", "replace")
            status = response.status
    except urllib.error.HTTPError as exc:
        body = exc.read(2000).decode("utf-8", "replace") if exc.fp else ""
        retry = exc.code >= 500 or exc.code in (408, 429)
        raise DeliveryError(f"HTTP {exc.code}: {body}".strip(), retry=retry) from None
    except TimeoutError as exc:
        raise DeliveryError(f"timeout after {cfg.timeout:g} s: {exc}", retry=True) from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise DeliveryError(f"no connection: {reason}", retry=True) from None
    if cfg.success_pattern and not re.search(cfg.success_pattern, answer):
        raise DeliveryError(f"HTTP {status}, not accepted: {answer}", retry=True)
    return f"HTTP {status}: {answer}"[:ANSWER_LIMIT]


def deliver(cfg: EmailChannel | HttpChannel, out: Outgoing) -> str:
    if isinstance(cfg, EmailChannel):
        return send_email(cfg, out)
    return send_http(cfg, out)
