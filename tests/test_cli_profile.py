"""``ajfar-desk profile``: export the profile in force, check an edited file (every error with
its file, line and key; exit 2), import it (a new version, audited), show the versions; and
``init --profile FILE`` for an association the program does not bring."""

from __future__ import annotations

import hashlib
import json
import shutil

from ajfar_desk.domain.profile import profiles_dir
from test_cli import init, run


def test_export_check_import_show(tmp_path):
    data = tmp_path / "data"
    init(data)
    out = tmp_path / "edit" / "ajfar.toml"
    exported = run(data, "profile", "export", "--out", str(out))
    assert exported.returncode == 0, exported.stderr
    assert out.is_file() and (out.parent / "policies" / "ajfar.txt").is_file()
    assert str(out.parent / "policies" / "ajfar.txt") in exported.stdout

    good = run(data, "profile", "check", str(out))
    assert good.returncode == 0 and "is correct" in good.stdout

    text = out.read_text(encoding="utf-8")
    out.write_text(text.replace('\ndigits = "', '\nmoney_decimals = 7\ndigits = "', 1), encoding="utf-8")
    line = next(n for n, t in enumerate(out.read_text(encoding="utf-8").splitlines(), 1)
                if t.startswith("money_decimals"))
    bad = run(data, "profile", "check", str(out))
    assert bad.returncode == 2
    assert bad.stderr.strip() == f"{out}:{line}: money_decimals: must be 2 (riyals and halalas) or 0 (whole riyals)"
    refused = run(data, "profile", "import", str(out))
    assert refused.returncode == 2 and f"{out}:{line}: money_decimals:" in refused.stderr

    out.write_text(text + "\n# revised by the board, meeting 12\n", encoding="utf-8")
    imported = run(data, "profile", "import", str(out))
    assert imported.returncode == 0, imported.stderr
    assert "Version 2 of the profile is in force" in imported.stdout

    shown = json.loads(run(data, "profile", "show", "--json").stdout)
    assert [(v["number"], v["source"], v["imported_by"]) for v in shown] == [
        (2, "imported", "admin"), (1, "bundled", "")]
    assert shown[0]["sha256"] == hashlib.sha256(out.read_bytes()).hexdigest()
    listed = run(data, "profile", "history").stdout
    assert "Version 2: imported" in listed and "in force" in listed.splitlines()[1]
    audit = run(data, "audit", "list", "--limit", "1").stdout
    assert "Association profile" in audit


def test_init_from_a_profile_file(tmp_path):
    folder = tmp_path / "sixth"
    shutil.copytree(profiles_dir() / "policies", folder / "policies")
    text = (profiles_dir() / "najran.toml").read_text(encoding="utf-8")
    (folder / "mine.toml").write_text(
        text.replace('id = "najran"', 'id = "sixth"', 1).replace('"NJR"', '"SXA"'), encoding="utf-8")
    data = tmp_path / "data"
    wrong = run(data, "init", "--association", "other", "--profile", str(folder / "mine.toml"),
                env={"AJFAR_ADMIN_PASSWORD": "s3cret-pass"})
    assert wrong.returncode == 2 and "“sixth”" in wrong.stderr
    made = run(data, "init", "--association", "sixth", "--profile", str(folder / "mine.toml"),
               env={"AJFAR_ADMIN_PASSWORD": "s3cret-pass"})
    assert made.returncode == 0, made.stderr
    assert "(sixth)" in made.stdout
    shutil.rmtree(folder)
    shown = json.loads(run(data, "profile", "show", "--json").stdout)
    assert [(v["association"], v["source"]) for v in shown] == [("sixth", "imported")]
