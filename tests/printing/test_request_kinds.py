"""What the request is (the program's ``request_kind``) words the declaration: Najran's consumer
complaint has nothing paid out to recover («واسترداد ما صرف لي» meant nothing), and names the
request page («شكوى من المستفيدة …», not «طلب دعم»)."""

from __future__ import annotations

import pytest

from ajfar_desk.domain import gendered
from ajfar_desk.domain.profile import ProfileError, get_profile, load_profile
from ajfar_desk.i18n import gettext
from ajfar_desk.printing.papers import render
from ajfar_desk.printing.templates import TemplateError, load_template
from ajfar_desk.services.papers import documents
from ajfar_desk.services.store.store import Store
from ajfar_desk.services.users import setup
from test_profiles import write_profile

from .pdfcheck import read
from .scenario import submitted_request
from .test_receipt import flat, right_to_left


@pytest.fixture
def najran(tmp_path):
    store = Store.open(tmp_path / "data")
    yield setup.init_store(store, "najran", None, "admin", "password123", "سارة العتيبي")
    store.close()


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_a_complaint_s_declaration_recovers_nothing(najran, lang):
    ctx = najran
    _a, request = submitted_request(ctx, first="نورة", gender="female", submit=False)
    assert ctx.profile.program(request.program).kind.request == "complaint"
    doc = documents.issue(ctx, request.id, "declaration", lang=lang)
    words = flat(right_to_left(read(render(doc, ctx.profile))))
    if lang == "ar":
        assert flat("أقر أنا مقدمة الشكوى") in words and flat("في شكواي رقم") in words
        assert flat("وحفظ الشكوى إذا ثبت خلاف ذلك") in words
        assert flat("استرداد") not in words and flat("طلبي رقم") not in words
    else:
        assert flat("in my complaint no.") in words and flat("close the complaint") in words
        assert flat("recover what was paid") not in words


def test_a_complaint_s_receipt_is_a_complaint_s(najran):
    from ajfar_desk.services.papers import receipts

    _a, request = submitted_request(najran, first="نورة", gender="female")
    doc = receipts.receipt_for(najran, request.id, lang="ar")
    words = flat(right_to_left(read(render(doc, najran.profile))))
    assert flat("إيصال استلام شكوى") in words and flat("ستُرفع شكواك إلى لجنة البحث لدراستها") in words
    assert flat("بالقبول أو الرفض") not in words
    # its block, its number, the woman who brought it and how she follows it up: a complaint's
    assert flat("بيانات الشكوى") in words and flat("رقم الشكوى") in words
    assert flat("مقدمة الشكوى") in words and flat("لمتابعة شكواك اذكري") in words
    assert flat("بيانات الطلب") not in words and flat("طلبك") not in words and flat("رقم الطلب") not in words


def test_a_complaint_s_receipt_in_english_says_complaint(najran):
    from ajfar_desk.services.papers import receipts

    _a, request = submitted_request(najran, first="نورة", gender="female")
    doc = receipts.receipt_for(najran, request.id, lang="en")
    words = flat(right_to_left(read(render(doc, najran.profile))))
    assert flat("Complaint no.") in words and flat("Complainant") in words
    assert flat("quote your complaint number") in words
    assert flat("Request no.") not in words and flat("your request") not in words


def test_a_support_request_s_declaration_still_recovers_what_was_paid(tmp_path):
    store = Store.open(tmp_path / "data")
    ctx = setup.init_store(store, "ajfar", None, "admin", "password123", "سارة العتيبي")
    _a, request = submitted_request(ctx, submit=False)
    doc = documents.issue(ctx, request.id, "declaration", lang="ar")
    assert "request_kind" not in doc.content["request"]  # a support request's content as it was
    words = flat(right_to_left(read(render(doc, ctx.profile))))
    assert flat("وإلغاء الطلب واسترداد ما صرف لي") in words and flat("شكواي") not in words
    store.close()


def test_the_request_page_title_names_what_the_request_is():
    najran = {p.code: p.kind.request for p in get_profile("najran").programs}
    assert najran == {"consumer_complaints": "complaint", "consumer_consultation": "consultation",
                      "consumer_awareness": "participation", "volunteering": "volunteering"}
    said = {kind: gettext(gendered.request_title(kind, "female"), "ar").format(name="نورة")
            for kind in gendered.REQUEST_TITLES}
    assert said["complaint"] == "شكوى من المستفيدة نورة"
    assert said["support"] == "طلب دعم للمستفيدة نورة"
    assert len(set(said.values())) == len(said) and not any("(" in s or "دعم" in s
                                                           for k, s in said.items() if k != "support")
    assert gettext(gendered.request_title("complaint", "male"), "ar").format(name="سعد") == "شكوى من المستفيد سعد"
    assert gettext(gendered.request_title(None, None), "ar") == gettext(gendered.REQUEST_TITLE[0], "ar")


def test_a_wrong_request_kind_is_refused_naming_file_and_key(tmp_path):
    path = write_profile(tmp_path, "najran", ('request_kind = "complaint"', 'request_kind = "grievance"'))
    with pytest.raises(ProfileError) as info:
        load_profile(path)
    assert info.value.key == "programs[1].request_kind" or info.value.key.endswith(".request_kind")
    form = tmp_path / "declaration.toml"
    form.write_text('[[ar]]\ntype = "heading"\ntext = "x"\nkinds = ["grievance"]\n', encoding="utf-8")
    with pytest.raises(TemplateError) as bad:
        load_template(form, "declaration")
    assert "kinds" in str(bad.value)
