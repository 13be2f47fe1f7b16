"""Test helper, run as a script: the command line with a power cut in the middle of an import.

    python tests/crash_after.py N --data-dir DIR sync import BUNDLE

runs ``ajfar_desk.cli.main.main`` with the given arguments, but the process dies (``os._exit(9)``,
as under ``kill -9``) once N changes of the bundle have been applied, before the import's
transaction commits.  The fault is injected here, by patching the merger; the program has no
switch for it.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str]) -> int:
    from ajfar_desk.cli import main as cli
    from ajfar_desk.services.sync import sync_merge

    limit, applied = int(argv[0]), 0
    apply = sync_merge.Merger.apply

    def apply_then_maybe_die(self, change):
        nonlocal applied
        result = apply(self, change)
        applied += 1
        if applied >= limit:
            os._exit(9)  # the power cut: the transaction never commits
        return result

    sync_merge.Merger.apply = apply_then_maybe_die
    return cli.main(argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
