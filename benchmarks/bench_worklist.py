#!/usr/bin/env python
"""The front desk's list of requests on a big store: the service's page and count per view.

    python benchmarks/bench_worklist.py [--n 1000000] [--requests 3000000] [--keep DIR] [--pages 40]

The applicants are those of ``bench_search.py`` (same builder; ``--keep DIR`` reuses its store);
the requests are added here as a desk's years look: made over three years, mostly closed or
delivered, a few percent at the desk (drafts, submitted, more information, approved), made by
eight employees, 2 % from another branch (the administrator timing it made none: «mine» is
its worst case, a list read to its end).  For each view of ``services.requests.worklist`` (and
with a program, «mine», a reference typed, the late first) it times the first page, a page
deep in the list (offset 2,000) and the capped count, and prints p50 / p95 in milliseconds.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from pathlib import Path

try:
    import ajfar_desk  # noqa: F401
except ImportError:  # a source checkout without the package installed
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from sqlalchemy import func, insert, select  # noqa: E402

from ajfar_desk.db.base import new_id  # noqa: E402
from ajfar_desk.db.models import Applicant, SupportRequest  # noqa: E402
from ajfar_desk.domain import workflow as wf  # noqa: E402
from ajfar_desk.services.requests import worklist  # noqa: E402
from bench_search import _pct, open_or_build  # noqa: E402

BUDGET_MS = 16.0
# a desk's years: most requests long settled, a few at the desk
STATES = ((wf.CLOSED, 55), (wf.DELIVERED, 12), (wf.REJECTED, 8), (wf.CANCELLED, 5),
          (wf.AWAITING_COMMITTEE, 4), (wf.WITH_RESEARCHER, 2), (wf.APPEALED, 0.5),
          (wf.DRAFT, 4), (wf.SUBMITTED, 4), (wf.MORE_INFO, 1.5), (wf.APPROVED, 4))
CHUNK = 20_000


def add_requests(ctx, n: int, rng: random.Random) -> None:
    with ctx.store.engine.connect() as conn:
        have = conn.scalar(select(func.count()).select_from(SupportRequest)) or 0
        if have >= n:
            return
        ids = conn.execute(select(Applicant.id)).scalars().all()
    users = [new_id() for _ in range(8)]
    states = [s for s, _w in STATES]
    weights = [w for _s, w in STATES]
    programs = [p.code for p in ctx.profile.programs]
    channels = [c.code for c in ctx.profile.channels]
    now = dt.datetime.now(dt.UTC)
    span = 3 * 365 * 86400
    t0 = time.perf_counter()
    for start in range(have, n, CHUNK):
        rows = []
        for k in range(start, min(start + CHUNK, n)):
            made = now - dt.timedelta(seconds=rng.random() ** 2 * span)  # recent years busier
            state = rng.choices(states, weights)[0]
            rows.append({
                "id": new_id(), "branch": ctx.branch.code if rng.random() > 0.02 else "OTHER",
                "created_at": made, "updated_at": made, "applicant_id": rng.choice(ids),
                "reference": f"WKL-{1440 + k // 999_999}-{k % 999_999 + 1:06d}",
                "program": rng.choice(programs), "channel": rng.choice(channels), "status": state,
                "description": "", "created_by": rng.choice(users),
                "submitted_at": None if state == wf.DRAFT else made,
                "answer_due": None if state == wf.DRAFT else (made + dt.timedelta(days=14)).date(),
            })
        with ctx.store.engine.begin() as conn:
            conn.execute(insert(SupportRequest), rows)
        done = min(start + CHUNK, n)
        if done % 200_000 < CHUNK:
            print(f"  {done:>9,} requests  {time.perf_counter() - t0:6.1f} s", flush=True)
    # no ANALYZE: the program never runs it, so the planner of a real store has no statistics


def _ms(fn) -> float:
    t = time.perf_counter()
    fn()
    return (time.perf_counter() - t) * 1000


def run(ctx, pages: int) -> bool:
    with ctx.reading() as s:
        some = s.execute(select(SupportRequest.reference, SupportRequest.created_by, SupportRequest.program)
                         .where(SupportRequest.branch == ctx.branch.code).limit(1)).one()
    cases = {
        "desk (default)": worklist.WorkFilter(),
        "documents (drafts)": worklist.WorkFilter(group=worklist.DOCUMENTS),
        "more_info": worklist.WorkFilter(group=worklist.MORE_INFO),
        "approved": worklist.WorkFilter(group=worklist.APPROVED),
        "today": worklist.WorkFilter(group=worklist.TODAY),
        "all": worklist.WorkFilter(group=worklist.ALL),
        "desk + program": worklist.WorkFilter(program=some.program),
        "desk, late first": worklist.WorkFilter(overdue_first=True),
        "all, reference typed": worklist.WorkFilter(group=worklist.ALL, text=some.reference[:10]),
        "all, a name typed": worklist.WorkFilter(group=worklist.ALL, text="محمد العتيبي"),
        "desk, mine (made none)": worklist.WorkFilter(mine=True),
        "closed, last month": worklist.WorkFilter(
            group=worklist.ALL, status=wf.CLOSED, since=dt.date.today() - dt.timedelta(days=30)),
    }
    ok = True
    print(f"{'view':<24}{'first p50':>10}{'p95':>8}{'deep p95':>10}{'count p95':>11}{'shown':>7}")
    for name, f in cases.items():
        first = [_ms(lambda f=f: worklist.page(ctx, f)) for _ in range(pages)]
        deep = [_ms(lambda f=f: worklist.page(ctx, f, offset=2000)) for _ in range(max(3, pages // 4))]
        counts = [_ms(lambda f=f: worklist.count(ctx, f)) for _ in range(max(3, pages // 4))]
        shown = len(worklist.page(ctx, f).lines)
        print(f"{name:<24}{_pct(first, 50):>10.2f}{_pct(first, 95):>8.2f}{_pct(deep, 95):>10.2f}"
              f"{_pct(counts, 95):>11.2f}{shown:>7}")
        ok = ok and _pct(first, 95) <= BUDGET_MS
    print(("PASS" if ok else "FAIL") + f": first page p95 ≤ {BUDGET_MS} ms in every view")
    return ok


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=1_000_000, help="applicants")
    ap.add_argument("--requests", type=int, default=3_000_000)
    ap.add_argument("--keep", type=Path, required=True, help="the store's folder (reused)")
    ap.add_argument("--pages", type=int, default=40, help="timed first pages per view")
    args = ap.parse_args(argv)
    # a new store gets its requests here, not bench_search's (all made now, at the desk)
    ctx = open_or_build(args.keep, args.n, None if args.keep.exists() else 0, 1447)
    add_requests(ctx, args.requests, random.Random(1447))
    ok = run(ctx, args.pages)
    ctx.store.close()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
