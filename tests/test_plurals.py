"""Counted messages: every ``ngettext`` in the code has all six Arabic forms (zero, one, two,
few 3–10, many 11–99, other 100+) and both English ones, chosen by the CLDR rules, and a set of
messages people read every day says exactly what a native reader expects."""

from __future__ import annotations

import gettext
import shutil
import string
import sys
from pathlib import Path

import pytest
from babel import Locale

from ajfar_desk import i18n
from ajfar_desk.domain.digits import localize_digits

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
import i18n as catalog_tool  # noqa: E402

COUNTS = (0, 1, 2, 3, 11, 100)
CATEGORIES = ("zero", "one", "two", "few", "many", "other")  # the order of Arabic's Plural-Forms
# The code's messages, extracted once (a second each time): the code does not change while the
# tests run, so the catalog tool's own runs below (update, check) are given this same extraction.
EXTRACTED = catalog_tool.extract()


def extracted() -> dict:
    return {msgid: list(places) for msgid, places in EXTRACTED.items()}


with pytest.MonkeyPatch.context() as _patch:
    _patch.setattr(catalog_tool, "extract", extracted)
    MESSAGES = catalog_tool.plural_messages()


@pytest.fixture
def extracted_once(monkeypatch):
    monkeypatch.setattr(catalog_tool, "extract", extracted)


def fields(text: str) -> list[str]:
    """The placeholder names in a message ({seconds:.1f} is ``seconds``)."""
    return sorted(name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name)


def fill(text: str, n: int) -> str:
    """The message with every placeholder filled (``n`` for the counts): fails on a broken one."""
    return text.format(**{name: 1.5 if name == "seconds" else n for name in fields(text)})


def test_the_code_has_counted_messages():
    singulars = {s for s, _p in MESSAGES}
    assert len(MESSAGES) >= 25
    assert {"{count} result", "printed {n} time", "Past the deadline by {days} day",
            "{days} day", "{pages} page", "Imported {n} applicant in {seconds:.1f} s"} <= singulars


def test_arabic_plural_rule_is_cldr():
    """The catalog's Plural-Forms picks the same category as CLDR (babel) for every count."""
    table = i18n.catalog("ar")
    cldr = Locale("ar").plural_form
    for n in range(0, 1300):
        assert CATEGORIES[table.plural(n)] == cldr(n), n
    assert [CATEGORIES[table.plural(n)] for n in (0, 1, 2, 3, 10, 11, 99, 100, 101, 102, 103, 111)] == [
        "zero", "one", "two", "few", "few", "many", "many", "other", "other", "other", "few", "many"]


def test_english_plural_rule():
    table = i18n.catalog("en")
    assert [table.plural(n) for n in (0, 1, 2, 11, 100)] == [1, 0, 1, 1, 1]
    assert i18n.ngettext("{count} result", "{count} results", 1, "en") == "{count} result"
    assert i18n.ngettext("{count} result", "{count} results", 0, "en") == "{count} results"


def in_english(msgid: str) -> str:
    """The English of a msgid: itself, without the marker of a message said of a woman (English
    has one form: its catalog drops " (woman)")."""
    return msgid.removesuffix(" (woman)")


@pytest.mark.parametrize(("singular", "plural"), MESSAGES, ids=[s for s, _p in MESSAGES])
def test_every_counted_message_renders_in_every_form(singular, plural):
    assert fields(singular) == fields(plural)
    names = set(fields(singular))
    ar = i18n.catalog("ar")
    forms = ar.plurals.get(singular)
    assert forms is not None and len(forms) == 6 and all(forms), (singular, forms)
    for n in COUNTS:
        text = i18n.ngettext(singular, plural, n, "ar")
        assert text == forms[ar.plural(n)] and text not in (singular, plural), (singular, n)
        used = set(fields(text))
        assert used <= names, (singular, n, text)
        if n >= 3:  # few, many, other: the number itself is written
            assert used == names, (singular, n, text)
        else:  # zero, one, two may say the number in words («مرة واحدة», «مرتين»)
            assert len(names - used) <= 1, (singular, n, text)
        fill(text, n)
        english = i18n.ngettext(singular, plural, n, "en")
        assert english == in_english(singular if n == 1 else plural)
        fill(english, n)


def test_arabic_forms_differ_where_the_grammar_does():
    """one, two and few never share a text: a catalog copying one form into all fails."""
    for singular, _plural in MESSAGES:
        forms = i18n.catalog("ar").plurals[singular]
        assert len({forms[1], forms[2], forms[3]}) == 3, singular


EXPECTED = {
    ("{count} result", "{count} results"): (
        "لا توجد نتائج", "نتيجة واحدة", "نتيجتان", "٣ نتائج", "١١ نتيجة", "١٠٠ نتيجة"),
    ("printed {n} time", "printed {n} times"): (
        "لم يُطبع بعد", "طُبع مرة واحدة", "طُبع مرتين", "طُبع ٣ مرات", "طُبع ١١ مرة", "طُبع ١٠٠ مرة"),
    ("Past the deadline by {days} day", "Past the deadline by {days} days"): (
        "تجاوزت المهلة بأقل من يوم", "تجاوزت المهلة بيوم واحد", "تجاوزت المهلة بيومين",
        "تجاوزت المهلة بـ٣ أيام", "تجاوزت المهلة بـ١١ يومًا", "تجاوزت المهلة بـ١٠٠ يوم"),
    ("overdue by {n} day", "overdue by {n} days"): (
        "متأخر أقل من يوم", "متأخر يومًا واحدًا", "متأخر يومين", "متأخر ٣ أيام", "متأخر ١١ يومًا",
        "متأخر ١٠٠ يوم"),
    ("{n} complaint escalated to the manager", "{n} complaints escalated to the manager"): (
        "لم تُصعَّد أي شكوى إلى المدير", "صُعّدت شكوى واحدة إلى المدير", "صُعّدت شكويان إلى المدير",
        "صُعّدت ٣ شكاوى إلى المدير", "صُعّدت ١١ شكوى إلى المدير", "صُعّدت ١٠٠ شكوى إلى المدير"),
    ("{pages} page", "{pages} pages"): (
        "لا صفحات", "صفحة واحدة", "صفحتان", "٣ صفحات", "١١ صفحة", "١٠٠ صفحة"),
    ("{days} day", "{days} days"): ("٠ يوم", "يوم واحد", "يومين", "٣ أيام", "١١ يومًا", "١٠٠ يوم"),
    ("in {n} row", "in {n} rows"): (
        "في ٠ صف", "في صف واحد", "في صفّين", "في ٣ صفوف", "في ١١ صفًّا", "في ١٠٠ صف"),
    ("for {n} applicant", "for {n} applicants"): (
        "دون أي مستفيد", "لمستفيد واحد", "لمستفيدَين", "لـ٣ مستفيدين", "لـ١١ مستفيدًا", "لـ١٠٠ مستفيد"),
    ("{n} change", "{n} changes"): ("لا تغيير", "تغيير واحد", "تغييران", "٣ تغييرات", "١١ تغييرًا", "١٠٠ تغيير"),
    ("At most {n} character", "At most {n} characters"): (
        "لا يُقبل نص", "حرف واحد على الأكثر", "حرفان على الأكثر", "٣ أحرف على الأكثر",
        "١١ حرفًا على الأكثر", "١٠٠ حرف على الأكثر"),
    ("{count} overdue request", "{count} overdue requests"): (
        "لا طلبات متأخرة", "طلب واحد متأخر", "طلبان متأخران", "٣ طلبات متأخرة", "١١ طلبًا متأخرًا",
        "١٠٠ طلب متأخر"),
}


@pytest.mark.parametrize("message", list(EXPECTED), ids=[s for s, _p in EXPECTED])
def test_key_messages_read_right_in_arabic(message):
    assert message in MESSAGES  # still in the code
    for n, expected in zip(COUNTS, EXPECTED[message], strict=True):
        template = i18n.ngettext(*message, n, "ar")
        assert fill(template, localize_digits(str(n), "arabic")) == expected, n


def test_composed_message_reads_right():
    """Two counts in one sentence: the rows fragment agrees with its own count."""
    def nothing_imported(problems: int, rows: int) -> str:
        return i18n.ngettext("Nothing was imported: {n} problem {in_rows}",
                             "Nothing was imported: {n} problems {in_rows}", problems, "ar").format(
            n=problems, in_rows=i18n.ngettext("in {n} row", "in {n} rows", rows, "ar").format(n=rows))

    assert nothing_imported(3, 4) == "لم يُستورد شيء: 3 مشكلات في 4 صفوف"
    assert nothing_imported(1, 1) == "لم يُستورد شيء: مشكلة واحدة في صف واحد"
    assert nothing_imported(12, 2) == "لم يُستورد شيء: 12 مشكلة في صفّين"


def test_a_field_limit_reads_right_whatever_the_limit():
    from ajfar_desk.domain.errors import ValidationError
    from ajfar_desk.domain.validation import max_length

    i18n.set_language("ar")
    try:
        for limit, words in ((3, "على ٣ أحرف"), (20, "على ٢٠ حرفًا"), (200, "على ٢٠٠ حرف")):
            with pytest.raises(ValidationError) as err:
                max_length("x" * (limit + 1), "notes", "الملاحظات", limit)
            assert localize_digits(err.value.message, "arabic").startswith(
                "يجب ألا يزيد الملاحظات " + words), err.value.message
    finally:
        i18n.set_language(i18n.DEFAULT_LANGUAGE)


def test_gnu_gettext_reads_the_same_forms_from_the_compiled_catalog():
    i18n.catalog("ar")  # compiled when stale
    with i18n.mo_file("ar").open("rb") as fh:
        gnu = gettext.GNUTranslations(fh)
    for singular, plural in MESSAGES:
        for n in COUNTS:
            assert gnu.ngettext(singular, plural, n) == i18n.ngettext(singular, plural, n, "ar")


def test_the_po_fallback_reads_plural_forms_too():
    table = i18n._read_po(i18n.po_file("ar"), "ar")
    assert table.plurals == i18n.catalog("ar").plurals
    assert table.plural(11) == 4


def test_an_untranslated_form_falls_back_to_english():
    table = i18n.catalog("ar")
    saved = table.plurals["printed {n} time"]
    try:
        table.plurals["printed {n} time"] = saved[:3] + ("",) + saved[4:]
        assert i18n.ngettext("printed {n} time", "printed {n} times", 3, "ar") == "printed {n} times"
        assert i18n.ngettext("printed {n} time", "printed {n} times", 2, "ar") == "طُبع مرتين"
    finally:
        table.plurals["printed {n} time"] = saved


def test_check_reports_a_plural_entry_with_an_empty_arabic_form(tmp_path, monkeypatch, extracted_once):
    shutil.copytree(catalog_tool.I18N, tmp_path / "i18n")
    po = tmp_path / "i18n" / "ar" / "LC_MESSAGES" / "ajfar_desk.po"
    source = po.read_text(encoding="utf-8")
    assert 'msgstr[4] "طُبع {n} مرة"' in source
    po.write_text(source.replace('msgstr[4] "طُبع {n} مرة"', 'msgstr[4] ""'), encoding="utf-8")
    monkeypatch.setattr(catalog_tool, "I18N", tmp_path / "i18n")
    assert catalog_tool.missing() == {"ar": [("printed {n} time", "printed {n} times")], "en": []}
    assert catalog_tool.main(["check"]) == 1


def test_update_keeps_every_plural_form_and_writes_plural_entries(tmp_path, monkeypatch, capsys,
                                                                  extracted_once):
    shutil.copytree(catalog_tool.I18N, tmp_path / "i18n")
    monkeypatch.setattr(catalog_tool, "I18N", tmp_path / "i18n")
    before = catalog_tool.load("ar")
    catalog_tool.update()
    after, english = catalog_tool.load("ar"), catalog_tool.load("en")
    for singular, plural in MESSAGES:
        assert after.get(singular).id == (singular, plural)
        assert tuple(after.get(singular).string) == tuple(before.get(singular).string)
        assert tuple(english.get(singular).string) == (in_english(singular), in_english(plural))
    pot = (tmp_path / "i18n" / "ajfar_desk.pot").read_text(encoding="utf-8")
    assert 'msgid "printed {n} time"\nmsgid_plural "printed {n} times"' in pot
    assert catalog_tool.missing() == {"ar": [], "en": []}
