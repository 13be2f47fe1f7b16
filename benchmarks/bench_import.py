#!/usr/bin/env python
"""CSV import speed: N applicant rows read, checked and saved in one transaction (SQLite).

    python benchmarks/bench_import.py [--n 20000] [--encoding utf-8|cp1256|utf-16]

Writes a CSV of N rows as a front desk would have them (Arabic headers, four-part names, Saudi
mobiles typed 05XXXXXXXX, a few +9665 and foreign numbers, districts, incomes), imports it with
``importer.import_applicants`` into a fresh store and prints rows/s beside DESIGN.md's floor
(10,000 rows/s) and the figures before this round: 10,327 / 9,997 / 9,863 rows/s wall on a quiet
machine (9,679 / 9,316 / 9,175 rows per CPU second), Windows-1256 10,121 rows/s (earlier:
2,000-2,300 rows/s before this benchmark existed, 5,309 rows/s before the first speed-up,
7,100 rows/s after it, one thread).  The rows are checked on the main thread while a writer
thread stores the previous chunk: the CPU of each is printed (the two hold the interpreter in
turn, so on an idle two-core laptop the wall time nears the checks' CPU plus the writer's
Python, the rest of the writer's time being SQLite's beside it).
"""

from __future__ import annotations

import argparse
import csv
import os
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

from ajfar_desk.domain.identity import make_national_id  # noqa: E402
from ajfar_desk.services.store.store import Store  # noqa: E402
from ajfar_desk.services.transfer import importer  # noqa: E402
from ajfar_desk.services.users import setup  # noqa: E402

FLOOR = 10_000
# before this round (20,000 rows, a quiet two-core machine, three runs)
BEFORE = ("10,327 / 9,997 / 9,863 rows/s wall (9,679 / 9,316 / 9,175 rows per CPU second); "
          "Windows-1256 10,121 rows/s")
NAMES = "محمد عبدالله فهد سعد خالد ناصر فيصل سلطان تركي ماجد نورة فاطمة".split()
FAMILIES = "العتيبي القحطاني الشهري الدوسري اليامي الغامدي الزهراني المطيري".split()
DISTRICTS = ["حي النزهة", "حي الفيصلية", 'حي "الملز"، شمال', "", "العليا"]
HEADERS = ["رقم الهوية", "الاسم", "الجوال", "تاريخ الميلاد", "الجنس", "المدينة",
           "الجنسية", "الحالة الاجتماعية", "الحي", "الدخل الشهري"]


def rows(n: int, rng: random.Random):
    for i in range(n):
        name = " ".join([rng.choice(NAMES), "بن", rng.choice(NAMES), rng.choice(NAMES),
                         rng.choice(FAMILIES)])
        kind, digit = i % 20, (i % 10 if i % 10 != 2 else 0)  # 052 is not a mobile prefix
        phone = (f"+9665{digit}{i:07d}" if kind == 1 else "+201001234567" if kind == 2
                 else f"05{digit}{i:07d}")
        yield [
            make_national_id(1 + i % 2, f"{i:08d}"), name, phone,
            f"{1950 + i % 50}-{1 + i % 12:02d}-{1 + i % 28:02d}", rng.choice(["ذكر", "أنثى"]),
            "الرياض", "سعودي", rng.choice(["متزوج", "أعزب", "أرملة"]), rng.choice(DISTRICTS),
            str(rng.randrange(0, 9000)),
        ]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=20_000, help="rows in the file")
    ap.add_argument("--encoding", default="utf-8-sig", help="the file's encoding")
    args = ap.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="ajfar-bench-import-"))
    try:
        path = tmp / "applicants.csv"
        with path.open("w", encoding=args.encoding, newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(HEADERS)
            writer.writerows(rows(args.n, random.Random(7)))
        ctx = setup.init_store(Store.open(tmp / "store"), "najran", None, "admin", "bench-pw")
        t0, c0, m0 = time.perf_counter(), time.process_time(), time.thread_time()
        try:
            result = importer.import_applicants(ctx, path)
        except importer.ImportFailed as failed:
            print(*failed.errors[:5], sep="\n")
            raise
        seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
        main_cpu = time.thread_time() - m0
        ctx.store.close()
        rate = result.imported / seconds
        ok = rate >= FLOOR and result.imported == args.n
        print(f"{result.imported:,} rows ({result.encoding}, {path.stat().st_size / 1e6:.1f} MB) "
              f"imported in {seconds:.2f} s: {rate:,.0f} rows/s "
              f"(CPU {cpu:.2f} s: {result.imported / cpu:,.0f} rows per CPU second; on a busy "
              f"machine the wall figure is the lower one)")
        print(f"CPU: checks (main thread) {main_cpu:.2f} s, writer thread {cpu - main_cpu:.2f} s; "
              f"load {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        print(f"{'PASS' if ok else 'FAIL'}: floor {FLOOR:,} rows/s (DESIGN.md); before: {BEFORE}")
        return 0 if ok else 1
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
