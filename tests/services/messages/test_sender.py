"""The sender against real servers on loopback: an SMTP server (aiosmtpd) receives the receipt
e-mail with its Arabic text and headers; an HTTP server plays the SMS gateway (success, a
failure body, a timeout, HTTP 500).  With the servers down the messages stay queued; brought
up, each is delivered exactly once; a sender stopped between the network call and recording
it never sends twice."""

from __future__ import annotations

import datetime as dt

import pytest

from ajfar_desk.db.messages import FAILED, QUEUED, SENT, UNKNOWN
from ajfar_desk.services.messages import outbox, sender

from .helpers import consenting
from .servers import Gateway, SmtpServer, free_port, messaging_toml

NOW = dt.datetime.now(dt.UTC)
pytestmark = pytest.mark.usefixtures("english_messages")


def later(hours: float):
    return lambda: NOW + dt.timedelta(hours=hours)


@pytest.fixture
def ports(ctx, monkeypatch):
    monkeypatch.setenv("AJFAR_TEST_SMS_TOKEN", "s3cret-from-env")
    smtp, gateway = free_port(), free_port()
    (ctx.store.data_dir / "messaging.toml").write_text(messaging_toml(smtp, gateway), encoding="utf-8")
    return smtp, gateway


def _messages(ctx, **kw):
    with ctx.reading() as s:
        return outbox.list_messages(s, **kw)


def test_the_receipt_email_arrives_with_its_arabic_text_and_headers(ctx, ports):
    a, req = consenting(ctx, channel="email")
    [queued] = _messages(ctx)
    with SmtpServer(ports[0]) as smtp:
        report = sender.send_due(ctx, now=later(0))
    assert report.sent == 1 and report.all_sent
    [mail] = smtp.messages
    assert mail["To"] == "khalid@example.org" and mail["From"] == "desk@ajfar.org.sa"
    assert mail["Subject"] == f"استلام طلبكم رقم {req.reference}"
    assert mail["Message-ID"] == f"<{queued.idempotency_key}@ajfar.org.sa>"
    assert mail.get_content_charset() == "utf-8" and mail["Content-Language"] == "ar"
    body = mail.get_content()
    assert a.full_name in body and req.reference in body and "لجنة البحث" in body
    assert body.strip() == queued.text
    [m] = _messages(ctx)
    assert (m.state, m.attempts) == (SENT, 1) and m.sent_at is not None and "250" in m.last_error


def test_the_sms_gateway_receives_the_text_the_number_and_the_token_from_the_environment(ctx, ports):
    consenting(ctx, channel="sms", email="")
    [queued] = _messages(ctx)
    with Gateway(ports[1]) as gw:
        assert sender.send_due(ctx, now=later(0)).sent == 1
    [got] = gw.delivered
    assert got["body"] == {"to": "966551234567", "text": queued.text, "ref": queued.idempotency_key}
    assert got["headers"]["Authorization"] == "Bearer s3cret-from-env"
    [m] = _messages(ctx)
    assert m.state == SENT and '"status": "accepted"' in m.last_error


@pytest.mark.parametrize("mode, reason", [("refuse", "رصيد غير كافٍ"), ("500", "HTTP 500"),
                                          ("slow", "timeout")])
def test_a_gateway_failure_keeps_the_message_queued_with_back_off_then_fails_it(ctx, ports, mode, reason):
    if mode == "slow":
        (ctx.store.data_dir / "messaging.toml").write_text(
            messaging_toml(ports[0], ports[1], timeout=0.3), encoding="utf-8")
    consenting(ctx, channel="sms", email="")
    with Gateway(ports[1], mode=mode, delay=1.0) as gw:
        report = sender.send_due(ctx, now=later(0))
        assert (report.sent, report.retrying, report.all_sent) == (0, 1, False)
        [m] = _messages(ctx)
        assert (m.state, m.attempts) == (QUEUED, 1) and reason in m.last_error
        assert m.next_attempt_at == NOW + dt.timedelta(seconds=60)
        assert sender.send_due(ctx, now=later(0)).retrying == 0  # not due before its time
        sender.send_due(ctx, now=later(1))
        [m] = _messages(ctx)
        assert (m.state, m.attempts) == (QUEUED, 2)
        assert m.next_attempt_at == NOW + dt.timedelta(hours=1, seconds=120)  # doubled
        report = sender.send_due(ctx, now=later(2))
    assert report.failed == 1
    [m] = _messages(ctx)
    assert (m.state, m.attempts) == (FAILED, 3) and len(gw.requests) == 3


def test_with_the_servers_down_messages_wait_and_each_is_delivered_once_when_they_come_up(ctx, ports):
    consenting(ctx, channel="email")
    consenting(ctx, channel="sms", email="", nid_body="01234575")
    report = sender.send_due(ctx, now=later(0))
    assert (report.sent, report.retrying) == (0, 2)
    assert {m.state for m in _messages(ctx)} == {QUEUED}
    with SmtpServer(ports[0]) as smtp, Gateway(ports[1]) as gw:
        assert sender.send_due(ctx, now=later(1)).sent == 2
        assert sender.send_due(ctx, now=later(5)).sent == 0
    assert len(smtp.messages) == 1 and len(gw.delivered) == len(gw.requests) == 1
    assert {m.state for m in _messages(ctx)} == {SENT}


class Stopped(BaseException):
    """The process dies: nothing after the network call runs."""


def _stop_after_the_network_call(monkeypatch):
    def crash(*args, **kwargs):
        raise Stopped()
    monkeypatch.setattr(sender, "_record", crash)


def test_a_sender_stopped_after_the_gateway_call_never_sends_twice(ctx, ports, monkeypatch):
    consenting(ctx, channel="sms", email="")
    with Gateway(ports[1]) as gw:
        with monkeypatch.context() as m:
            _stop_after_the_network_call(m)
            with pytest.raises(Stopped):
                sender.send_due(ctx, now=later(0))
        assert len(gw.delivered) == 1
        assert sender.send_due(ctx, now=later(0)).sent == 0  # still leased: left alone
        report = sender.send_due(ctx, now=later(1))  # lease passed: not resent blindly
    assert (report.unknown, report.sent) == (1, 0) and len(gw.requests) == 1
    [m] = _messages(ctx)
    assert m.state == UNKNOWN and m.attempts == 1


def test_a_gateway_that_deduplicates_by_key_gets_the_same_key_again(ctx, ports, monkeypatch):
    (ctx.store.data_dir / "messaging.toml").write_text(
        messaging_toml(ports[0], ports[1], dedup=True), encoding="utf-8")
    consenting(ctx, channel="sms", email="")
    with Gateway(ports[1], dedup=True) as gw:
        with monkeypatch.context() as m:
            _stop_after_the_network_call(m)
            with pytest.raises(Stopped):
                sender.send_due(ctx, now=later(0))
        assert sender.send_due(ctx, now=later(1)).sent == 1
    first, second = gw.requests
    assert first["headers"]["Idempotency-Key"] == second["headers"]["Idempotency-Key"]
    assert len(gw.delivered) == 1
    [m] = _messages(ctx)
    assert (m.state, m.attempts) == (SENT, 2)


def test_an_email_sent_again_after_a_stop_keeps_its_message_id(ctx, ports, monkeypatch):
    consenting(ctx, channel="email")
    with SmtpServer(ports[0]) as smtp:
        with monkeypatch.context() as m:
            _stop_after_the_network_call(m)
            with pytest.raises(Stopped):
                sender.send_due(ctx, now=later(0))
        assert sender.send_due(ctx, now=later(1)).sent == 1
    first, second = smtp.messages
    assert first["Message-ID"] == second["Message-ID"]


def test_no_consent_nothing_queued_nothing_sent(ctx, ports):
    consenting(ctx, channel="sms", email="", consent=False)
    assert _messages(ctx) == []
    with Gateway(ports[1]) as gw:
        assert sender.send_due(ctx, now=later(0)) == sender.SendReport()
    assert gw.requests == []


def test_a_message_of_another_store_is_not_sent_here(ctx, ports):
    consenting(ctx, channel="sms", email="")
    with ctx.uow() as s:
        [m] = outbox.list_messages(s)
        s.get(outbox.OutboxMessage, m.id).created_node = "another-store"
    with Gateway(ports[1]) as gw:
        assert sender.send_due(ctx, now=later(0)).sent == 0
    assert gw.requests == []


def test_the_test_message_goes_out_at_once(ctx, ports):
    from ajfar_desk.domain.errors import ValidationError

    with Gateway(ports[1]) as gw:
        answer = sender.send_test(ctx, "sms", "0551234567")
    assert "accepted" in answer and gw.delivered[0]["body"]["to"] == "966551234567"
    with pytest.raises(ValidationError, match="not configured"):
        sender.send_test(ctx, "whatsapp", "0551234567")
    with pytest.raises(ValidationError):  # the server is down
        sender.send_test(ctx, "email", "someone@example.org")


def test_an_unexpected_error_while_sending_records_the_group_and_marks_the_message_unknown(ctx, ports, monkeypatch):
    consenting(ctx, channel="sms", email="")
    consenting(ctx, channel="sms", email="", nid_body="01234575")
    calls = []
    real = sender.deliver

    def second_breaks(config, out):
        calls.append(out.key)
        if len(calls) == 2:
            raise RuntimeError("a bug in the middle of the group")
        return real(config, out)

    monkeypatch.setattr(sender, "deliver", second_breaks)
    with Gateway(ports[1]) as gw, pytest.raises(RuntimeError):
        sender.send_due(ctx, now=later(0))
    states = sorted(m.state for m in _messages(ctx))
    assert states == [SENT, UNKNOWN] and len(gw.delivered) == 1


def test_a_cancelled_sender_puts_the_messages_it_did_not_try_back_in_the_queue(ctx, ports):
    consenting(ctx, channel="sms", email="")
    consenting(ctx, channel="sms", email="", nid_body="01234575")
    asked = []
    with Gateway(ports[1]) as gw:
        report = sender.send_due(ctx, now=later(0), cancelled=lambda: asked.append(1) or len(asked) > 3)
    assert report.sent == 1 and len(gw.delivered) == 1
    left = [m for m in _messages(ctx) if m.state != SENT]
    assert [(m.state, m.attempts) for m in left] == [(QUEUED, 0)]
