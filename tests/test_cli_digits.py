"""The command line writes numbers, counts and dates in the profile's digits in Arabic (AlAjfar's
and Najran's ٠-٩), as the window does; codes with a Latin letter (references, complaint and
enquiry numbers, ids, paths) keep Western digits; English and a Western profile write 0-9."""

from __future__ import annotations

import re

import pytest

from test_cli import run

WESTERN = re.compile(r"[0-9]")
ARABIC = re.compile(r"[٠-٩]")


def _words(line: str) -> list[str]:
    """The line without its codes: the runs holding a Latin letter (references, ids, paths)."""
    return [w for w in line.split() if not re.search(r"[A-Za-z]", w)]


def _western_outside_codes(text: str) -> list[str]:
    return [line for line in text.splitlines() if any(WESTERN.search(w) for w in _words(line))]


@pytest.fixture(scope="module")
def ajfar(tmp_path_factory):
    data = tmp_path_factory.mktemp("ajfar")
    made = run(data, "demo", "--association", "ajfar", "--applicants", "8", "--seed", "3", lang="ar")
    assert made.returncode == 0, made.stderr
    return data, made.stdout


def test_the_demo_summary_counts_in_the_profiles_digits(ajfar):
    _data, said = ajfar
    assert not _western_outside_codes(said), said
    assert re.search(r"المستفيدون: [٠-٩]+", said)
    assert re.search(r"اكتمل في [٠-٩]+٫[٠-٩] ثانية", said)  # the Arabic decimal separator


@pytest.mark.parametrize("command", [
    ("requests", "list"), ("complaints", "list", "--status", "all"), ("enquiries", "list"),
    ("sync", "status"), ("doctor",), ("users", "list"), ("audit", "list", "--limit", "5"),
])
def test_listings_and_summaries_follow_the_profiles_digits_and_codes_stay_western(ajfar, command):
    data, _said = ajfar
    out = run(data, *command, lang="ar")
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip()
    assert not _western_outside_codes(out.stdout), out.stdout


def test_references_stay_western_and_dates_and_ids_turn_arabic(ajfar):
    data, _said = ajfar
    listed = run(data, "requests", "list", lang="ar").stdout
    assert re.search(r"AJF-1[0-9]{3}-[0-9]{6}", listed)  # the reference, as typed back
    assert not re.search(r"AJF-[^ ]*[٠-٩]", listed)
    # the answer date, Hijri then Gregorian (as the window), bidi isolates aside
    assert re.search(r"موعد الرد \W?[٠-٩]{2}/[٠-٩]{2}/[٠-٩]{4} هـ\W* \(\W?[٠-٩]{2}/[٠-٩]{2}/[٠-٩]{4}", listed)
    complaints = run(data, "complaints", "list", "--status", "all", lang="ar").stdout
    assert re.search(r"AJF-C-[0-9]{4}-[0-9]{6}  \W?[٠-٩]{2}/[٠-٩]{2}/[٠-٩]{4} هـ", complaints)


def test_english_writes_western_digits(ajfar):
    data, _said = ajfar
    for command in (("requests", "list"), ("sync", "status"), ("doctor",)):
        out = run(data, *command, lang="en").stdout
        assert not ARABIC.search(out), out


def test_a_western_profile_keeps_western_digits_in_arabic(tmp_path):
    made = run(tmp_path, "demo", "--association", "baraa", "--applicants", "3", "--seed", "4", lang="ar")
    assert made.returncode == 0, made.stderr
    assert not ARABIC.search(made.stdout)
    assert re.search(r"المستفيدون: [0-9]+", made.stdout)
    assert not ARABIC.search(run(tmp_path, "requests", "list", lang="ar").stdout)


def test_an_error_line_follows_the_profiles_digits(ajfar):
    """A refusal printed by the command line (its counts, its limits) writes the profile's
    digits in Arabic, as the window's error lines do; Western digits in English."""
    data, _said = ajfar
    typed = ("applicants", "add", "--id-type", "national_id", "--id", "1000000008",
             "--name", "فهد سعد القحطاني", "--birth-date", "45/13/1447", "--gender", "male")
    refused = run(data, *typed, lang="ar")
    assert refused.returncode == 2
    line = refused.stderr.strip()
    assert "١٢" in line and not _western_outside_codes(line), line  # «بين ١ و١٢», «وُجد ٣»
    refused = run(data, *typed, lang="en")
    assert refused.returncode == 2
    assert "12" in refused.stderr and not ARABIC.search(refused.stderr), refused.stderr


# -- before a store is opened: the digits presumed ----------------------------------------------

_NO_LOCALE = {"LANGUAGE": "", "LC_ALL": "C.UTF-8", "LC_NUMERIC": "", "LANG": "C.UTF-8"}


def test_an_error_before_any_store_follows_the_associations_bundled_profile(tmp_path):
    """``init --association ajfar`` refused before the store exists (a password too short)
    writes AlAjfar's ٠-٩; Bara'a's Western profile keeps 0-9."""
    short = tmp_path / "pw"
    short.write_text("abc\n", encoding="utf-8")
    for association, digit in (("ajfar", "٨"), ("baraa", "8")):
        refused = run(tmp_path / association, "init", "--association", association,
                      "--password-file", str(short), "--admin", "admin", env=_NO_LOCALE, lang="ar")
        assert refused.returncode == 2, refused.stderr
        line = refused.stderr.strip()
        assert digit in line and not (tmp_path / association / "ajfar-desk.sqlite").exists(), line
    assert "٨" not in line


@pytest.mark.parametrize(("environ", "expected"), [
    ({**_NO_LOCALE, "LC_ALL": "ar_SA.UTF-8"}, "١"),  # Saudi Arabia writes ٠-٩ (CLDR)
    ({**_NO_LOCALE, "LC_ALL": "", "LC_NUMERIC": "ar_EG.UTF-8"}, "١"),
    ({**_NO_LOCALE, "LC_ALL": "ar_MA.UTF-8"}, "1"),  # Morocco writes 0-9
    (_NO_LOCALE, "1"),  # no Arabic locale: Western
])
def test_without_a_store_or_an_association_the_systems_locale_decides(tmp_path, environ, expected):
    """``--data-dir /nonexistent audit list --limit -3``: refused before anything is opened."""
    refused = run(tmp_path / "nonexistent", "audit", "list", "--limit", "-3", env=environ, lang="ar")
    assert refused.returncode == 2, refused.stderr
    line = refused.stderr.strip()
    assert "--limit" in line and expected in line, line
    assert not (tmp_path / "nonexistent").exists()
    english = run(tmp_path / "nonexistent", "audit", "list", "--limit", "-3", env=environ, lang="en")
    assert "1" in english.stderr and not ARABIC.search(english.stderr), english.stderr
