"""``applicants add`` with the e-mail, consent and preferences; ``outbox list|send|test|resend``
against an SMTP server and an SMS gateway on loopback."""

from __future__ import annotations

import json

from ajfar_desk.domain.profile import get_profile
from ajfar_desk.services.messages import outbox
from ajfar_desk.services.store.context import AppContext
from ajfar_desk.services.store.store import Store
from services.messages.servers import Gateway, SmtpServer, free_port, messaging_toml
from test_cli import one_line_error, run

ENV = {"AJFAR_ADMIN_PASSWORD": "s3cret-pass"}


def _add(data, *extra):
    return run(data, "applicants", "add", "--id-type", "national_id", "--id", "1012345672",
               "--name", "خالد محمد علي القحطاني", "--birth-date", "1990-01-01", "--gender", "male",
               "--phone", "0551234567", "--json", *extra)


def _queue_one(data, applicant_id):
    """A complaint's resolution queued for the applicant, as the services do in their event."""
    store = Store.open(data)
    try:
        meta = store.meta()
        profile = get_profile(meta["association"])
        ctx = AppContext(store, profile, profile.branch(meta["branch"]))
        with ctx.uow() as s:
            m = outbox.queue(s, applicant_id=applicant_id, kind="complaint_resolved", values={})
            assert m is not None
            return str(m.id)
    finally:
        store.close()


def test_applicants_add_records_consent_and_the_outbox_sends_once(tmp_path):
    data = tmp_path / "store"
    assert run(data, "init", "--association", "ajfar", "--full-name", "سعاد الحربي", env=ENV).returncode == 0
    bad = _add(data, "--email", "khalid@", "--messages-consent", "yes", "--preferred-channel", "email")
    assert bad.returncode == 2 and "--email" in one_line_error(bad)
    added = _add(data, "--email", "Khalid@Example.ORG", "--messages-consent", "yes",
                 "--preferred-channel", "email", "--language", "en")
    assert added.returncode == 0, added.stderr
    view = json.loads(added.stdout)
    assert (view["email"], view["messages_consent"], view["preferred_channel"], view["preferred_language"]) == (
        "Khalid@example.org", True, "email", "en")
    message_id = _queue_one(data, __import__("uuid").UUID(view["id"]))

    listed = run(data, "outbox", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    [row] = json.loads(listed.stdout)
    assert {k: row[k] for k in ("id", "channel", "recipient", "kind", "state")} == {
        "id": message_id, "channel": "email", "recipient": "Khalid@example.org",
        "kind": "complaint_resolved", "state": "queued"}

    smtp_port, gateway_port = free_port(), free_port()
    (data / "messaging.toml").write_text(messaging_toml(smtp_port, gateway_port, backoff=0), encoding="utf-8")
    down = run(data, "outbox", "send")
    assert down.returncode == 3 and "to try again later: 1" in down.stdout
    with SmtpServer(smtp_port) as smtp:
        up = run(data, "outbox", "send")
        assert up.returncode == 0, up.stdout + up.stderr
        assert run(data, "outbox", "send").returncode == 0
    [mail] = smtp.messages
    assert mail["To"] == "Khalid@example.org" and "resolved your complaint" in mail.get_content()
    assert json.loads(run(data, "outbox", "list", "--json", "--state", "sent").stdout)[0]["id"] == message_id
    again = run(data, "outbox", "resend", message_id)
    assert again.returncode == 2 and "sent again" in one_line_error(again)

    with Gateway(gateway_port) as gw:
        tested = run(data, "outbox", "test", "--channel", "sms", "--to", "0551234567",
                     env={"AJFAR_TEST_SMS_TOKEN": "t0ken"})
    assert tested.returncode == 0, tested.stderr
    assert gw.delivered[0]["headers"]["Authorization"] == "Bearer t0ken"
    refused = run(data, "outbox", "test", "--channel", "whatsapp", "--to", "0551234567")
    assert refused.returncode == 2 and "not configured" in one_line_error(refused)
