#!/usr/bin/env python
"""Time to produce a declaration PDF (budget: under 150 ms, warm) and a referral letter.

    python benchmarks/bench_papers.py [--runs 50] [--profile ajfar] [--no-accel]

Sets up a store in a temporary folder with one applicant (long four-part name, household,
every document the largest program needs) and a submitted request, issues the papers, then
times, per paper and language: the first render in the process (cold: fonts loaded and shaped
for the first time), the warm render (``printing.papers.render``), and the whole path the desk
uses (``printing.issue.paper_pdf``: read the issued paper from the store, render, and sign it
when a certificate is configured). With ``--sign`` a throwaway self-signed certificate is made
and the signed path is timed too. Prints p50 / p95 / max in milliseconds and PASS/FAIL, and
whether ReportLab runs with its C accelerator (``rl_accel``); ``--no-accel`` hides it, to
measure the difference.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if "--no-accel" in sys.argv:  # before ReportLab is imported: its pure-Python functions
    sys.modules["_rl_accel"] = None  # type: ignore[assignment]
try:
    import ajfar_desk  # noqa: F401
except ImportError:  # a source checkout without the package installed
    sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests" / "printing"))

from scenario import submitted_request  # noqa: E402

from ajfar_desk.domain import documents as paper  # noqa: E402
from ajfar_desk.services.papers import documents  # noqa: E402
from ajfar_desk.services.store.store import Store  # noqa: E402
from ajfar_desk.services.users import setup  # noqa: E402

BUDGET_MS = 150.0


def timed(fn, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def report(label: str, samples: list[float], budget: float | None = None) -> bool:
    samples = sorted(samples)
    p95 = samples[min(len(samples) - 1, int(len(samples) * 0.95))]
    verdict = ""
    ok = True
    if budget is not None:
        ok = p95 < budget
        verdict = f"  {'PASS' if ok else 'FAIL'} (p95 < {budget:.0f} ms)"
    print(
        f"{label:<44} p50 {statistics.median(samples):7.1f}  p95 {p95:7.1f}  "
        f"max {samples[-1]:7.1f} ms{verdict}"
    )
    return ok


def make_certificate(folder: Path) -> Path:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Benchmark Signer")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    path = folder / "signer.p12"
    path.write_bytes(
        pkcs12.serialize_key_and_certificates(
            b"bench", key, cert, None, serialization.BestAvailableEncryption(b"pass")
        )
    )
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--profile", default="ajfar")
    parser.add_argument("--sign", action="store_true", help="also time PAdES signing")
    parser.add_argument("--no-accel", action="store_true", help="without ReportLab's C accelerator")
    args = parser.parse_args()

    from ajfar_desk.printing.issue import paper_pdf
    from ajfar_desk.printing.papers import render

    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp) / "data")
        ctx = setup.init_store(store, args.profile, None, "admin", "password123", "سارة العتيبي")
        _a, request = submitted_request(ctx)
        issued = {
            (kind, lang): documents.issue(ctx, request.id, kind, lang=lang)
            for kind in paper.KINDS
            for lang in ("ar", "en")
        }
        from reportlab.lib import rl_accel

        accelerated = sorted(rl_accel._c_funcs)
        print(f"profile {args.profile}, {args.runs} runs each; ReportLab's C accelerator: "
              f"{len(accelerated)} of {len(rl_accel.__all__)} functions"
              f"{' (' + ', '.join(accelerated) + ')' if accelerated else ' (pure Python)'}")
        first = issued[(paper.DECLARATION, "ar")]
        start = time.perf_counter()
        pdf = render(first, ctx.profile)
        print(f"{'declaration ar, first in process (cold)':<44} {(time.perf_counter() - start) * 1000:7.1f} ms")
        print(f"{'declaration ar, size':<44} {len(pdf) / 1024:7.1f} KiB")
        for (kind, lang), doc in issued.items():
            budget = BUDGET_MS if kind == paper.DECLARATION else None
            ok &= report(f"{kind} {lang}, render (warm)", timed(lambda d=doc: render(d, ctx.profile), args.runs), budget)
        ok &= report(
            "declaration ar, store + render (paper_pdf)",
            timed(lambda: paper_pdf(ctx, first.number), args.runs),
            BUDGET_MS,
        )
        if args.sign:
            import os

            cert = make_certificate(Path(tmp))
            os.environ["AJFAR_BENCH_P12"] = "pass"
            (store.data_dir / "signing.toml").write_text(
                f'pkcs12 = "{cert}"\npassphrase_env = "AJFAR_BENCH_P12"\n', encoding="utf-8"
            )
            paper_pdf(ctx, first.number)  # load the signer once
            report("declaration ar, store + render + PAdES sign", timed(lambda: paper_pdf(ctx, first.number), args.runs))
        store.close()
    print("ALL PASS" if ok else "SOME FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
