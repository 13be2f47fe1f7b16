"""The administrators' commands end to end: audit verify/list, users, a person's data."""

from __future__ import annotations

import json
import sqlite3
import zipfile

from test_cli import STORE_FILE, init, one_line_error, run


def test_audit_verify_then_an_entry_edited_with_sqlite3_is_found(tmp_path):
    init(tmp_path)
    assert run(tmp_path, "audit", "verify").stdout.strip() == "The audit log is intact; entries checked: 0"
    pw = tmp_path / "pw.txt"
    pw.write_text("clerk-password\n", encoding="utf-8")
    added = run(tmp_path, "users", "add", "clerk", "--role", "front_desk", "--name", "هند",
                "--password-file", str(pw))
    assert added.returncode == 0, added.stderr
    ok = run(tmp_path, "audit", "verify")
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.strip() == "The audit log is intact; entries checked: 1"
    report = json.loads(run(tmp_path, "audit", "verify", "--json").stdout)
    assert report == {"intact": True, "entries": 1, "problems": []}
    entries = json.loads(run(tmp_path, "audit", "list", "--json").stdout)
    assert entries[0]["action"] == "create" and entries[0]["entity"] == "user"
    user_id = entries[0]["entity_id"]
    listed = run(tmp_path, "audit", "list", "--limit", "1").stdout
    assert f"#1  admin  Added  User account {user_id}  role: Front-desk employee" in listed
    listed = run(tmp_path, "audit", "list", "--limit", "1", lang="ar").stdout
    assert f"#١  admin  إضافة  حساب مستخدم {user_id}  الدور: موظف علاقات المستفيدين" in listed, listed

    with sqlite3.connect(tmp_path / STORE_FILE) as db:  # someone edits the log behind our back
        db.execute("UPDATE audit_log SET details = '{\"role\": \"admin\"}' WHERE action = 'create'")
    db.close()
    broken = run(tmp_path, "audit", "verify")
    assert broken.returncode == 3
    line = [x for x in broken.stdout.splitlines() if "entry" in x.lower()][0]
    branch, seq = entries[0]["branch"], entries[0]["entry"]
    assert branch in line and str(seq) in line and "changed" in line
    report = json.loads(run(tmp_path, "audit", "verify", "--json").stdout)
    assert not report["intact"]
    assert {"branch": branch, "entry": seq, "kind": "altered"}.items() <= report["problems"][0].items()

    arabic = run(tmp_path, "audit", "verify", lang="ar")
    assert arabic.returncode == 3 and arabic.stdout.strip()


def test_users_add_list_set(tmp_path):
    init(tmp_path)
    env = {"AJFAR_NEW_USER_PASSWORD": "desk-password"}
    added = run(tmp_path, "users", "add", "desk", "--role", "front_desk", "--name", "نورة",
                "--gender", "female", env=env, lang="ar")
    assert added.returncode == 0 and "موظفة علاقات المستفيدين" in added.stdout  # she is one
    listed = {u["username"]: u for u in json.loads(run(tmp_path, "users", "list", "--json").stdout)}
    assert listed["desk"] == {"username": "desk", "full_name": "نورة", "role": "front_desk",
                              "gender": "female", "active": True, "locked": False,
                              "has_full_name": True}

    no_password = run(tmp_path, "users", "add", "x", "--role", "manager", "--name", "x")
    assert no_password.returncode == 2 and "AJFAR_NEW_USER_PASSWORD" in one_line_error(no_password)
    bad_role = run(tmp_path, "users", "add", "x", "--role", "boss", "--name", "x", env=env)
    assert bad_role.returncode == 2 and "front_desk" in one_line_error(bad_role)
    taken = run(tmp_path, "users", "add", "DESK", "--role", "manager", "--name", "x", env=env)
    assert taken.returncode == 2 and one_line_error(taken)

    changed = run(tmp_path, "users", "set", "desk", "--role", "manager", "--disable")
    assert changed.returncode == 0, changed.stderr
    listed = {u["username"]: u for u in json.loads(run(tmp_path, "users", "list", "--json").stdout)}
    assert (listed["desk"]["role"], listed["desk"]["active"]) == ("manager", False)
    assert "desk" in run(tmp_path, "users", "list").stdout
    assert "نورة  المديرة" in run(tmp_path, "users", "list", lang="ar").stdout
    renamed = run(tmp_path, "users", "set", "desk", "--full-name", "نورة الحربي", "--gender", "male")
    assert renamed.returncode == 0, renamed.stderr
    assert "نورة الحربي  المدير " in run(tmp_path, "users", "list", lang="ar").stdout
    assert run(tmp_path, "users", "set", "desk", "--enable").returncode == 0
    assert run(tmp_path, "users", "set", "desk").returncode == 2
    assert run(tmp_path, "users", "set", "nobody", "--enable").returncode == 2
    both = run(tmp_path, "users", "set", "desk", "--enable", "--disable")
    assert both.returncode == 2
    admin = run(tmp_path, "users", "set", "admin", "--disable")  # not your own account
    assert admin.returncode == 2 and one_line_error(admin)


def test_person_export_and_anonymise(tmp_path):
    demo = run(tmp_path, "demo", "--applicants", "12", "--seed", "7")
    assert demo.returncode == 0, demo.stderr
    target = json.loads(run(tmp_path, "requests", "list", "--json").stdout)[0]
    nid = target["national_id"]
    (hit,) = json.loads(run(tmp_path, "applicants", "search", nid, "--json").stdout)

    out = tmp_path / "person.json"
    exported = run(tmp_path, "person", "export", nid, "--out", str(out))
    assert exported.returncode == 0, exported.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["applicant"]["full_name"] == hit["full_name"]
    assert target["reference"] in [r["reference"] for r in data["requests"]]
    packed = tmp_path / "person.zip"
    assert run(tmp_path, "person", "export", nid, "--out", str(packed), "--with-scans").returncode == 0
    assert "person.json" in zipfile.ZipFile(packed).namelist()

    unsure = run(tmp_path, "person", "anonymise", nid, "--reason", "طلب كتابي")
    assert unsure.returncode == 2 and "--yes" in one_line_error(unsure)
    no_reason = run(tmp_path, "person", "anonymise", nid, "--reason", " ", "--yes")
    assert no_reason.returncode == 2 and one_line_error(no_reason)

    done = run(tmp_path, "person", "anonymise", nid, "--reason", "طلب كتابي", "--yes", "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["national_id"].startswith("000") and result["wal_cleared"] is True
    assert json.loads(run(tmp_path, "applicants", "search", nid, "--json").stdout) == []
    found = json.loads(run(tmp_path, "applicants", "search", hit["full_name"], "--json").stdout)
    assert hit["id"] not in [h["id"] for h in found]
    after = json.loads(run(tmp_path, "requests", "list", "--json").stdout)
    assert [r["status"] for r in after if r["reference"] == target["reference"]] == [target["status"]]

    again = run(tmp_path, "person", "anonymise", result["national_id"], "--reason", "x", "--yes")
    assert again.returncode == 2 and "anonymised" in one_line_error(again)
    unknown = run(tmp_path, "person", "export", "1000000008", "--out", str(out))
    assert unknown.returncode == 2 and one_line_error(unknown)
    listed = json.loads(run(tmp_path, "audit", "list", "--action", "anonymise", "--json").stdout)
    assert [e["details"] for e in listed] == [{"reason": "طلب كتابي"}]
    assert run(tmp_path, "audit", "verify").returncode == 0


def test_init_names_a_woman_administrator_in_the_feminine(tmp_path):
    made = run(tmp_path, "init", "--association", "ajfar", "--full-name", "سعاد الحربي",
               "--admin-gender", "female", env={"AJFAR_ADMIN_PASSWORD": "s3cret-pass"}, lang="ar")
    assert made.returncode == 0, made.stderr
    assert "مديرة النظام: سعاد الحربي (admin)" in made.stdout
    listed = json.loads(run(tmp_path, "users", "list", "--json").stdout)
    assert [(u["username"], u["gender"]) for u in listed] == [("admin", "female")]
