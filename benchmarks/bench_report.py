#!/usr/bin/env python
"""The monthly report over a store of N support requests spread over twelve months.

    python benchmarks/bench_report.py [--requests 100000] [--runs 5] [--keep DIR]

Builds a store (or reuses one in DIR with ``--keep``) with N/2 applicants and N requests created
over the twelve months before the report's month, each with its timeline (2 to 6 steps), weekly
committee meetings and their decisions, deliveries with amounts, satisfaction surveys (one per
five requests) and complaints (one per fifty).  Then times, for the last month: the figures
(``services.reports.report.monthly``, this month and the previous one plus the six-month trend), the
PDF and the spreadsheet, and prints p50 / max and a PASS/FAIL line against DESIGN.md's budget:
a monthly report over 100,000 requests in under 5 s (figures + PDF).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import shutil
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

try:
    import ajfar_desk  # noqa: F401
except ImportError:  # a source checkout without the package installed
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from sqlalchemy import func, insert, select  # noqa: E402

from ajfar_desk.db.base import new_id  # noqa: E402
from ajfar_desk.db.casework import Decision, Meeting, ServiceDelivery  # noqa: E402
from ajfar_desk.db.feedback import Complaint, SurveyResponse  # noqa: E402
from ajfar_desk.db.models import Applicant, StatusEvent, SupportRequest  # noqa: E402
from ajfar_desk.domain.report import YearMonth  # noqa: E402
from ajfar_desk.services.reports import report  # noqa: E402
from ajfar_desk.services.store.store import Store  # noqa: E402
from ajfar_desk.services.users.setup import init_store, open_context, sign_in  # noqa: E402
from bench_search import Names, _applicant_rows  # noqa: E402

BUDGET_S = 5.0
MONTH = YearMonth(2026, 10)
CHUNK = 20_000
# (action, state) paths a request may take; each step a few days after the last.
PATHS = [
    [("submit", "submitted")],
    [("submit", "submitted"), ("forward_to_committee", "awaiting_committee")],
    [("submit", "submitted"), ("forward_to_committee", "awaiting_committee"), ("approve", "approved")],
    [("submit", "submitted"), ("forward_to_committee", "awaiting_committee"), ("approve", "approved"),
     ("deliver", "delivered")],
    [("submit", "submitted"), ("refer_to_researcher", "with_researcher"),
     ("forward_to_committee", "awaiting_committee"), ("approve", "approved"), ("deliver", "delivered"),
     ("close", "closed")],
    [("submit", "submitted"), ("forward_to_committee", "awaiting_committee"), ("reject", "rejected")],
    [("cancel", "cancelled")],
]


def build(data_dir: Path, n: int, seed: int):
    rng = random.Random(seed)
    store = Store.open(data_dir)
    ctx = init_store(store, "najran", None, "admin", "benchmark-password")
    p = ctx.profile
    branches = [b.code for b in p.branches]
    programs, channels = [x.code for x in p.programs], [x.code for x in p.channels]
    categories = [c.code for c in p.complaints.categories]
    start = dt.datetime.combine(MONTH.first_day, dt.time(), dt.UTC) - dt.timedelta(days=365)
    span = (dt.datetime.combine(MONTH.next_first_day, dt.time(), dt.UTC) - start).total_seconds()
    t0 = time.perf_counter()
    with store.engine.begin() as conn:
        for rows in _applicant_rows(n // 2, rng, Names(rng), p, "HQ"):
            for row in rows:
                row["created_at"] = start + dt.timedelta(seconds=rng.random() * span)
                row["branch"] = rng.choice(branches)
            conn.execute(insert(Applicant), rows)
        applicants = conn.execute(select(Applicant.id)).scalars().all()
        meetings: dict[dt.date, object] = {}
        day = start.date()
        number = 0
        while day <= MONTH.last_day:
            number += 1
            meetings[day] = new_id()
            conn.execute(insert(Meeting), [{"id": meetings[day], "branch": "HQ", "created_at": start,
                                            "updated_at": start, "number": number, "hijri_year": 1447,
                                            "held_on": day, "members": "[]", "status": "closed"}])
            day += dt.timedelta(days=7)
        meeting_days = sorted(meetings)
        for first in range(0, n, CHUNK):
            reqs, events, decisions, deliveries, surveys = [], [], [], [], []
            for i in range(first, min(n, first + CHUNK)):
                created = start + dt.timedelta(seconds=rng.random() * span)
                branch, program, channel = rng.choice(branches), rng.choice(programs), rng.choice(channels)
                rid, path = new_id(), rng.choice(PATHS)
                moment, state, submitted = created, "draft", None
                events.append(_event(rid, branch, None, "draft", "", moment))
                for action, to in path:
                    moment += dt.timedelta(days=rng.randint(1, 12), seconds=rng.randint(0, 80000))
                    if action in ("approve", "reject"):
                        held = next((d for d in meeting_days if d >= moment.date()), None)
                        if held is None:
                            break
                        decisions.append({"id": new_id(), "branch": "HQ", "created_at": moment,
                                          "updated_at": moment, "meeting_id": meetings[held],
                                          "request_id": rid, "outcome": action, "service": "",
                                          "amount": None, "reason": "", "decided_by": None})
                    if action == "deliver":
                        deliveries.append({"id": new_id(), "branch": branch, "created_at": moment,
                                           "updated_at": moment, "request_id": rid, "description": "x",
                                           "quantity": None, "amount": Decimal(rng.randrange(200, 5000, 50)),
                                           "delivered_on": moment.date(), "delivered_by": None,
                                           "recipient_name": "", "acknowledged": True})
                        if rng.random() < 0.8:
                            scores = [rng.randint(2, 5) for _ in range(5)]
                            surveys.append({"id": new_id(), "branch": branch, "created_at": moment,
                                            "updated_at": moment, "survey": "after_service",
                                            "request_id": rid, "program": program, "channel": channel,
                                            "employee_id": None, "recorded_by": None, "mode": "desk",
                                            "taken_on": moment.date(), "answers": json.dumps({}),
                                            "score_sum": sum(scores), "score_count": 5})
                    if action == "submit":
                        submitted = moment
                    events.append(_event(rid, branch, state, to, action, moment))
                    state = to
                reqs.append({"id": rid, "branch": branch, "created_at": created, "updated_at": moment,
                             "applicant_id": rng.choice(applicants), "reference": f"NJR-{i:07d}",
                             "program": program, "channel": channel, "status": state, "description": "",
                             "created_by": None, "submitted_at": submitted,
                             "answer_due": (submitted + dt.timedelta(days=14)).date() if submitted else None})
            conn.execute(insert(SupportRequest), reqs)
            conn.execute(insert(StatusEvent), events)
            for table, rows in ((Decision, decisions), (ServiceDelivery, deliveries), (SurveyResponse, surveys)):
                if rows:
                    conn.execute(insert(table), rows)
        complaints = []
        for i in range(n // 50):
            got = (start + dt.timedelta(seconds=rng.random() * span)).date()
            done = got + dt.timedelta(days=rng.randint(0, 20)) if rng.random() < 0.8 else None
            complaints.append({"id": new_id(), "branch": rng.choice(branches), "created_at": start,
                               "updated_at": start, "number": f"C-{i:07d}",
                               "kind": "complaint" if rng.random() < 0.8 else "suggestion",
                               "channel": rng.choice(channels), "category": rng.choice(categories),
                               "anonymous": False, "contact_name": "", "subject": "s", "text": "",
                               "received_on": got, "due_on": got + dt.timedelta(days=7),
                               "status": "resolved" if done else "open", "resolution": "",
                               "resolved_on": done, "informed_how": ""})
        if complaints:
            conn.execute(insert(Complaint), complaints)
    with store.engine.connect() as conn:
        conn.exec_driver_sql("ANALYZE")
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    print(f"built in {time.perf_counter() - t0:.1f} s")
    return ctx


def _event(rid, branch, before, after, action, moment):
    return {"id": new_id(), "branch": branch, "created_at": moment, "updated_at": moment,
            "request_id": rid, "from_status": before, "to_status": after, "at": moment,
            "user_id": None, "reason": "", "action": action, "role": "", "details": ""}


def _timed(fn, runs: int) -> tuple[list[float], object]:
    times, out = [], None
    for _ in range(runs):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return times, out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--requests", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--keep", type=Path, default=None, help="build the store in DIR and keep it")
    ap.add_argument("--seed", type=int, default=1447)
    args = ap.parse_args(argv)
    tmp = None if args.keep else tempfile.mkdtemp(prefix="ajfar-bench-report-")
    data_dir = args.keep or Path(tmp)
    try:
        ctx = None
        if args.keep and (data_dir / "ajfar-desk.sqlite").exists():
            ctx = open_context(Store.open(data_dir))
            if ctx is not None:
                sign_in(ctx, "admin", "benchmark-password")
        if ctx is None:
            print(f"building {args.requests:,} requests ...", flush=True)
            ctx = build(data_dir, args.requests, args.seed)
        with ctx.reading() as s:
            counts = {t.__tablename__: s.scalar(select(func.count()).select_from(t))
                      for t in (SupportRequest, StatusEvent, Decision, ServiceDelivery, SurveyResponse, Complaint)}
        print("store: " + ", ".join(f"{k} {v:,}" for k, v in counts.items()))
        figures_s, rep = _timed(lambda: report.monthly(ctx, MONTH), args.runs)
        line = (f"figures ({MONTH}, all branches): p50 {statistics.median(figures_s) * 1000:.0f} ms, "
                f"max {max(figures_s) * 1000:.0f} ms")
        print(line)
        branch_s, _ = _timed(lambda: report.monthly(ctx, MONTH, branch="SHR"), args.runs)
        print(f"figures (one branch):      p50 {statistics.median(branch_s) * 1000:.0f} ms")
        total = statistics.median(figures_s)
        try:
            from ajfar_desk.printing.report import report_pdf
            from ajfar_desk.services.reports.report_xlsx import report_xlsx
        except ImportError:
            print("PDF/xlsx renderers not available")
        else:
            pdf_s, pdf = _timed(lambda: report_pdf(rep, ctx.profile, "ar"), args.runs)
            xlsx_s, xlsx = _timed(lambda: report_xlsx(rep, ctx.profile, "ar"), args.runs)
            print(f"PDF (Arabic):              p50 {statistics.median(pdf_s) * 1000:.0f} ms, "
                  f"{len(pdf) / 1024:.0f} KiB")
            print(f"spreadsheet:               p50 {statistics.median(xlsx_s) * 1000:.0f} ms, "
                  f"{len(xlsx) / 1024:.0f} KiB")
            total += statistics.median(pdf_s)
        print(f"figures received {rep.figure('requests_received').current:,}, "
              f"index {rep.figure('satisfaction_index').current}")
        ok = total < BUDGET_S
        print(f"{'PASS' if ok else 'FAIL'}: monthly report (figures + PDF) over "
              f"{counts['support_request']:,} requests in {total:.2f} s (budget {BUDGET_S:.0f} s)")
        ctx.store.close()
        return 0 if ok else 1
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
