#!/usr/bin/env python
"""Names across scripts: recall and precision of the cross-script key on the names corpus.

    python benchmarks/bench_names.py [--corpus tests/data/names_corpus.tsv] [--misses]

Each "same" line pairs an Arabic name with the Latin spellings people write for it (a match is
a true positive, a miss a false negative); each "different" line pairs it with other names that
look alike (a match is a false positive).  Prints recall and precision beside the target
(recall >= 95 % at precision >= 95 %) and, with --misses, every pair the key got wrong.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path

try:
    import ajfar_desk  # noqa: F401
except ImportError:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from ajfar_desk.domain.cross_script import CROSS_THRESHOLD, cross_similarity  # noqa: E402

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "data" / "names_corpus.tsv"


@dataclass
class Result:
    tp: int = 0
    fn: int = 0
    fp: int = 0
    tn: int = 0
    wrong: list[tuple[str, str, str, float]] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0


def pairs(path: Path = CORPUS) -> list[tuple[str, str, str]]:
    """(kind, Arabic, Latin) for every pair of the corpus."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, arabic, spellings = line.split("\t")
        out.extend((kind, arabic, latin) for latin in spellings.split("|") if latin)
    return out


def evaluate(path: Path = CORPUS) -> Result:
    result = Result()
    for kind, arabic, latin in pairs(path):
        score = cross_similarity(arabic, latin)
        matched = score >= CROSS_THRESHOLD
        if kind == "same":
            if matched:
                result.tp += 1
            else:
                result.fn += 1
                result.wrong.append((kind, arabic, latin, score))
        elif matched:
            result.fp += 1
            result.wrong.append((kind, arabic, latin, score))
        else:
            result.tn += 1
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--misses", action="store_true", help="list every pair the key got wrong")
    args = ap.parse_args(argv)
    r = evaluate(args.corpus)
    print(f"pairs: {r.tp + r.fn} same, {r.fp + r.tn} different")
    print(f"recall    {r.recall:6.1%}  ({r.tp} of {r.tp + r.fn} spellings found; target >= 95 %)")
    print(f"precision {r.precision:6.1%}  ({r.fp} look-alikes taken for the name; target >= 95 %)")
    if args.misses:
        for kind, arabic, latin, score in r.wrong:
            print(f"  {'missed' if kind == 'same' else 'confused'}: {arabic} ~ {latin} ({score:.2f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
