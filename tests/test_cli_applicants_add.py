"""``applicants add`` from the command line: any identity type, dates and digits as people type
them, one line naming each wrong option (exit 2), the acting user's role respected."""

from __future__ import annotations

import json

from test_cli import one_line_error, run

ENV = {"AJFAR_ADMIN_PASSWORD": "s3cret-pass"}


def test_a_pilgrim_with_a_passport_is_registered_and_found(tmp_path):
    data = tmp_path / "store"
    assert run(data, "init", "--association", "alhuda", "--full-name", "سعاد الحربي", env=ENV).returncode == 0
    added = run(data, "applicants", "add", "--id-type", "passport", "--id", "a ١٢٣-٤٥٦٧",
                "--id-country", "IDN", "--name", "أحمد بن محمد سليمان سوكارنو",
                "--birth-date", "١٤٠٠/٠٥/١٢هـ", "--gender", "male", "--json")
    assert added.returncode == 0, added.stderr
    view = json.loads(added.stdout)
    assert (view["id_type"], view["id_country"], view["id_number"]) == ("passport", "ID", "A1234567")
    assert (view["birth_date"], view["nationality"], view["phone"]) == ("1980-03-29", "ID", "")
    assert view["city"]  # the association's city when none is given
    # the same passport again: refused, naming the file that holds it
    again = run(data, "applicants", "add", "--id-type", "passport", "--id", "A1234567",
                "--id-country", "ID", "--name", "أحمد محمد سليمان سوكارنو",
                "--birth-date", "1980-03-29", "--gender", "male")
    assert again.returncode == 2
    assert view["id"] in one_line_error(again) and "already registered" in again.stderr
    # every wrong option named on one line
    bad = run(data, "applicants", "add", "--id-type", "gcc_id", "--id", "12", "--id-country", "SA",
              "--name", "سالم", "--birth-date", "3000-01-01", "--gender", "x")
    assert bad.returncode == 2
    line = one_line_error(bad)
    for option in ("--id-country", "--name", "--birth-date", "--gender"):
        assert option in line
    walk_in = run(data, "applicants", "add", "--id-type", "none", "--id", "5",
                  "--name", "زائر محمد علي الحربي", "--birth-date", "1990-01-01", "--gender", "male")
    assert walk_in.returncode == 2 and "--id" in one_line_error(walk_in)
    walk_in = run(data, "applicants", "add", "--id-type", "none", "--name", "زائر محمد علي الحربي",
                  "--birth-date", "1990-01-01", "--gender", "ذكر")
    assert walk_in.returncode == 0, walk_in.stderr
    gcc = run(data, "applicants", "add", "--id-type", "gcc_id", "--id", "287010101234",
              "--id-country", "الكويت", "--name", "سالم علي سعد المطيري", "--birth-date", "1987-01-01",
              "--gender", "male", "--phone", "+965 5012 3456", "--json")
    assert gcc.returncode == 0, gcc.stderr
    assert json.loads(gcc.stdout)["id_country"] == "KW"
    found = run(data, "applicants", "search", "A123", "--json")
    assert [h["national_id"] for h in json.loads(found.stdout)] == ["A1234567"]
    found = run(data, "applicants", "search", "زائر", "--json")
    assert [(h["national_id"], h["id_type"]) for h in json.loads(found.stdout)] == [("", "none")]
    # a committee member may not register: refused as at the desk
    made = run(data, "users", "add", "member", "--role", "committee", "--name", "عضو اللجنة",
               env={"AJFAR_NEW_USER_PASSWORD": "password123"})
    assert made.returncode == 0, made.stderr
    refused = run(data, "applicants", "add", "--id-type", "visa", "--id", "6001234567",
                  "--name", "علي محمد حسن الزائر", "--birth-date", "1990-01-01", "--gender", "male",
                  env={"AJFAR_USER": "member", "AJFAR_PASSWORD": "password123"})
    assert refused.returncode == 2 and "Committee member" in one_line_error(refused)


def test_a_visitor_s_name_is_written_as_in_the_passport_and_a_refusal_stores_nothing(tmp_path):
    data = tmp_path / "store"
    assert run(data, "init", "--association", "alhuda", env=ENV).returncode == 0
    # an Indonesian pilgrim's passport name has three parts: no grandfather's name to invent
    added = run(data, "applicants", "add", "--id-type", "passport", "--id", "A7654321",
                "--id-country", "ID", "--name", "سيتي نور حليمة", "--birth-date", "1985-03-02",
                "--gender", "female", "--json")
    assert added.returncode == 0, added.stderr
    assert json.loads(added.stdout)["full_name"] == "سيتي نور حليمة"
    # one word is not a name, whoever holds it; a Saudi ID still needs the four parts
    for id_type, number, name in (("passport", "B7654321", "ويدودو"),
                                  ("national_id", "1000000008", "فهد سعد القحطاني")):
        refused = run(data, "applicants", "add", "--id-type", id_type, "--id", number,
                      "--id-country", "ID", "--name", name, "--birth-date", "1985-03-02",
                      "--gender", "male")
        assert refused.returncode == 2 and "--name" in one_line_error(refused)
    listed = run(data, "applicants", "search", "B7654321", "--json")
    assert json.loads(listed.stdout) == []  # the refused name stored nothing ("- - - -" before)
    listed = run(data, "applicants", "search", "1000000008", "--json")
    assert json.loads(listed.stdout) == []


def test_the_latin_name_is_registered_and_found_in_both_scripts(tmp_path):
    data = tmp_path / "store"
    assert run(data, "init", "--association", "alhuda", "--full-name", "سعاد الحربي", env=ENV).returncode == 0
    added = run(data, "applicants", "add", "--id-type", "passport", "--id", "P1234567",
                "--id-country", "IQ", "--name", "محمد عبدالله سعد الشمري",
                "--latin-name", "Mohammed Abdullah Saad Al-Shammari",
                "--birth-date", "1980-03-29", "--gender", "male", "--json")
    assert added.returncode == 0, added.stderr
    view = json.loads(added.stdout)
    assert view["latin_name"] == "Mohammed Abdullah Saad Al-Shammari"
    for text in ("Muhammad Alshamari", "محمد الشمري"):
        found = run(data, "applicants", "search", text, "--json")
        assert [h["id"] for h in json.loads(found.stdout)] == [view["id"]], text
    # the same man from another passport, in Latin letters only: a possible duplicate
    again = run(data, "applicants", "add", "--id-type", "passport", "--id", "A7654321",
                "--id-country", "SY", "--name", "Muhammad Abdallah Saad Alshamari",
                "--birth-date", "1980-03-29", "--gender", "male")
    assert again.returncode == 2 and view["id"] in one_line_error(again)
    bad = run(data, "applicants", "add", "--id-type", "passport", "--id", "A7654322",
              "--id-country", "SY", "--name", "سعد علي فهد الشمري", "--latin-name", "سعد Ali",
              "--birth-date", "1980-03-29", "--gender", "male")
    assert bad.returncode == 2 and "--latin-name" in one_line_error(bad)


def test_a_year_alone_is_a_birth_known_only_as_about_that_year(tmp_path):
    """``--birth-date 1980`` registers «born about 1980» (as the import reads a year alone); the
    search says so, and its JSON carries the flag."""
    data = tmp_path / "store"
    assert run(data, "init", "--association", "aman", "--full-name", "سعاد الحربي", env=ENV).returncode == 0
    added = run(data, "applicants", "add", "--id-type", "none", "--name", "خالد ناصر",
                "--birth-date", "1980", "--gender", "male", "--json")
    assert added.returncode == 0, added.stderr
    view = json.loads(added.stdout)
    assert view["birth_approx"] is True and view["birth_date"].startswith("1980-")
    found = run(data, "applicants", "search", "خالد", "--json")
    assert [h["birth_approx"] for h in json.loads(found.stdout)] == [True]
    said = run(data, "applicants", "search", "خالد")
    assert said.returncode == 0 and "1980" in said.stdout and "1980-" not in said.stdout


def test_the_registered_line_speaks_of_a_woman_as_a_woman(tmp_path):
    """Trial: «سُجِّل نورة سعد حمد القحطاني (…): المستفيد …» for a woman."""
    data = tmp_path / "store"
    assert run(data, "init", "--association", "najran", "--full-name", "سعاد الحربي", env=ENV).returncode == 0
    her = run(data, "applicants", "add", "--id-type", "national_id", "--id", "1077889903",
              "--name", "نورة سعد حمد القحطاني", "--birth-date", "1990-05-20", "--gender", "female", "--phone", "0559876543",
              lang="ar")
    assert her.returncode == 0, her.stderr
    assert her.stdout.startswith("سُجِّلت نورة") and "المستفيدة" in her.stdout
    him = run(data, "applicants", "add", "--id-type", "national_id", "--id", "1044556676",
              "--name", "صالح محمد علي اليامي", "--birth-date", "1985-03-12", "--gender", "male", "--phone", "0551234567",
              lang="ar")
    assert him.stdout.startswith("سُجِّل صالح") and "المستفيد " in him.stdout
    english = run(data, "applicants", "add", "--id-type", "national_id", "--id", "1011223342",
                  "--name", "هند علي سعد الشهري", "--birth-date", "1992-01-02", "--gender", "female",
                  "--phone", "0551112223")
    assert english.stdout.startswith("Registered ") and "(woman)" not in english.stdout
