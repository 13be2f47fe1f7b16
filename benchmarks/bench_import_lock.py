#!/usr/bin/env python
"""How long the open window waits to save while a CSV import runs beside it (SQLite).

    python benchmarks/bench_import_lock.py [--n 10000] [--every 0.2]

The import saves all its rows in one transaction (all or nothing), so it holds SQLite's write
lock from its first stored chunk to its commit.  This benchmark writes a CSV of N rows (as
``bench_import``), starts the import in a child process (the command line, as an administrator
runs it), and meanwhile, in this process, "the window" saves every ``--every`` seconds on the
same store through the services (``--save``: adds a household member, or registers a person),
timing each save.  It prints the import's wall
time, the saves' median and longest wait, and how many saves were refused («database is
locked» after the store's 5 s busy timeout): each is a save the desk employee saw fail.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

try:
    import ajfar_desk  # noqa: F401
except ImportError:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from sqlalchemy.exc import OperationalError  # noqa: E402

from ajfar_desk.domain.identity import make_national_id  # noqa: E402
from ajfar_desk.services.applicants import applicants  # noqa: E402
from ajfar_desk.services.applicants.applicant_input import ApplicantInput  # noqa: E402
from ajfar_desk.services.store.store import Store  # noqa: E402
from ajfar_desk.services.users import setup  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_import import HEADERS, rows  # noqa: E402

CHILD = """
import sys, time
from pathlib import Path
from ajfar_desk.services.store.store import Store
from ajfar_desk.services.transfer import importer
from ajfar_desk.services.users import setup
ctx = setup.open_context(Store.open(Path(sys.argv[1])))
setup.sign_in(ctx, "admin", "bench-pw")
t0 = time.perf_counter()
print("START", flush=True)
try:
    result = importer.import_applicants(ctx, Path(sys.argv[2]))
except importer.ImportFailed as failed:  # what the administrator reads, and why underneath
    print("FAILED", 0, round(time.perf_counter() - t0, 3), failed, repr(failed.__context__)[:300], flush=True)
    raise SystemExit(1)
print("DONE", result.imported, round(time.perf_counter() - t0, 3), flush=True)
ctx.store.close()
"""


def person(i: int) -> ApplicantInput:
    return ApplicantInput(national_id=make_national_id(2, f"9{i:07d}"), first_name="سالم",
                          father_name="ناصر", grandfather_name="علي", family_name="اليامي",
                          birth_date="1/1/1985", nationality="SA", gender="male",
                          marital_status="single", phone=f"0551{i:06d}", city="نجران",
                          category="consumer", consent=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=10_000, help="rows in the file")
    ap.add_argument("--every", type=float, default=0.2, help="seconds between the window's saves")
    ap.add_argument("--save", choices=("member", "register"), default="member",
                    help="the window's save: a household member added to a file (default), or a "
                         "new registration (which, begun as the import starts, can make the import "
                         "fail on the name index's key: see the report of 2026-12-07)")
    args = ap.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="ajfar-bench-lock-"))
    try:
        path = tmp / "applicants.csv"
        with path.open("w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(HEADERS)
            writer.writerows(rows(args.n, random.Random(7)))
        ctx = setup.init_store(Store.open(tmp / "store"), "najran", None, "admin", "bench-pw")
        first = applicants.register(ctx, person(0))  # warm: the first save reads the profile and such
        env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent / "src")}
        child = subprocess.Popen([sys.executable, "-c", CHILD, str(tmp / "store"), str(path)],
                                 stdout=subprocess.PIPE, text=True, env=env)
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "START"
        waits: list[float] = []
        refused = 0
        i = 1
        while child.poll() is None:
            t0 = time.perf_counter()
            try:
                if args.save == "register":
                    applicants.register(ctx, person(i), confirm_similar=True)
                else:
                    applicants.add_member(ctx, first.id, applicants.MemberInput(f"فرد {i}", "son", "male"))
                waits.append(time.perf_counter() - t0)
            except OperationalError:
                refused += 1
                waits.append(time.perf_counter() - t0)
            i += 1
            time.sleep(args.every)
        said = child.stdout.read()
        done = said.split()
        ctx.store.close()
        imported, seconds = int(done[1]), float(done[2])
        if done[0] == "FAILED":
            print("the import FAILED:", " ".join(done[3:]))
        print(f"import of {imported:,} rows: {seconds:.2f} s wall; load {os.getloadavg()[0]:.1f} "
              f"on {os.cpu_count()} cores")
        print(f"the window's {len(waits)} saves meanwhile: median {statistics.median(waits) * 1000:.0f} ms, "
              f"longest {max(waits) * 1000:.0f} ms, refused (database is locked) {refused}")
        return 0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
