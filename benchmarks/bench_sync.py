#!/usr/bin/env python
"""Exchange of N changed records each way between head office and a branch laptop.

    python benchmarks/bench_sync.py [--records 10000]

Head office registers N applicants (through the recorded bulk path the importer uses); its
bundle for the branch is exported and imported (timed).  Then the branch changes a field of each
of those N files, and its bundle goes back (timed).  Prints seconds each way, bundle size and
bytes per record, and PASS/FAIL against DESIGN.md's budget: 10,000 records under 3 s each way.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

try:
    import ajfar_desk  # noqa: F401
except ImportError:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from sqlalchemy import select  # noqa: E402

from ajfar_desk.db.change_log import bulk_insert  # noqa: E402
from ajfar_desk.db.models import Applicant  # noqa: E402
from ajfar_desk.domain.identity import make_national_id  # noqa: E402
from ajfar_desk.domain.text import normalize_name  # noqa: E402
from ajfar_desk.services import setup, sync, sync_enrol  # noqa: E402
from ajfar_desk.services.store import Store  # noqa: E402

BUDGET_S = 3.0
NAMES = "محمد عبدالله فهد سعد خالد ناصر فيصل سلطان تركي ماجد".split()
FAMILIES = "العتيبي القحطاني الشهري الدوسري اليامي الغامدي الزهراني المطيري".split()


def applicants(n: int, rng: random.Random) -> list[dict]:
    now = dt.datetime.now(dt.UTC)
    rows = []
    for i in range(n):
        parts = [rng.choice(NAMES), rng.choice(NAMES), rng.choice(NAMES), rng.choice(FAMILIES)]
        full = " ".join(parts)
        rows.append({
            "branch": "HQ", "national_id": make_national_id(1, f"{i:08d}"), "id_kind": "citizen",
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
    args = ap.parse_args(argv)
    n = args.records
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


if __name__ == "__main__":
    sys.exit(main())
