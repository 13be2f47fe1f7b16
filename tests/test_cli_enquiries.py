"""``enquiries add|list|link`` through ``python -m ajfar_desk``, as a script would use them."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from ajfar_desk.domain.dates import gregorian_to_hijri
from test_cli import one_line_error, run


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    data = tmp_path_factory.mktemp("aman")
    result = run(data, "init", "--association", "aman", "--full-name", "سعاد الحربي",
                 env={"AJFAR_ADMIN_PASSWORD": "s3cret-pass"})
    assert result.returncode == 0, result.stderr
    return data


def test_add_prints_the_number_and_list_finds_it(store):
    added = run(store, "enquiries", "add", "--channel", "email", "--subject",
                "موعد دورة الإسعافات الأولية", "--name", "أم فيصل", "--phone", "٠٥٥١٢٣٤٥٦٧",
                "--answer", "الأحد القادم", "--refer")
    assert added.returncode == 0, added.stderr
    number = added.stdout.strip()
    assert number == f"AMN-Q-{gregorian_to_hijri(dt.date.today())[0]}-000001"
    listed = run(store, "enquiries", "list", "ام فيصل", "--json")
    assert listed.returncode == 0, listed.stderr
    [row] = json.loads(listed.stdout)
    assert row == {
        "number": number, "received_on": row["received_on"], "channel": "email",
        "applicant": None, "name": "أم فيصل", "phone": "+966551234567",
        "subject": "موعد دورة الإسعافات الأولية", "answer": "الأحد القادم", "referred": True,
        "researcher": None, "request": None, "branch": "HQ",
    }
    text = run(store, "enquiries", "list", "--referred", lang="ar")
    assert "البريد الإلكتروني" in text.stdout and number in text.stdout


@pytest.mark.parametrize(("args", "reason"), [
    (("--channel", "fax", "--subject", "س", "--name", "x"), "fax"),
    (("--channel", "phone", "--subject", " ", "--name", "x"), "Subject"),
    (("--channel", "phone", "--subject", "س"), "name of who asked"),
    (("--channel", "phone", "--subject", "س", "--name", "x", "--refer", "admin"),
     "not an active social researcher"),
    (("--channel", "phone", "--subject", "س", "--applicant", "1000000008"), "No applicant"),
    (("--channel", "phone", "--subject", "س", "--name", "x", "--request", "AMN-1448-000404"),
     "No request has this reference"),
])
def test_a_refusal_is_one_line_naming_the_reason_exit_2(store, args, reason):
    result = run(store, "enquiries", "add", *args)
    assert result.returncode == 2
    assert reason in one_line_error(result)


def test_link_refuses_an_unknown_enquiry_or_request(store):
    result = run(store, "enquiries", "link", "AMN-Q-1448-999999", "AMN-1448-000001")
    assert result.returncode == 2 and "No such enquiry" in one_line_error(result)
