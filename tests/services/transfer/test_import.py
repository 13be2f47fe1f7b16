"""Importing and exporting applicants through the command line, end to end."""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from openpyxl import Workbook

from ajfar_desk.domain.dates import hijri_to_gregorian
from ajfar_desk.domain.digits import to_arabic_digits
from ajfar_desk.domain.identity import make_national_id
from ajfar_desk.services.applicants import applicants
from ajfar_desk.services.store.store import Store
from ajfar_desk.services.transfer.importer import split_full_name
from ajfar_desk.services.users import setup
from clirun import run_cli

SRC = Path(__file__).resolve().parents[3] / "src"
ROW = re.compile(r"^row (\d+), column ([^:]+): (.+)$")


def _env() -> dict:
    environ = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")]),
    }
    environ["AJFAR_ADMIN_PASSWORD"] = "s3cret-pass"
    return environ


def command(data_dir: Path, *args: str, lang: str = "en") -> list[str]:
    return [sys.executable, "-m", "ajfar_desk", "--data-dir", str(data_dir), "--lang", lang, *args]


def run(data_dir: Path, *args: str, lang: str = "en"):
    """The command line in this process (the killed import below runs a real one)."""
    return run_cli(["--data-dir", str(data_dir), "--lang", lang, *args],
                   env={"AJFAR_ADMIN_PASSWORD": "s3cret-pass"})


def ok(result):
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result


def init(data_dir: Path) -> Path:
    ok(run(data_dir, "init", "--association", "ajfar"))
    return data_dir


def applicant_count(data_dir: Path) -> int:
    report = json.loads(ok(run(data_dir, "doctor", "--json")).stdout)
    assert report["ok"], report
    return report["counts"]["applicants"]


def read_applicant(data_dir: Path, national_id: str):
    store = Store.open(data_dir)
    try:
        ctx = setup.open_context(store)
        ctx.user = setup.first_user(ctx)
        return applicants.by_national_id(ctx, national_id)
    finally:
        store.close()


def write_csv(path: Path, rows: list[list[str]], bom: bool = True) -> Path:
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path


ID1, ID2, ID3 = (
    make_national_id(1, "10000001"),
    make_national_id(1, "10000002"),
    make_national_id(2, "30000003"),
)


@pytest.mark.parametrize(
    ("name", "parts"),
    [
        ("محمد بن عبد الله بن سعد آل سعود", ["محمد", "بن عبد الله", "بن سعد", "آل سعود"]),
        ("عبد الرحمن عبدالله جار الله القحطاني", ["عبد الرحمن", "عبدالله", "جار الله", "القحطاني"]),
        ("نور الدين ابن محمد أبو بكر الشهري", ["نور الدين", "ابن محمد", "أبو بكر", "الشهري"]),
        ("فاطمة  محمد سعد فهد العتيبي", ["فاطمة", "محمد", "سعد", "فهد", "العتيبي"]),
        ("محمد عبد الله", ["محمد", "عبد الله"]),
    ],
)
def test_split_full_name(name, parts):
    assert split_full_name(name) == parts


def _split_as_the_rule_says(text: str) -> list[str]:
    """The module notes' rule, word by word: a link or prefix joins what follows, a suffix what
    precedes (the importer's loop must give exactly this)."""
    from ajfar_desk.domain.text import normalize_name

    tokens = text.split()
    keys = [normalize_name(t) for t in tokens]

    def group(i: int) -> tuple[str, int]:
        if keys[i] in {"بن", "بنت", "عبد", "ابو", "ال"} and i + 1 < len(tokens):
            rest, j = group(i + 1)
            return f"{tokens[i]} {rest}", j
        part, i = tokens[i], i + 1
        while i < len(tokens) and keys[i] in {"الله", "الدين"}:
            part, i = f"{part} {tokens[i]}", i + 1
        return part, i

    parts, i = [], 0
    while i < len(tokens):
        part, i = group(i)
        parts.append(part)
    return parts


def test_split_full_name_follows_the_rule_on_random_names():
    words = ["محمد", "بن", "ابن", "بنت", "عبد", "أبو", "آل", "الله", "الدين", "سعد", "نور", "جار"]
    rng = random.Random(13)
    for _ in range(3000):
        name = " ".join(rng.choice(words) for _ in range(rng.randrange(0, 8)))
        assert split_full_name(name) == _split_as_the_rule_says(name), name


def test_good_csv_with_arabic_headers_and_hijri_dates(tmp_path):
    data = init(tmp_path / "store")
    rows = [
        [
            "رقم الهوية",
            "الاسم",
            "الجوال",
            "تاريخ الميلاد",
            "الجنس",
            "المدينة",
            "الجنسية",
            "الحالة الاجتماعية",
            "الفئة",
            "الحي",
            "الدخل الشهري",
        ],
        [
            to_arabic_digits(ID1),
            "محمد بن عبد الله بن سعد العتيبي",
            "٠٥٠١٢٣٤٥٦٧",
            "١٤٠٥/٠٣/١٢هـ",
            "ذكر",
            "الرياض",
            "سعودي",
            "متزوج",
            "أسرة محتاجة",
            "النسيم",
            "١٬٥٠٠",
        ],
        [
            ID2,
            "نورة فهد سعد فهد القحطاني",
            "0551234567",
            "1990-05-06",
            "أنثى",
            "الأجفر",
            "",
            "أرملة",
            "أرملة",
            "",
            "",
        ],
        [
            to_arabic_digits(ID3),
            "أحمد محمود علي المصري",
            "٠٥٦١٢٣٤٥٦٧",
            "١٣٩٥/١٢/٠١ هـ",
            "ذكر",
            "جدة",
            "مصري",
            "",
            "",
            "",
            "0",
        ],
    ]
    result = ok(run(data, "applicants", "import", str(write_csv(tmp_path / "in.csv", rows))))
    assert "3" in result.stdout
    assert applicant_count(data) == 3

    first = read_applicant(data, ID1)
    assert (first.first_name, first.father_name, first.grandfather_name, first.family_name) == (
        "محمد",
        "بن عبد الله",
        "بن سعد",
        "العتيبي",
    )
    assert first.birth_date == hijri_to_gregorian(1405, 3, 12)
    assert first.phone == "+966501234567" and first.marital_status == "married"
    assert first.category == "family" and str(first.monthly_income) == "1500.00"
    second = read_applicant(data, ID2)
    assert (second.gender, second.marital_status, second.category, second.nationality) == (
        "female",
        "widowed",
        "widow",
        "SA",
    )
    third = read_applicant(data, ID3)
    assert (
        third.nationality == "EG"
        and third.id_type == "iqama"
        and third.marital_status == "single"
    )
    assert third.category == "family"  # the profile's first category when the cell is empty
    assert third.birth_date == hijri_to_gregorian(1395, 12, 1)


def test_good_xlsx_with_english_headers(tmp_path):
    data = init(tmp_path / "store")
    book = Workbook()
    sheet = book.active
    sheet.append(
        [
            "National ID",
            "Full name",
            "Phone",
            "Birth date",
            "Gender",
            "City",
            "Nationality",
            "Marital status",
            "Category",
            "Monthly income",
            "Notes",
        ]
    )
    sheet.append(
        [
            int(ID3),
            "سلمى عبد الرحمن عثمان الطيب",
            501112233,
            dt.datetime(1988, 2, 29),
            "Female",
            "جدة",
            "SD",
            "divorced",
            "divorcee",
            2500.5,
            "ignored",
        ]
    )
    sheet.append(
        [
            ID1,
            "سعد محمد فهد الشهري",
            "+966 55 123 4567",
            "1975-07-01",
            "male",
            "أبها",
            None,
            None,
            None,
            None,
            None,
        ]
    )
    book.save(tmp_path / "in.xlsx")
    result = ok(run(data, "applicants", "import", str(tmp_path / "in.xlsx")))
    assert "Notes" in result.stderr  # named as ignored
    assert applicant_count(data) == 2
    salma = read_applicant(data, ID3)
    assert salma.birth_date == dt.date(1988, 2, 29) and salma.phone == "+966501112233"
    assert (salma.nationality, salma.marital_status, salma.category) == (
        "SD",
        "divorced",
        "divorcee",
    )
    assert str(salma.monthly_income) == "2500.50"
    assert read_applicant(data, ID1).full_name == "سعد محمد فهد الشهري"


def test_bad_rows_are_listed_and_nothing_is_imported(tmp_path):
    data = init(tmp_path / "store")
    existing = make_national_id(1, "77777777")
    header = ["national_id", "full_name", "phone", "birth_date", "gender", "city", "marital_status"]
    ok(
        run(
            data,
            "applicants",
            "import",
            str(
                write_csv(
                    tmp_path / "first.csv",
                    [
                        header,
                        [
                            existing,
                            "فهد سعد محمد الدوسري",
                            "0501234567",
                            "1970-01-01",
                            "male",
                            "الرياض",
                            "",
                        ],
                    ],
                )
            ),
        )
    )
    good = ["سعد بن فهد عبد الله العتيبي", "0501234567", "1990-01-01", "male", "الرياض", "married"]
    future = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    rows = [
        header,
        [ID1, *good],  # 2 good
        [ID1[:-1] + str((int(ID1[-1]) + 1) % 10), *good],  # 3 check digit
        [ID2, "سعد فهد العتيبي", *good[1:]],  # 4 three parts
        [ID3, good[0], "12345", good[2], "x", good[4], good[5]],  # 5 phone, gender
        [ID1, *good],  # 6 repeated ID
        [existing, *good],  # 7 in the store
        [make_national_id(1, "20000002"), good[0], good[1], future, *good[3:]],  # 8 future
        ["", "", "", "", "", "", ""],  # 9 blank: skipped
        [
            make_national_id(1, "20000003"),
            good[0],
            good[1],
            "1405/13/01هـ",
            *good[3:],
        ],  # 10 month 13
        [make_national_id(1, "20000004"), *good[:-1], "complicated"],  # 11 marital
    ]
    bad = write_csv(tmp_path / "bad.csv", rows)
    for extra in ([], ["--dry-run"]):
        result = run(data, "applicants", "import", str(bad), *extra)
        assert result.returncode == 2
        assert "Traceback" not in result.stderr
        lines = result.stderr.strip().splitlines()
        assert lines[-2] == "File encoding: UTF-8"
        errors = [ROW.match(line).groups() for line in lines[:-2]]
        assert [(int(r), f) for r, f, _m in errors] == [
            (3, "national_id"),
            (4, "full_name"),
            (5, "gender"),
            (5, "phone"),
            (6, "national_id"),
            (7, "national_id"),
            (8, "birth_date"),
            (10, "birth_date"),
            (11, "marital_status"),
        ]
        messages = {(int(r), f): m for r, f, m in errors}
        assert "check digit" in messages[3, "national_id"]
        assert "four parts" in messages[4, "full_name"] and "3" in messages[4, "full_name"]
        assert "row 2" in messages[6, "national_id"]
        assert "already registered" in messages[7, "national_id"]
        assert "future" in messages[8, "birth_date"]
        assert "Nothing was imported" in lines[-1] and "9 problems" in lines[-1]
        assert applicant_count(data) == 1


def test_dry_run_and_file_problems(tmp_path):
    data = init(tmp_path / "store")
    rows = [
        ["national_id", "full_name", "phone", "birth_date", "gender", "city"],
        [ID1, "سعد بن فهد عبد الله العتيبي", "0501234567", "1990-01-01", "male", "الرياض"],
    ]
    result = ok(
        run(
            data,
            "applicants",
            "import",
            str(write_csv(tmp_path / "ok.csv", rows, bom=False)),
            "--dry-run",
        )
    )
    assert "dry run" in result.stdout
    assert applicant_count(data) == 0

    missing = run(
        data,
        "applicants",
        "import",
        str(
            write_csv(
                tmp_path / "m.csv", [["national_id", "full_name", "birth_date", "gender", "city"]]
            )
        ),
    )
    assert missing.returncode == 2 and missing.stderr.startswith("row 1, column phone: ")

    (tmp_path / "legacy.csv").write_bytes("\r\n".join(",".join(r) for r in rows).encode("cp1256"))
    legacy = ok(run(data, "applicants", "import", str(tmp_path / "legacy.csv"), "--dry-run"))
    assert "Windows-1256" in legacy.stdout
    (tmp_path / "junk.csv").write_bytes(b"national_id,full_name\n" + bytes(range(256)) * 8)
    junk = run(data, "applicants", "import", str(tmp_path / "junk.csv"))
    assert junk.returncode == 2 and "encoding cannot be recognised" in junk.stderr
    assert "Traceback" not in junk.stderr
    unknown = run(data, "applicants", "import", str(tmp_path / "file.pdf"))
    assert (
        unknown.returncode == 2
        and ".pdf" in unknown.stderr
        and len(unknown.stderr.splitlines()) == 1
    )
    assert applicant_count(data) == 0


def test_export_import_round_trip(tmp_path):
    source = tmp_path / "source"
    ok(run(source, "demo", "--applicants", "25", "--seed", "9"))
    ok(run(source, "applicants", "export", str(tmp_path / "a.csv"), lang="ar"))
    ok(run(source, "applicants", "export", str(tmp_path / "a.xlsx"), lang="en"))
    original = (tmp_path / "a.csv").read_text(encoding="utf-8-sig")
    assert original.splitlines()[0].startswith("رقم الهوية,الاسم,")
    assert len(original.splitlines()) == 26

    for name in ("a.csv", "a.xlsx"):
        target = init(tmp_path / f"from-{name}")
        ok(run(target, "applicants", "import", str(tmp_path / name)))
        ok(run(target, "applicants", "export", str(tmp_path / f"back-{name}.csv"), lang="ar"))
        assert (tmp_path / f"back-{name}.csv").read_text(encoding="utf-8-sig") == original


@pytest.mark.subprocess
def test_killed_import_leaves_all_or_nothing(tmp_path):
    data = init(tmp_path / "store")
    rows = 20_000
    header = ["national_id", "full_name", "phone", "birth_date", "gender", "city"]
    big = write_csv(
        tmp_path / "big.csv",
        [header]
        + [
            [
                make_national_id(1, f"{i:08d}"),
                "عبد الله بن فهد سعد العتيبي",
                f"05{i % 10 if i % 10 != 2 else 0}{i:07d}",
                f"{1950 + i % 50}-{1 + i % 12:02d}-{1 + i % 28:02d}",
                "male",
                "الرياض",
            ]
            for i in range(rows)
        ],
    )
    proc = subprocess.Popen(
        command(data, "applicants", "import", str(big), "--progress"),
        env=_env(),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    deadline = time.monotonic() + 120
    saving = False
    for (
        line
    ) in proc.stderr:  # "Saved 1000 of 20000 rows": SQLite, a batch is in, the import not done
        if line.startswith("Saved"):
            saving = True
            break
        assert time.monotonic() < deadline
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    proc.stderr.close()
    assert saving
    assert proc.returncode == -signal.SIGKILL
    assert applicant_count(data) in (0, rows)  # the doctor opens it (rolled back) and passes
    found = json.loads(
        ok(
            run(data, "applicants", "search", make_national_id(1, f"{rows - 1:08d}"), "--json")
        ).stdout
    )
    assert len(found) == (applicant_count(data) == rows)
