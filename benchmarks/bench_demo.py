#!/usr/bin/env python
"""The demo with and without its casework (decisions, deliveries, surveys, closings).

    python benchmarks/bench_demo.py [--applicants 200] [--rounds 3]

Each round fills two fresh SQLite stores in a temporary folder, one without the casework (the
demo before it walked requests on) and one with it, alternately so both see the same machine
load; prints each round and the medians with their ratio.  The casework walks at most
``demo_casework.MAX_JOURNEYS`` requests, so its cost is bounded whatever the demo's size.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from ajfar_desk.services.demo import demo  # noqa: E402
from ajfar_desk.services.store.store import Store  # noqa: E402
from ajfar_desk.services.users import setup  # noqa: E402


def fill(folder: Path, applicants: int, casework: bool) -> float:
    real = demo.fill_casework
    if not casework:
        demo.fill_casework = lambda *_a, **_k: (Counter(), [])
    store = Store.open(folder)
    try:
        ctx = setup.init_store(store, "ajfar", None, "admin", "bench-password")
        started = time.perf_counter()
        demo.fill_demo(ctx, applicants)
        return time.perf_counter() - started
    finally:
        store.close()
        demo.fill_casework = real


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--applicants", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    times: dict[str, list[float]] = {"before": [], "after": []}
    with tempfile.TemporaryDirectory() as tmp:
        for round_ in range(args.rounds):
            for label, casework in (("before", False), ("after", True)):
                times[label].append(fill(Path(tmp) / f"{label}{round_}", args.applicants, casework))
            print(f"round {round_ + 1}: without {times['before'][-1]:.1f} s, "
                  f"with the casework {times['after'][-1]:.1f} s", flush=True)
    before, after = statistics.median(times["before"]), statistics.median(times["after"])
    print(f"{args.applicants} applicants, median of {args.rounds}: without {before:.1f} s, "
          f"with {after:.1f} s (+{after - before:.1f} s, ×{after / before:.2f})")


if __name__ == "__main__":
    main()
