"""The outbox between nodes: a message queued at a branch reaches head office with the rest, is
sent by the branch that created it only, and its state (sent) follows by the next exchange."""

from __future__ import annotations

import datetime as dt

import pytest

from ajfar_desk.db.messages import QUEUED, SENT
from ajfar_desk.services.messages import manage, sender
from conftest import BACKENDS
from syncnodes import close, exchange, nodes_on

from .helpers import consenting
from .servers import Gateway, free_port, messaging_toml

NOW = dt.datetime.now(dt.UTC)


@pytest.fixture(params=BACKENDS)
def nodes(request, tmp_path):
    made = nodes_on(request.param, tmp_path, branches=("SHR",))
    yield made
    close(made)


def test_a_branchs_message_syncs_to_head_office_and_only_the_branch_sends_it(nodes, monkeypatch):
    monkeypatch.setenv("AJFAR_TEST_SMS_TOKEN", "t")
    shr, hq = nodes["SHR"], nodes["HQ"]
    port = free_port()
    for ctx in (shr, hq):  # both could send: each has a gateway configured
        (ctx.store.data_dir / "messaging.toml").write_text(messaging_toml(free_port(), port), encoding="utf-8")
    _a, req = consenting(shr, channel="sms", email="")
    exchange(shr, hq)
    [at_hq] = manage.list_messages(hq, request_id=req.id)
    assert (at_hq.kind, at_hq.state, at_hq.branch) == ("receipt", QUEUED, "SHR")
    with Gateway(port) as gw:
        assert sender.send_due(hq, now=lambda: NOW).sent == 0  # not head office's to send
        assert gw.requests == []
        assert sender.send_due(shr, now=lambda: NOW).sent == 1
        assert len(gw.delivered) == 1
    exchange(shr, hq)
    [at_hq] = manage.list_messages(hq, request_id=req.id)
    assert (at_hq.state, at_hq.attempts) == (SENT, 1) and at_hq.sent_at is not None
