"""``requests list`` with the front desk's filters: a view of the desk's work, a program, a name or
reference typed, a page at a time, with the count said in the language; without them the
listing is the one scripts always read."""

from __future__ import annotations

import json
import re

import pytest

from ajfar_desk.services.requests import worklist
from test_cli import one_line_error, run


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    data = tmp_path_factory.mktemp("worklist")
    made = run(data, "demo", "--applicants", "20", "--seed", "5")
    assert made.returncode == 0, made.stderr
    every = json.loads(run(data, "requests", "list", "--json").stdout)
    return data, every


def listed(data, *args: str) -> list[dict]:
    done = run(data, "requests", "list", "--json", *args)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_each_view_lists_its_statuses_newest_first(demo):
    data, every = demo
    for group, statuses in worklist.GROUPS.items():
        if statuses is None:
            continue
        rows = listed(data, "--group", group)
        expected = [r["reference"] for r in every if r["status"] in statuses]
        assert sorted(r["reference"] for r in rows) == sorted(expected), group
        made = [r["created_at"] for r in rows]
        assert made == sorted(made, reverse=True)
    assert listed(data, "--group", "documents") and listed(data, "--group", "desk")


def test_a_program_a_reference_and_a_name_narrow_it(demo):
    data, every = demo
    program = every[0]["program"]
    assert {r["program"] for r in listed(data, "--program", program)} == {program}
    target = every[-1]
    assert [r["reference"] for r in listed(data, "--text", target["reference"])] == [target["reference"]]
    family = target["applicant_name"].split()[-1]
    assert target["reference"] in [r["reference"] for r in listed(data, "--text", family)]


def test_pages_follow_each_other_and_the_count_is_said(demo):
    data, every = demo
    first = run(data, "requests", "list", "--group", "all", "--limit", "3")
    assert first.returncode == 0, first.stderr
    lines = first.stdout.strip().splitlines()
    assert len(lines) == 3 + 2
    assert lines[-2] == f"{len(every)} requests" and lines[-1] == "More follow: --offset 3"
    pages = listed(data, "--group", "all", "--limit", "3") + listed(data, "--group", "all", "--offset", "3")
    assert sorted(r["reference"] for r in pages) == sorted(r["reference"] for r in every)


def test_the_count_in_arabic_follows_the_profiles_digits(demo):
    data, every = demo
    drafts = sum(1 for r in every if r["status"] == "draft")
    said = run(data, "requests", "list", "--group", "documents", lang="ar").stdout.strip().splitlines()[-1]
    assert "بانتظار المستندات" in said
    assert not re.search(r"[0-9]", said) and (drafts <= 2 or re.search(r"[٠-٩]", said))


def test_mine_needs_a_named_user_and_a_wrong_day_is_named(demo):
    data, _every = demo
    mine = run(data, "requests", "list", "--mine")
    assert mine.returncode == 2 and "--user" in one_line_error(mine)
    wrong = run(data, "requests", "list", "--since", "31/02/2026")
    assert wrong.returncode == 2 and "--since" in wrong.stderr
