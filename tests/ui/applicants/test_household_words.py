"""The applicant's file says the household size and the members recorded so that a reader sees no
contradiction: «فرد واحد: المستفيدة نفسها» beside the tab «أفراد الأسرة المسجَّلون (٠)» (trial:
«١» beside «أفراد الأسرة (٠)»); with members, the size counts her with them, in Arabic's forms."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from ajfar_desk.i18n import _, ngettext
from ajfar_desk.services.applicants import applicants
from ajfar_desk.services.applicants.applicants import MemberInput
from ajfar_desk.ui.applicants.applicant_view import ApplicantFileView

from ..conftest import national_id, register


def _open_by_keyboard(qtbot, window, seed: int) -> ApplicantFileView:
    box = window.home.search_box
    qtbot.keyClicks(box, national_id(seed))
    qtbot.waitUntil(lambda: len(window.home.model.rows) == 1)
    qtbot.keyClick(box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: isinstance(window.page, ApplicantFileView))
    return window.page


def _size(page) -> str:
    return {n.text(): v.text().strip("\u200f") for n, v in page.detail_labels}[_("Household size")]


def _tab(page) -> str:
    return next(page.tabs.tabText(i) for i in range(page.tabs.count()) if "أفراد الأسرة" in page.tabs.tabText(i))


def test_a_woman_alone_reads_as_herself_beside_no_registered_member(qtbot, window, ctx):
    register(ctx, 8801, first_name="هيفاء", gender="female", marital_status="single")
    page = _open_by_keyboard(qtbot, window, 8801)
    assert _size(page) == "فرد واحد: المستفيدة نفسها"
    assert _tab(page) == "أفراد الأسرة المسجَّلون (٠)"


@pytest.mark.parametrize(("members", "size"), [
    (1, "فردان، بمن فيهما المستفيد"),
    (2, "٣ أفراد، بمن فيهم المستفيد"),
])
def test_the_size_counts_him_with_his_members(qtbot, window, ctx, members, size):
    him = register(ctx, 8802)
    for n in range(members):
        applicants.add_member(ctx, him.id, MemberInput(full_name=f"ابن {n}", relation="son", gender="male"))
    page = _open_by_keyboard(qtbot, window, 8802)
    assert _size(page) == size
    assert _tab(page) == f"أفراد الأسرة المسجَّلون ({'٠١٢'[members]})"


@pytest.mark.parametrize(("n", "man", "woman"), [
    (0, "لا أفراد", "لا أفراد"),
    (1, "فرد واحد: المستفيد نفسه", "فرد واحد: المستفيدة نفسها"),
    (2, "فردان، بمن فيهما المستفيد", "فردان، بمن فيهما المستفيدة"),
    (3, "3 أفراد، بمن فيهم المستفيد", "3 أفراد، بمن فيهم المستفيدة"),
    (11, "11 فردًا، بمن فيهم المستفيد", "11 فردًا، بمن فيهم المستفيدة"),
    (100, "100 فرد، بمن فيهم المستفيد", "100 فرد، بمن فيهم المستفيدة"),
])
def test_the_six_arabic_forms_read_right(app, n, man, woman):
    said = ngettext("{count} person: the applicant alone", "{count} persons, the applicant included", n)
    her = ngettext("{count} person: the applicant alone (woman)",
                   "{count} persons, the applicant included (woman)", n)
    assert (said.format(count=n), her.format(count=n)) == (man, woman)
    assert ngettext("{count} person: the applicant alone (woman)",
                    "{count} persons, the applicant included (woman)", n, "en").format(count=n) == (
        "1 person: the applicant alone" if n == 1 else f"{n} persons, the applicant included")
