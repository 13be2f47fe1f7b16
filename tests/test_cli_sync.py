"""The exchange by file end to end through ``python -m ajfar_desk``: enrol a laptop, exchange
both ways, refuse a damaged bundle, exchange directly with head office's database."""

from __future__ import annotations

import json

from test_cli import one_line_error, run

ENV = {"AJFAR_ADMIN_PASSWORD": "s3cret-pass", "AJFAR_INVITE_PASSPHRASE": "a long passphrase"}


def test_enrol_exchange_and_refuse(tmp_path):
    hq, shr = tmp_path / "hq", tmp_path / "shr"
    assert run(hq, "demo", "--applicants", "8", "--association", "najran", env=ENV).returncode == 0
    invite = run(hq, "sync", "invite", "--branch", "SHR", "--out", str(tmp_path / "shr.invite"), env=ENV)
    assert invite.returncode == 0, invite.stderr
    joined = run(shr, "sync", "join", str(tmp_path / "shr.invite"), env=ENV)
    assert joined.returncode == 0, joined.stderr
    found = run(shr, "applicants", "search", "1", "--json")  # head office's files arrived
    assert found.returncode == 0 and len(json.loads(found.stdout)) >= 1

    up = tmp_path / "up.ajfar"
    assert run(shr, "sync", "export", "--to", "HQ", "--out", str(up)).returncode == 0
    imported = run(hq, "sync", "import", str(up), "--json")
    assert imported.returncode == 0, imported.stderr
    assert json.loads(imported.stdout)["branch"] == "SHR"
    again = run(hq, "sync", "import", str(up))
    assert again.returncode == 3 and "already imported" in one_line_error(again)

    damaged = tmp_path / "damaged.ajfar"
    assert run(shr, "sync", "export", "--to", "HQ", "--out", str(damaged)).returncode == 0
    data = bytearray(damaged.read_bytes())
    data[len(data) // 2] ^= 0xFF
    damaged.write_bytes(bytes(data))
    refused = run(hq, "sync", "import", str(damaged))
    assert refused.returncode == 3 and "signature" in one_line_error(refused)

    status = json.loads(run(hq, "sync", "status", "--json").stdout)
    assert [p["branch"] for p in status["peers"]] == ["SHR"] and status["conflicts"] == 0
    assert json.loads(run(hq, "sync", "conflicts", "--json").stdout) == []
    assert json.loads(run(hq, "sync", "duplicates", "--json").stdout) == []

    direct = run(shr, "sync", "direct", "--with-url", f"sqlite:///{hq / 'ajfar-desk.sqlite'}")
    assert direct.returncode == 0, direct.stderr
    assert "conflict" not in direct.stdout and "Nothing to review." in direct.stdout  # «0 conflicts»


def test_wrong_invitation_passphrase_is_one_line(tmp_path):
    hq = tmp_path / "hq"
    assert run(hq, "init", "--association", "najran", env=ENV).returncode == 0
    assert run(hq, "sync", "invite", "--branch", "HBN", "--out", str(tmp_path / "i"), env=ENV).returncode == 0
    wrong = run(tmp_path / "hbn", "sync", "join", str(tmp_path / "i"),
                env={"AJFAR_INVITE_PASSPHRASE": "not the passphrase"})
    assert wrong.returncode == 2 and "passphrase" in one_line_error(wrong).lower()


def test_status_and_import_read_as_the_window_says_them(tmp_path):
    """Trial: `sync status` printed «آخر إرسال ٢٠٢٦-١٢-٠٧ ١٩:١٦:٥٧.٤١٨٣٤٨+٠٠:٠٠» and
    «بانتظار الإرسال ٠ تغيير»; `sync import` «٠ تعارض، ٠ تكرار». Dates as the window shows them
    (Hijri first, the Gregorian beside it, the hour), and only what waits for a person."""
    import re

    from ajfar_desk.domain.text import strip_bidi_controls

    hq, shr = tmp_path / "hq", tmp_path / "shr"
    assert run(hq, "init", "--association", "najran", env=ENV).returncode == 0
    assert run(hq, "sync", "invite", "--branch", "SHR", "--out", str(tmp_path / "i"), env=ENV).returncode == 0
    assert run(shr, "sync", "join", str(tmp_path / "i"), env=ENV).returncode == 0
    up = tmp_path / "up.ajfar"
    assert run(shr, "sync", "export", "--to", "HQ", "--out", str(up)).returncode == 0
    imported = run(hq, "sync", "import", str(up), lang="ar")
    assert imported.returncode == 0, imported.stderr
    assert "لا شيء للمراجعة" in imported.stdout and "٠ تعارض" not in imported.stdout

    status = run(hq, "sync", "status", lang="ar")
    assert status.returncode == 0, status.stderr
    line = strip_bidi_controls(next(x for x in status.stdout.splitlines() if x.startswith("SHR")))
    assert "هـ (" in line  # the day in both calendars
    assert "+٠٠:٠٠" not in line and not re.search(r"[0-9٠-٩]{4}-[0-9٠-٩]{2}-[0-9٠-٩]{2}", line)
    assert not re.search(r"[٠0] تغيير", line)  # nothing waits: said in words


def test_a_branch_not_in_the_profile_says_how_to_add_it_and_bundles_end_in_ajfar(tmp_path):
    """Trial b: `sync invite --branch SHR` at an association whose profile has head office only
    said «Unknown branch: SHR; available: HQ», not how to add one; `sync export --out
    shr-1.bundle` wrote a file the window's import dialog («Ajfar bundles», *.ajfar) did not list."""
    ajfar = tmp_path / "ajfar"
    assert run(ajfar, "init", "--association", "ajfar", env=ENV).returncode == 0
    refused = run(ajfar, "sync", "invite", "--branch", "SHR", "--out", str(tmp_path / "i"), env=ENV)
    line = one_line_error(refused)
    assert refused.returncode == 2 and "SHR" in line and "HQ" in line
    assert "profile export" in line and "[[branches]]" in line and "profile import" in line
    assert not (tmp_path / "i").exists()

    hq, shr = tmp_path / "hq", tmp_path / "shr"
    assert run(hq, "init", "--association", "najran", env=ENV).returncode == 0
    assert run(hq, "sync", "invite", "--branch", "SHR", "--out", str(tmp_path / "j"), env=ENV).returncode == 0
    assert run(shr, "sync", "join", str(tmp_path / "j"), env=ENV).returncode == 0
    out = run(shr, "sync", "export", "--to", "HQ", "--out", str(tmp_path / "shr-1.bundle"))
    assert out.returncode == 0, out.stderr
    written = tmp_path / "shr-1.bundle.ajfar"
    assert written.is_file() and not (tmp_path / "shr-1.bundle").exists()
    assert str(written) in out.stdout
    kept = run(shr, "sync", "export", "--to", "HQ", "--out", str(tmp_path / "two.AJFAR"))
    assert kept.returncode == 0 and (tmp_path / "two.AJFAR").is_file()


def test_duplicates_list_what_differs_and_merge_takes_the_chosen_fields(tmp_path):
    """Trial b: head office and a branch registered one national ID, the name spelt two ways and
    two phones; `sync merge` kept the first file's values only.  Now `sync duplicates` lists what
    the second file says otherwise and `sync merge --take` chooses it."""
    hq, shr = tmp_path / "hq", tmp_path / "shr"
    assert run(hq, "init", "--association", "najran", env=ENV).returncode == 0
    assert run(hq, "sync", "invite", "--branch", "SHR", "--out", str(tmp_path / "i"), env=ENV).returncode == 0
    assert run(shr, "sync", "join", str(tmp_path / "i"), env=ENV).returncode == 0
    person = ["--id-type", "national_id", "--id", "1526018153", "--birth-date", "1985-03-14",
              "--gender", "male"]
    added = run(shr, "applicants", "add", *person, "--name", "عبد الله محمد سعيد الشهرى", "--phone", "0509876543")
    assert added.returncode == 0, added.stderr
    added = run(hq, "applicants", "add", *person, "--name", "عبدالله محمد سعيد الشهري", "--phone", "0551234567")
    assert added.returncode == 0, added.stderr
    assert run(shr, "sync", "export", "--to", "HQ", "--out", str(tmp_path / "up.ajfar")).returncode == 0
    assert run(hq, "sync", "import", str(tmp_path / "up.ajfar")).returncode == 0
    [dup] = json.loads(run(hq, "sync", "duplicates", "--json").stdout)
    kept_is_branch = dup["kept_branch"] == "SHR"
    fields = {d["field"]: (d["first"], d["second"]) for d in dup["differences"]}
    assert set(fields) >= {"name", "phone"}
    listed = run(hq, "sync", "duplicates").stdout
    assert "    phone: +966" in listed and "    name: " in listed
    merged = run(hq, "sync", "merge", dup["id"], "--take", "name", "--take", "phone")
    assert merged.returncode == 0, merged.stderr
    [found] = json.loads(run(hq, "applicants", "search", "1526018153", "--json").stdout)
    assert found["full_name"] == fields["name"][1]
    second_phone = "0551234567" if kept_is_branch else "0509876543"
    assert [a["full_name"] for a in json.loads(run(hq, "applicants", "search", second_phone, "--json").stdout)] \
        == [found["full_name"]]
    wrong = run(hq, "sync", "merge", dup["id"], "--take", "colour")
    assert wrong.returncode == 2 and "colour" in wrong.stderr
