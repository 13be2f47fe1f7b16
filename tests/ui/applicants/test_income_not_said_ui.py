"""Her file says «لم يُذكر» for an income she did not say, never «٠٫٠٠» as if she earned
nothing; an income of 0 said is shown as one; the new form's income starts empty."""

from __future__ import annotations

from ajfar_desk.i18n import _

from ..conftest import register


def _income_shown(window, view) -> str:
    window.open_applicant(view.id)
    shown = {name.text(): value.text().strip("\u200f") for name, value in window.page.detail_labels}
    return shown[_("Monthly income (SAR)")]


def test_an_income_not_said_reads_not_said(qtbot, window, ctx):
    assert window.new_applicant().fields.inputs["monthly_income"].text() == ""
    window.page.dirty = False
    assert _income_shown(window, register(ctx, 51, gender="female", first_name="منى")) == "لم يُذكر"
    assert _income_shown(window, register(ctx, 52, monthly_income="0")) == "٠٫٠٠"


def test_a_walk_in_who_said_no_income_reads_zero(qtbot, window, ctx):
    """A walk-in's income was shown «لم يُذكر» whenever it was 0 (the store could not tell);
    now it can: his 0 said reads «٠٫٠٠», his income left empty «لم يُذكر»."""
    walk_in = dict(id_type="none", national_id="", father_name="", grandfather_name="", family_name="",
                   phone="", city="", category="")
    assert _income_shown(window, register(ctx, 53, monthly_income="0", **walk_in)) == "٠٫٠٠"
    assert _income_shown(window, register(ctx, 54, first_name="ناصر", **walk_in)) == "لم يُذكر"
