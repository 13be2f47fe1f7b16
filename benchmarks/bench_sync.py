#!/usr/bin/env python
"""Exchange of N changed records each way between head office and a branch laptop.

    python benchmarks/bench_sync.py [--records 10000] [--base DIR [--password PW]]

Head office registers N applicants (through the recorded bulk path the importer uses); its
bundle for the branch is exported and imported (timed).  Then the branch changes a field of each
of those N files, and its bundle goes back (timed).  Prints seconds each way, bundle size and
bytes per record, and PASS/FAIL against DESIGN.md's budget: 10,000 records under 3 s each way
(issue 13: under 1 s each way into a store of 1,000,000 applicants).

``--base DIR``: a big store (e.g. the 1,000,000 applicants ``bench_search.py --keep DIR``
built) is copied and plays the receiving node: a branch that joins it registers the N files
and sends them (import timed at the big store), the big store changes them and sends them back
(export timed at the big store), the branch changes them again and sends the updates (import
timed at the big store).  DIR itself is never written.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import random
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

try:
    import ajfar_desk  # noqa: F401
except ImportError:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from sqlalchemy import func, select  # noqa: E402

from ajfar_desk.db.bulk_writes import bulk_insert, bulk_update  # noqa: E402
from ajfar_desk.db.models import Applicant  # noqa: E402
from ajfar_desk.domain.identity import make_national_id  # noqa: E402
from ajfar_desk.domain.text import normalize_name  # noqa: E402
from ajfar_desk.services.store.store import Store  # noqa: E402
from ajfar_desk.services.sync import sync, sync_enrol  # noqa: E402
from ajfar_desk.services.users import setup  # noqa: E402

BUDGET_S = 3.0
BASE_BUDGET_S = 1.0
# --base, the four steps as measured before new files carried their name index key as inserted
# (sync_write), in the birth date index's order, and the bundle was checked column by column
# (sync_check) (2026-12-07, session 8, a quiet machine; CPU measured for the first step only)
BEFORE = "wall 1.59, 0.11, 0.85, 0.94 s; CPU 1.52 s for the first"
NAMES = "محمد عبدالله فهد سعد خالد ناصر فيصل سلطان تركي ماجد".split()
FAMILIES = "العتيبي القحطاني الشهري الدوسري اليامي الغامدي الزهراني المطيري".split()


def applicants(n: int, rng: random.Random, branch: str = "HQ") -> list[dict]:
    now = dt.datetime.now(dt.UTC)
    rows = []
    for i in range(n):
        parts = [rng.choice(NAMES), rng.choice(NAMES), rng.choice(NAMES), rng.choice(FAMILIES)]
        full = " ".join(parts)
        rows.append({
            "branch": branch, "national_id": make_national_id(1 if branch == "HQ" else 2, f"{i:08d}"),
            "id_type": "national_id" if branch == "HQ" else "iqama", "id_country": "",
            "first_name": parts[0], "father_name": parts[1], "grandfather_name": parts[2],
            "family_name": parts[3], "full_name": full, "name_norm": normalize_name(full),
            "birth_date": dt.date(1960 + i % 40, 1 + i % 12, 1 + i % 28), "nationality": "SA",
            "gender": "male", "marital_status": "married", "phone": f"+96655{i:07d}",
            "city": "نجران", "category": "consumer", "consent_at": now,
        })
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--records", type=int, default=10_000)
    ap.add_argument("--base", type=Path, default=None,
                    help="a big store's folder, copied: the node the bundles go into")
    ap.add_argument("--password", default="benchmark-password", help="admin's password in --base")
    args = ap.parse_args(argv)
    n = args.records
    if args.base:
        return into_base(args.base, args.password, n)
    tmp = Path(tempfile.mkdtemp(prefix="ajfar-bench-sync-"))
    try:
        hq = setup.init_store(Store.open(tmp / "hq"), "najran", None, "admin", "benchmark-pw")
        invitation = sync_enrol.invite(hq, "SHR", "benchmark passphrase")
        shr, _r = sync_enrol.join(Store.open(tmp / "shr"), invitation, "benchmark passphrase")
        setup.sign_in(shr, "admin", "benchmark-pw")
        with hq.uow() as s:
            bulk_insert(s, Applicant, applicants(n, random.Random(7)))

        t0 = time.perf_counter()
        down = sync.export_bundle(hq, sync.node(shr).id)
        t1 = time.perf_counter()
        result = sync.import_bundle(shr, down)
        t2 = time.perf_counter()
        print(f"head office -> branch: {result.changes:,} changes, export {t1 - t0:.2f} s, "
              f"import {t2 - t1:.2f} s, {len(down) / 1024:,.0f} KiB ({len(down) / result.changes:.0f} B/record)")

        with shr.uow() as s:
            for row in s.scalars(select(Applicant)):
                row.district = "حي الفيصلية"
        t3 = time.perf_counter()
        up = sync.export_bundle(shr, sync.node(hq).id)
        t4 = time.perf_counter()
        back = sync.import_bundle(hq, up)
        t5 = time.perf_counter()
        print(f"branch -> head office: {back.changes:,} changes, export {t4 - t3:.2f} s, "
              f"import {t5 - t4:.2f} s, {len(up) / 1024:,.0f} KiB ({len(up) / back.changes:.0f} B/record)")
        worst = max(t1 - t0, t2 - t1, t4 - t3, t5 - t4)
        ok = worst < BUDGET_S
        print(f"{'PASS' if ok else 'FAIL'}: {n:,} records each way, slowest step {worst:.2f} s "
              f"(budget {BUDGET_S:.0f} s per export or import)")
        hq.store.close()
        shr.store.close()
        return 0 if ok else 1
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


CPU: list[str] = []


def _timed(fn):
    """fn() and its wall-clock seconds; its CPU seconds noted in CPU (6 engineers share 2 cores:
    CPU time says more than the wall clock when the machine is loaded)."""
    t0, c0 = time.perf_counter(), time.process_time()
    out = fn()
    took = time.perf_counter() - t0
    CPU.append(f"{time.process_time() - c0:.2f}")
    return out, took


def into_base(base: Path, password: str, n: int) -> int:
    tmp = Path(tempfile.mkdtemp(prefix="ajfar-bench-sync-base-"))
    try:
        (tmp / "big").mkdir()
        src = base / "ajfar-desk.sqlite"
        shutil.copyfile(src, tmp / "big" / src.name)
        _settle(tmp / "big" / src.name)
        (tmp / "big" / "backups").mkdir()
        relabel(tmp / "big" / src.name)
        big_store = Store.open(tmp / "big")
        big = setup.open_context(big_store)
        setup.sign_in(big, "admin", password)
        with big.reading() as s:
            total = s.scalar(select(func.count()).select_from(Applicant))
        invitation = sync_enrol.invite(big, "SHR", "benchmark passphrase")
        shr, _r = sync_enrol.join(Store.open(tmp / "shr"), invitation,
                                  "benchmark passphrase")
        setup.sign_in(shr, "admin", password)
        with shr.uow() as s:
            bulk_insert(s, Applicant, applicants(n, random.Random(7), branch="SHR"))
        up = sync.export_bundle(shr, sync.node(big).id)
        result, t_new = _timed(lambda: sync.import_bundle(big, up))
        print(f"branch -> big store ({total:,} applicants): {result.changes:,} new files, "
              f"import {t_new:.2f} s")
        ids = [r.id for r in result_ids(shr)]
        with big.uow() as s:
            bulk_update(s, Applicant, Applicant.id.in_(ids), {"district": "حي الفيصلية"})
        down, t_export = _timed(lambda: sync.export_bundle(big, sync.node(shr).id))
        back, t_back = _timed(lambda: sync.import_bundle(shr, down))
        print(f"big store -> branch: {back.changes:,} changes, export {t_export:.2f} s (big store), "
              f"import {t_back:.2f} s (branch)")
        with shr.uow() as s:
            bulk_update(s, Applicant, Applicant.id.in_(ids), {"district": "حي النسيم"})
        up2 = sync.export_bundle(shr, sync.node(big).id)
        again, t_upd = _timed(lambda: sync.import_bundle(big, up2))
        print(f"branch -> big store: {again.changes:,} changed files, import {t_upd:.2f} s")
        print(f"CPU seconds of the four steps above: {', '.join(CPU)} (load {os.getloadavg()[0]:.1f})")
        print(f"before: {BEFORE}")
        worst = max(t_new, t_export, t_upd)
        ok = worst <= BASE_BUDGET_S
        print(f"{'PASS' if ok else 'FAIL'}: {n:,} records into/out of {total:,} applicants, slowest "
              f"step at the big store {worst:.2f} s (budget {BASE_BUDGET_S:.0f} s)")
        big.store.close()
        shr.store.close()
        return 0 if ok else 1
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _settle(path: Path) -> None:
    """The copy on the disk before anything is timed: gigabytes of it still waiting to be
    written would be written by the first commit's disk sync (on ext4 the journal's commit waits
    for them), which a laptop that holds its store does not pay."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def relabel(path: Path) -> None:
    """bench_search.py builds its store for "ajfar", which has one branch only: the copy becomes
    head office of "najran" (three branches), so a branch can join it.  Its rows are unchanged."""
    with contextlib.closing(sqlite3.connect(path)) as db, db:
        if db.execute("SELECT value FROM store_meta WHERE key = 'association'").fetchone()[0] == "ajfar":
            db.execute("UPDATE store_meta SET value = 'najran' WHERE key = 'association'")


def result_ids(ctx):
    with ctx.reading() as s:
        return s.execute(select(Applicant.id).where(Applicant.branch == "SHR")).all()


if __name__ == "__main__":
    sys.exit(main())
