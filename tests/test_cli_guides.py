"""``guides rights|support-form|library`` through ``python -m ajfar_desk``."""

from __future__ import annotations

import json

from test_cli import one_line_error, run
from test_cli_report import pdf_text


def test_the_papers_and_the_library_from_the_command_line(tmp_path):
    data = tmp_path / "data"
    assert run(data, "init", "--association", "alhuda", "--full-name", "سعاد",
               env={"AJFAR_ADMIN_PASSWORD": "s3cret-pass"}).returncode == 0
    rights, form = tmp_path / "rights.pdf", tmp_path / "form.pdf"
    got = run(data, "guides", "rights", "--out", str(rights), lang="ar")
    assert got.returncode == 0, got.stderr
    text = pdf_text(rights)
    flat = "".join(ch for ch in text if not ch.isspace() and not "\u202a" <= ch <= "\u202e")
    assert "حقوقالمستفيدوواجباته" in flat and "سرية" in flat and text.count("\f") == 1  # one sheet
    got = run(data, "guides", "support-form", "--out", str(form), "--paper-lang", "en")
    assert got.returncode == 0, got.stderr
    text = pdf_text(form)
    assert "Beneficiary support request" in text and "Health services for pilgrims" in text
    assert text.count("\f") == 1
    listed = run(data, "guides", "library", "--json")
    assert listed.returncode == 0 and json.loads(listed.stdout) == []
    (data / "library").mkdir()
    (data / "library" / "guide.pdf").write_bytes(b"%PDF")
    (data / "library" / "index.toml").write_text(
        '[[document]]\nfile = "guide.pdf"\ntitle = "دليل سياسة الدعم"\nkind = "support_policy"\n', encoding="utf-8")
    listed = run(data, "guides", "library", "سياسه", "--json")
    [item] = json.loads(listed.stdout)
    assert item["title"] == "دليل سياسة الدعم" and item["present"] is True
    (data / "library" / "index.toml").write_text("[[document]]\nfile = 3\n", encoding="utf-8")
    broken = run(data, "guides", "library")
    assert broken.returncode == 2 and "index.toml" in one_line_error(broken)
