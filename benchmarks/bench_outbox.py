#!/usr/bin/env python
"""The outbox's cost: what queueing the receipt adds to a submission, and how fast the sender
empties 1,000 queued messages into an SMS gateway on loopback.

    python benchmarks/bench_outbox.py [--submissions 30] [--messages 1000]

Submissions: drafts ready to submit (applicant who consents to e-mail, documents, signed
declaration) are submitted alternately with the trigger on and off (the same machine load for
both); medians and the difference, beside the budget (< 2 ms).  Sending: 1,000 messages queued
in one transaction, then ``sender.send_due`` against a ThreadingHTTPServer answering like a
gateway; messages per second (each message: one transaction to mark it sending, the HTTP call,
one to record the answer).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from ajfar_desk.domain.identity import make_national_id  # noqa: E402
from ajfar_desk.services.applicants import applicants  # noqa: E402
from ajfar_desk.services.applicants.applicant_input import ApplicantInput  # noqa: E402
from ajfar_desk.services.applicants.applicants import DocumentInput  # noqa: E402
from ajfar_desk.services.messages import channels, outbox, sender, triggers  # noqa: E402
from ajfar_desk.services.papers import documents  # noqa: E402
from ajfar_desk.services.requests import requests  # noqa: E402
from ajfar_desk.services.store.store import Store  # noqa: E402
from ajfar_desk.services.users import setup  # noqa: E402

BUDGET_MS = 2.0
DAY = dt.date.today()


def draft(ctx, n: int):
    program = max(ctx.profile.programs, key=lambda p: len(p.required_documents))
    category = program.categories[0] if program.categories else ctx.profile.categories[0].code
    a = applicants.register(ctx, ApplicantInput(
        national_id=make_national_id(1, f"{n:08d}"), first_name="خالد", father_name="محمد",
        grandfather_name="علي", family_name=f"القحطاني {chr(0x0627 + n % 20)}", birth_date="1990-01-01",
        nationality="SA", gender="male", marital_status="married", phone="0551234567",
        city=ctx.profile.city_ar or "الرياض", monthly_income="1500", category=category, consent=True,
        email=f"k{n}@example.org", messages_consent=True, preferred_channel="email"),
        confirm_similar=True)
    for i, kind in enumerate(program.required_documents):
        expiry = (DAY + dt.timedelta(days=400)).isoformat() if ctx.profile.document_kind(kind).has_expiry else ""
        number = "" if kind in ("national_id", "iqama") else f"A{i}-{n}"
        applicants.add_document(ctx, a.id, DocumentInput(kind, number, "2020-01-01", expiry))
    req = requests.create_request(ctx, a.id, program.code, ctx.profile.channels[0].code)
    if program.kind.declaration:
        doc = documents.issue(ctx, req.id, "declaration")
        documents.record_wet_signature(ctx, doc.number)
    return req.id, program.eligibility.confirmation_codes


def bench_submissions(ctx, count: int) -> tuple[float, ...]:
    drafts = [draft(ctx, 1000 + i) for i in range(2 * count)]
    real = triggers.after_step
    wall: dict[bool, list[float]] = {True: [], False: []}
    cpu: dict[bool, list[float]] = {True: [], False: []}
    for i, (request_id, confirmed) in enumerate(drafts):
        on = (i % 2 == 0) == (i % 4 < 2)  # on/off, then off/on: neither always goes first
        triggers.after_step = real if on else (lambda *_a, **_k: None)
        started, started_cpu = time.perf_counter(), time.process_time()
        requests.submit(ctx, request_id, on=DAY, confirmed=confirmed)
        cpu[on].append(time.process_time() - started_cpu)
        wall[on].append(time.perf_counter() - started)
    triggers.after_step = real
    with ctx.reading() as s:
        assert len(outbox.list_messages(s)) == count, "one receipt per submission with the trigger"
    return tuple(statistics.median(series[on]) * 1000 for series in (wall, cpu) for on in (True, False))


class _Gateway(BaseHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass

    def do_POST(self) -> None:  # noqa: N802
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        body = b'{"status": "accepted"}'
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def bench_sending(ctx, count: int) -> tuple[float, float]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Gateway)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    os.environ["BENCH_SMS_TOKEN"] = "t"
    (ctx.store.data_dir / channels.FILE).write_text(
        f'[sms]\nurl = "http://127.0.0.1:{server.server_port}/send"\nsuccess_pattern = "accepted"\n'
        f'token_env = "BENCH_SMS_TOKEN"\n[sms.headers]\nAuthorization = "Bearer {{token}}"\n'
        f'[sms.body]\nto = "{{to_digits}}"\ntext = "{{text}}"\nref = "{{key}}"\n', encoding="utf-8")
    a = applicants.register(ctx, ApplicantInput(
        national_id=make_national_id(1, "99999999"), first_name="سارة", father_name="محمد",
        grandfather_name="علي", family_name="العتيبي", birth_date="1990-01-01", nationality="SA",
        gender="female", marital_status="married", phone="0551234567", city="الرياض",
        monthly_income="1500", category=ctx.profile.categories[0].code, consent=True,
        messages_consent=True, preferred_channel="sms"), confirm_similar=True)
    with ctx.uow() as s:
        for _ in range(count):
            outbox.queue(s, applicant_id=a.id, kind="complaint_resolved", values={})
    started, started_cpu = time.perf_counter(), time.process_time()
    report = sender.send_due(ctx)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - started_cpu
    server.shutdown()
    assert report.sent == count, report
    return count / elapsed, cpu / count * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--submissions", type=int, default=30)
    parser.add_argument("--messages", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp) / "data")
        try:
            ctx = setup.init_store(store, "ajfar", None, "admin", "bench-password")
            with_ms, without_ms, with_cpu, without_cpu = bench_submissions(ctx, args.submissions)
            print(f"submission, median of {args.submissions} each, wall clock: with the receipt "
                  f"queued {with_ms:.1f} ms, without {without_ms:.1f} ms: {with_ms - without_ms:+.2f} ms",
                  flush=True)
            print(f"submission, median of {args.submissions} each, CPU: with {with_cpu:.1f} ms, "
                  f"without {without_cpu:.1f} ms: queueing adds {with_cpu - without_cpu:+.2f} ms "
                  f"(budget < {BUDGET_MS:.0f} ms)", flush=True)
            rate, cpu_ms = bench_sending(ctx, args.messages)
            print(f"sending {args.messages} queued messages to the loopback gateway: "
                  f"{rate:.0f} messages/s ({args.messages / rate:.1f} s; this process's CPU "
                  f"{cpu_ms:.1f} ms per message, the gateway's threads included)")
        finally:
            store.close()


if __name__ == "__main__":
    main()
