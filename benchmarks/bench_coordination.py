#!/usr/bin/env python
"""One coordination exchange between two associations of N consenting applicants each.

    python benchmarks/bench_coordination.py [--people 100000] [--shared 10000]

The identity lists are generated directly (valid Saudi national IDs, ``--shared`` of them held
by both), not read from two stores of N applicants: building two 100,000-applicant stores takes
longer than the exchange itself, and the store's part of an export is one indexed query.  What is
timed is the whole cryptographic, file and matching path of ``services.coordination``: each
member's file (hash to the group, its table of tags and sealed reveals, its blinded queries,
signed, ``exchange_file.write``), each member reading the other's file (``exchange_file.read``,
signature) and raising its queries to its own key in its next file, then opening the answers
against the table.  Prints seconds per step, file sizes and the matches found (which must equal
``--shared``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
from pathlib import Path

try:
    import ajfar_desk  # noqa: F401
except ImportError:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey  # noqa: E402

from ajfar_desk.domain.identity import make_national_id  # noqa: E402
from ajfar_desk.services.coordination import exchange_file as xf  # noqa: E402
from ajfar_desk.services.coordination import psi  # noqa: E402

CONSORTIUM = "0" * 32


class Member:
    def __init__(self, name: str, numbers: list[str]):
        self.name, self.id = name, os.urandom(16).hex()
        self.key = Ed25519PrivateKey.generate()
        self.people = [(psi.identity_key("national_id", "", n),
                        psi.pack_reveal(psi.ASSOCIATION | psi.MONTH, 0, "2026-11")) for n in numbers]
        self.r = psi.new_scalar()

    def file(self, number: int, answers: list[xf.Answer]) -> tuple[bytes, bytes]:
        """The member's file; returns (file, its key k: used for the answers in the same file)."""
        k, nonce = psi.new_scalar(), os.urandom(16)
        table, queries = psi.publish(CONSORTIUM, nonce, k, self.r, self.people)
        answered = [xf.Answer(a.to, a.number, psi.blind_all(k, a.values)) for a in answers]
        data = xf.write(xf.Exchange(CONSORTIUM, self.id, number, dt.datetime.now(dt.UTC).isoformat(),
                                    nonce, [], [], table, queries, answered), self.key)
        return data, k


def read(data: bytes, sender: Member) -> xf.Exchange:
    ex, _signed = xf.read(data)
    xf.check_signature(data, sender.key.public_key().public_bytes_raw())
    return ex


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--shared", type=int, default=10_000)
    args = parser.parse_args()
    n, shared = args.people, args.shared
    a_ids = [make_national_id(1, f"{i:08d}") for i in range(n)]
    b_ids = a_ids[:shared] + [make_national_id(2, f"{i:08d}") for i in range(n - shared)]
    a, b = Member("A", a_ids), Member("B", b_ids)
    times: dict[str, float] = {}

    def timed(label, fn):
        start = time.perf_counter()
        out = fn()
        times[label] = time.perf_counter() - start
        print(f"{label:<52} {times[label]:8.2f} s", flush=True)
        return out

    a1, _ = timed("A writes its file (table + queries)", lambda: a.file(1, []))
    ex_a1 = timed("B reads A's file (parse, signature)", lambda: read(a1, a))
    b1, _ = timed("B writes its file, answering A's queries",
                  lambda: b.file(1, [xf.Answer(a.id, 1, ex_a1.queries)]))
    ex_b1 = timed("A reads B's file (parse, signature)", lambda: read(b1, b))
    found_a = timed("A opens B's answers against B's table",
                    lambda: psi.open_answers(a.r, ex_b1.answers[0].values, ex_b1.nonce, ex_b1.table))
    a2, _ = timed("A writes its next file, answering B's queries",
                  lambda: a.file(2, [xf.Answer(b.id, 1, ex_b1.queries)]))
    ex_a2 = timed("B reads A's next file", lambda: read(a2, a))
    found_b = timed("B opens A's answers against A's table",
                    lambda: psi.open_answers(b.r, ex_a2.answers[0].values, ex_a2.nonce, ex_a2.table))
    total = sum(times.values())
    print(f"{'total (both members learn the intersection)':<52} {total:8.2f} s")
    print(f"file sizes: A's first {len(a1) / 1e6:.1f} MB (table + queries), "
          f"B's {len(b1) / 1e6:.1f} MB and A's second {len(a2) / 1e6:.1f} MB (with answers); "
          f"{len(a2) / n:.0f} bytes per person")
    print(f"matches: A found {len(found_a)}, B found {len(found_b)} (shared: {shared})")
    ok = len(found_a) == len(found_b) == shared
    print("PASS" if ok else "FAIL: the matches differ from the shared people")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
