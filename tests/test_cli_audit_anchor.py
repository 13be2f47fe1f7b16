"""``audit verify`` end to end: a cut tail with its head row fixed, found from the data folder's
anchor, and from a copy of it named with ``--anchor`` once the anchor file is gone too."""

from __future__ import annotations

import shutil
import sqlite3

from test_cli import STORE_FILE, init, run


def test_a_cut_tail_is_reported_with_what_is_missing(tmp_path):
    data = tmp_path / "data"
    init(data)
    pw = tmp_path / "pw.txt"
    pw.write_text("clerk-password\n", encoding="utf-8")
    for name in ("clerk", "hind", "salem"):
        added = run(data, "users", "add", name, "--role", "front_desk", "--name", name,
                    "--password-file", str(pw))
        assert added.returncode == 0, added.stderr
    assert run(data, "audit", "verify").returncode == 0
    kept = tmp_path / "peer-copy.json"  # what a peer or a backup holds
    shutil.copy(data / "audit-anchor.json", kept)

    with sqlite3.connect(data / STORE_FILE) as db:  # two entries cut, the head row "fixed"
        top = db.execute("SELECT max(seq) FROM audit_log").fetchone()[0]
        keep_hash = db.execute("SELECT hash FROM audit_log WHERE seq = ?", (top - 2,)).fetchone()[0]
        db.execute("DELETE FROM audit_log WHERE seq > ?", (top - 2,))
        db.execute("UPDATE audit_head SET seq = ?, hash = ?", (top - 2, keep_hash))
    db.close()
    broken = run(data, "audit", "verify")
    assert broken.returncode == 3
    assert f"2 entries missing ({top - 1}–{top})" in broken.stdout, broken.stdout
    assert run(data, "audit", "verify", lang="ar").returncode == 3

    (data / "audit-anchor.json").unlink()  # the anchor file removed too: the copy still tells
    assert run(data, "audit", "verify").returncode == 0
    told = run(data, "audit", "verify", "--anchor", str(kept))
    assert told.returncode == 3 and "2 entries missing" in told.stdout
    missing = run(data, "audit", "verify", "--anchor", str(tmp_path / "nothing.json"))
    assert missing.returncode == 2
