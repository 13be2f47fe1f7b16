"""The consortium end to end on the command line: found, invite, join, exchange files both
ways, look a person up (exit 0 with what the other member revealed, 1 when nobody knows them),
withdraw consent, refuse an altered file."""

from __future__ import annotations

import json

from ajfar_desk.domain.identity import make_national_id
from test_cli import one_line_error, run

ENV = {"AJFAR_ADMIN_PASSWORD": "s3cret-pass", "AJFAR_INVITE_PASSPHRASE": "a long passphrase"}
SHARED, OURS = make_national_id(1, "12345678"), make_national_id(1, "87654321")


def add(data, number, consent="yes"):
    result = run(data, "applicants", "add", "--id-type", "national_id", "--id", number, "--name", "سعد فهد ناصر العتيبي",
                 "--birth-date", "1985-03-04", "--gender", "male", "--phone", "0501234567", "--city", "الرياض",
                 "--coordination-consent", consent, "--allow-similar")
    assert result.returncode == 0, result.stderr


def test_two_associations_coordinate_on_the_command_line(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    assert run(a, "init", "--association", "ajfar", "--full-name", "سعاد الحربي", env=ENV).returncode == 0
    assert run(b, "init", "--association", "baraa", "--full-name", "نورة القحطاني", env=ENV).returncode == 0
    off = run(a, "coordination", "lookup", SHARED)
    assert off.returncode == 2 and "not in a consortium" in one_line_error(off)
    created = run(a, "coordination", "create", "--name", "تنسيق", "--out", str(tmp_path / "charter.json"))
    assert created.returncode == 0, created.stderr
    assert json.loads((tmp_path / "charter.json").read_text())["name"] == "تنسيق"
    invite = tmp_path / "b.invite"
    assert run(a, "coordination", "invite", "--member", "براعة", "--out", str(invite), env=ENV).returncode == 0
    joined = run(b, "coordination", "join", str(invite), env=ENV)
    assert joined.returncode == 0 and "براعة" in joined.stdout, joined.stderr
    for data in (a, b):
        add(data, SHARED)
    add(a, OURS)
    add(b, make_national_id(1, "11112222"), consent="no")

    def exchange(src, dst, name):
        path = tmp_path / name
        assert run(src, "coordination", "export", "--out", str(path)).returncode == 0
        result = run(dst, "coordination", "import", str(path), "--json")
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout), path

    exchange(a, b, "a1")
    first, _ = exchange(b, a, "b1")
    assert first["matches"] == 1 and first["answered"]
    exchange(a, b, "a2")

    for data, other in ((a, "براعة"), (b, None)):
        found = run(data, "coordination", "lookup", SHARED, "--json")
        assert found.returncode == 0, found.stderr
        known = json.loads(found.stdout)["known_to"]
        assert len(known) == 1 and (other is None or known[0]["association"] == other)
    nobody = run(a, "coordination", "lookup", OURS)
    assert nobody.returncode == 1 and "Nobody else" in nobody.stdout
    status = json.loads(run(a, "coordination", "status", "--json").stdout)
    assert [m["name"] for m in status["members"] if not m["is_self"]] == ["براعة"]

    assert run(b, "coordination", "consent", SHARED, "no").returncode == 0
    assert run(b, "coordination", "lookup", SHARED).returncode == 1  # at once, there
    exchange(b, a, "b2")
    assert run(a, "coordination", "lookup", SHARED).returncode == 1  # after the next file, here

    b3 = tmp_path / "b3"
    assert run(b, "coordination", "export", "--out", str(b3)).returncode == 0
    data = bytearray(b3.read_bytes())
    data[-10] ^= 0xFF  # in the signature
    b3.write_bytes(bytes(data))
    refused = run(a, "coordination", "import", str(b3))
    assert refused.returncode == 3 and "signature" in one_line_error(refused)
    assert run(a, "coordination", "reveal", "--month", "no").returncode == 0
    assert json.loads(run(a, "coordination", "status", "--json").stdout)["reveal_month"] is False
