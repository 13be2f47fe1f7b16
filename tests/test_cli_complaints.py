"""``complaints add``: a complaint received by phone or letter, recorded from the command line as
from the window, the gender of a complainant linked to no file included (the words about her
then agree with it); a gender the complaint cannot keep is refused in one line."""

from __future__ import annotations

import json
import re

from test_cli import one_line_error, run


def test_add_records_a_complaint_with_the_complainants_gender(tmp_path):
    data = tmp_path / "data"
    made = run(data, "init", "--association", "ajfar", "--full-name", "سعاد الحربي",
               "--admin-gender", "female", env={"AJFAR_ADMIN_PASSWORD": "s3cret-pass"})
    assert made.returncode == 0, made.stderr
    added = run(data, "complaints", "add", "--channel", "phone", "--category", "delay",
                "--subject", "تأخر الرد على الطلب", "--name", "منيرة الدوسري",
                "--gender", "female", "--json")
    assert added.returncode == 0, added.stderr
    row = json.loads(added.stdout)
    assert row["complainant_gender"] == "female" and row["kind"] == "complaint"
    said = run(data, "complaints", "add", "--channel", "phone", "--category", "delay",
               "--subject", "اقتراح", "--kind", "suggestion", "--name", "سالم", lang="ar")
    assert said.returncode == 0, said.stderr
    number = re.search(r"AJF-C-[0-9-]+", said.stdout)
    assert number and "سُجّلت" in said.stdout and "هـ" in said.stdout  # the day to answer by
    listed = json.loads(run(data, "complaints", "list", "--json").stdout)
    assert {r["number"] for r in listed} == {row["number"], number.group()}

    refused = run(data, "complaints", "add", "--channel", "phone", "--category", "delay",
                  "--subject", "x", "--anonymous", "--gender", "female", lang="ar")
    assert refused.returncode == 2 and "مجهولة" in one_line_error(refused)
    helped = " ".join(run(data, "complaints", "add", "--help").stdout.split())
    assert "--gender" in helped and "not said" in helped
