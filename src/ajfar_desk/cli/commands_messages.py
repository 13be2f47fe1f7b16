"""``outbox list|send|test|resend``: the messages to applicants, over the same services as the
screens.  ``outbox send`` exits 0 when every due message was sent, 3 when some failed and stay
queued (or wait for a channel not configured, or need a manager's check)."""

from __future__ import annotations

import argparse
import uuid

from ..db.messages import STATES
from ..domain.errors import ValidationError
from ..i18n import _
from ..services.messages import manage
from ..services.messages.outbox import MessageView
from .common import context, listing, say

SOME_NOT_SENT = 3


def add_parsers(sub, common: argparse.ArgumentParser) -> None:
    o = sub.add_parser("outbox", parents=[common], help=_("outbox: the messages to applicants"))
    osub = o.add_subparsers(dest="outbox", required=True, metavar="WHAT")
    li = osub.add_parser("list", parents=[common], help=_("list the messages and their state"))
    li.add_argument("--state", choices=STATES, help=_("only the messages in this state"))
    li.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    li.set_defaults(func=cmd_outbox_list)
    se = osub.add_parser("send", parents=[common],
                         help=_("send the queued messages that are due (exit 3 when some were not sent)"))
    se.set_defaults(func=cmd_outbox_send)
    te = osub.add_parser("test", parents=[common], help=_("send a test message through one channel"))
    te.add_argument("--channel", required=True, choices=("sms", "whatsapp", "email"))
    te.add_argument("--to", required=True, metavar="ADDR", help=_("a phone number or an e-mail address"))
    te.set_defaults(func=cmd_outbox_test)
    re_ = osub.add_parser("resend", parents=[common], help=_("send a failed message again"))
    re_.add_argument("id", metavar="ID", help=_("the message's id"))
    re_.set_defaults(func=cmd_outbox_resend)


def as_json(m: MessageView) -> dict:
    return {
        "id": str(m.id), "channel": m.channel, "recipient": m.recipient, "kind": m.kind,
        "state": m.state, "language": m.language, "attempts": m.attempts,
        "created_at": m.created_at.isoformat(), "sent_at": m.sent_at.isoformat() if m.sent_at else None,
        "last_error": m.last_error, "request_id": str(m.request_id) if m.request_id else None,
        "applicant_id": str(m.applicant_id),
    }


def _line(m: MessageView) -> str:
    return f"{m.id}  {m.channel}  {m.recipient}  {m.kind}  {m.state}"


def cmd_outbox_list(args: argparse.Namespace) -> int:
    with context(args) as ctx:
        rows = manage.list_messages(ctx, state=args.state)
    return listing(args, rows, as_json, _line)


def cmd_outbox_send(args: argparse.Namespace) -> int:
    with context(args) as ctx:
        r = manage.send_queued(ctx)
    say(_("Sent: {sent}; to try again later: {retrying}; failed: {failed}; unknown, to check: "
          "{unknown}; waiting for a channel not configured: {waiting}").format(
        sent=r.sent, retrying=r.retrying, failed=r.failed, unknown=r.unknown, waiting=r.not_configured))
    return 0 if r.all_sent else SOME_NOT_SENT


def cmd_outbox_test(args: argparse.Namespace) -> int:
    with context(args) as ctx:
        answer = manage.send_test(ctx, args.channel, args.to)
    say(_("The test message was sent: {answer}").format(answer=answer))
    return 0


def cmd_outbox_resend(args: argparse.Namespace) -> int:
    try:
        message_id = uuid.UUID(args.id.strip())
    except ValueError:
        raise ValidationError("id", _("Not a message id: {id}").format(id=args.id)) from None
    with context(args) as ctx:
        m = manage.resend(ctx, message_id)
    say(_line(m))
    return 0
