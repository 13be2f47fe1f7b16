"""The layout rules of the official papers, read off the PDF as a signer would see it: the
«نسخة» stamp never over text, no ink near the sheet's edges, a stamp box beside the signatures,
a licence line only when there is a licence, «تابع» on a page that goes on, the declaration
with its signatures."""

from __future__ import annotations

import io
import itertools
import shutil
import subprocess

import pytest
from PIL import Image, ImageChops

from ajfar_desk.domain import documents as paper
from ajfar_desk.paths import resources_dir
from ajfar_desk.printing.papers import render
from ajfar_desk.printing.templates import TemplateError, load_template
from ajfar_desk.services.papers import committee_papers, documents, receipts
from ajfar_desk.services.store.store import Store
from ajfar_desk.services.users import setup

from .pdfcheck import read
from .scenario import submitted_request
from .test_committee_papers import Office

MM = 72 / 25.4
_IDS = itertools.count(40000001, 7919)  # applicants on the module's one store
KINDS = ("declaration", "referral", "receipt", "decision", "minutes")
STAMPED = {"declaration", "decision", "minutes"}  # signed for the association (the receipt: one sheet)
STAMP_CAPTION = {"ar": "ختم الجمعية", "en": "Association stamp"}
CONTINUED = {"ar": "تابع في الصفحة التالية", "en": "Continued on the next page"}
LONGER = (
    " وأقر بأنني لم أتقدم بطلب مماثل إلى جهة أخرى خلال هذا العام، وأن الدخل الشهري الذي ذكرته"
    " يشمل جميع مصادر دخل الأسرة من رواتب ومعاشات وإعانات، وأن عدد أفراد الأسرة المقيمين معي هو"
    " ما ذكرته في هذا الطلب دون زيادة أو نقصان، وأتعهد بالحضور إلى مقر الجمعية متى طُلب مني ذلك"
    " لاستكمال أي إجراء، وبإعادة أي مبلغ صرف لي دون وجه حق فور مطالبتي به."
)
LONGER_EN = (
    " I also declare that I have not applied for the same support to another body this year,"
    " that the monthly income I gave includes every income of the household (salaries, pensions"
    " and allowances), that the household members living with me are those I listed, and that I"
    " will come to the association whenever asked to complete any step of my request."
)


def papers_of(office: Office, lang: str) -> dict[str, object]:
    """One paper of every kind, in ``lang``, issued on the office's store."""
    ctx = office.as_("admin")
    _a, request = submitted_request(ctx, nid_body=f"{next(_IDS):08d}")
    meeting, (decided,) = office.meeting(["approve"])
    ctx = office.as_("admin")
    return {
        "declaration": documents.issue(ctx, request.id, paper.DECLARATION, lang=lang),
        "referral": documents.issue(ctx, request.id, paper.REFERRAL, lang=lang),
        "receipt": receipts.receipt_for(ctx, request.id, lang=lang),
        "decision": documents.issue(ctx, decided.id, paper.DECISION, lang=lang),
        "minutes": committee_papers.issue_minutes(ctx, meeting.id, lang=lang),
    }


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    o = Office(tmp_path_factory.mktemp("office"))
    yield o
    o.store.close()


def long_declaration(tmp_path):
    """The declaration form with a declaration three times as long (it goes onto page 2)."""
    source = (resources_dir() / "forms" / "declaration.toml").read_text(encoding="utf-8")
    longer = source.replace("والله على ما أقول شهيد.", LONGER * 3 + " والله على ما أقول شهيد.")
    longer = longer.replace("if they prove otherwise.", "if they prove otherwise." + LONGER_EN * 3)
    assert longer != source
    path = tmp_path / "declaration.toml"
    path.write_text(longer, encoding="utf-8")
    return load_template(path, "declaration")


def glyph_boxes(pdf: bytes) -> list[list[tuple[float, float, float, float]]]:
    """Per page, a box (x0, y0, x1, y1) in points around every glyph drawn."""
    pages = []
    for page in read(pdf).pages:
        boxes: list[tuple[float, float, float, float]] = []

        def visit(text, cm, tm, _font, size, boxes=boxes):
            if not text.strip():
                return
            a, b, c_, d, e, f = cm
            x = tm[4] * a + tm[5] * c_ + e
            y = tm[4] * b + tm[5] * d + f
            s = size * (tm[3] or 1) * (d or 1)
            boxes.append((x, y - 0.45 * s, x + 0.5 * s, y + 0.95 * s))

        page.extract_text(visitor_text=visit)
        pages.append(boxes)
    return pages


def page_images(pdf: bytes, tmp_path, name: str) -> list[Image.Image]:
    """Every page rendered at 72 dpi (one pixel a point) in grey, by Poppler's pdftoppm."""
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    src = tmp_path / f"{name}.pdf"
    src.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "72", "-gray", "-png", str(src), str(tmp_path / name)],
                   check=True)
    files = sorted(tmp_path.glob(f"{name}-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
    return [Image.open(io.BytesIO(p.read_bytes())).convert("L") for p in files]


def ink_box(before: Image.Image, after: Image.Image) -> tuple[float, float, float, float] | None:
    """The box, in PDF points (origin bottom left), of what ``after`` draws beyond ``before``."""
    box = ImageChops.difference(before, after).point(lambda v: 255 if v > 12 else 0).getbbox()
    if box is None:
        return None
    left, top, right, bottom = box
    height = after.height
    return (left, height - bottom, right, height - top)


def meets(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_copy_stamp_of_a_two_page_reprint_covers_no_text(office, tmp_path, lang):
    ctx = office.as_("admin")
    _a, request = submitted_request(ctx, nid_body=f"{next(_IDS):08d}")
    doc = documents.issue(ctx, request.id, paper.DECLARATION, lang=lang)
    template = long_declaration(tmp_path)
    original = render(doc, ctx.profile, template=template)
    reprint = render(doc, ctx.profile, copy=True, template=template)
    assert len(read(original).pages) == len(read(reprint).pages) == 2
    plain = page_images(original, tmp_path, "original")
    copies = page_images(reprint, tmp_path, "copy")
    for number, (boxes, before, after) in enumerate(
        zip(glyph_boxes(original), plain, copies, strict=True), start=1
    ):
        mark = ink_box(before, after)
        assert mark is not None, f"page {number} has no copy stamp"
        width, height = mark[2] - mark[0], mark[3] - mark[1]
        assert width < 120 and height < 30, (number, mark)  # a stamp, not a watermark
        covered = [box for box in boxes if meets(box, mark)]
        assert not covered, (number, mark, covered[:3])
    words = [page.extract_text() for page in read(reprint).pages]
    assert "(نسخة)" in read(reprint).metadata["/Title"] or "(COPY)" in read(reprint).metadata[
        "/Title"
    ]
    # The declaration and its signatures went on together; page 1 says the paper goes on.
    declared = "أقر أنا المتقدم" if lang == "ar" else "I, the applicant"
    signer = "المقر بما فيه" if lang == "ar" else "Declarant"
    assert declared not in words[0] and declared in words[1] and signer in words[1]
    assert CONTINUED[lang] in words[0] and CONTINUED[lang] not in words[1]
    assert doc.number in words[1].replace(" ", "")  # the page header repeats the paper number


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_no_ink_near_the_edges_of_any_paper(office, tmp_path, lang):
    for kind, doc in papers_of(office, lang).items():
        pdf = render(doc, office.ctx.profile, copy=True)
        for number, boxes in enumerate(glyph_boxes(pdf), start=1):
            lowest = min(box[1] for box in boxes)
            assert lowest >= 12 * MM, (kind, number, lowest / MM)
        for number, image in enumerate(page_images(pdf, tmp_path, f"{kind}-{lang}"), start=1):
            w, h = image.size
            bottom = image.crop((0, h - round(12 * MM) - 1, w, h))
            assert bottom.getextrema()[0] >= 250, f"{kind} page {number}: ink within 12 mm"
            for side in (
                (0, 0, w, round(10 * MM)),  # top
                (0, 0, round(10 * MM), h),  # left
                (w - round(10 * MM), 0, w, h),  # right
            ):
                assert image.crop(side).getextrema()[0] >= 250, (kind, number, side)


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_a_stamp_box_beside_the_signatures_of_the_association(office, lang):
    for kind, doc in papers_of(office, lang).items():
        words = " ".join(p.extract_text() for p in read(render(doc, office.ctx.profile)).pages)
        assert (STAMP_CAPTION[lang] in words) == (kind in STAMPED), kind


def test_a_licence_line_only_when_the_profile_has_a_licence(tmp_path):
    for profile_id, licensed in (("ajfar", True), ("aman", False), ("najran", False)):
        store = Store.open(tmp_path / profile_id)
        ctx = setup.init_store(store, profile_id, None, "admin", "password123", "سارة العتيبي")
        _a, request = submitted_request(ctx)
        for lang in ("ar", "en"):
            doc = documents.issue(ctx, request.id, paper.REFERRAL, lang=lang)
            head = read(render(doc, ctx.profile)).pages[0].extract_text()
            assert ("ترخيص رقم" in head) == licensed, (profile_id, lang)
            assert ("License no." in head) == licensed, (profile_id, lang)
            if licensed:  # the line carries the number itself
                assert "4284" in head, head
        store.close()


@pytest.mark.parametrize(
    ("extra", "where", "words"),
    [
        ("stamp = 3", "stamp", "caption"),
        ('stamp = "  "', "stamp", "caption"),
        ("space = 5", "space", "20"),
        ('space = "big"', "space", "80"),
    ],
)
def test_stamp_and_space_mistakes_are_named(tmp_path, english_messages, extra, where, words):
    path = tmp_path / "decision.toml"
    body = f'[[ar]]\ntype = "signatures"\nslots = [{{ label = "x", name = "y" }}]\n{extra}\n'
    path.write_text(body, encoding="utf-8")
    with pytest.raises(TemplateError) as err:
        load_template(path, "decision")
    assert f"signatures).{where}" in str(err.value) and words in str(err.value)


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_no_ink_within_12_mm_of_the_bottom_of_the_report_and_the_survey_form(lang):
    from ajfar_desk.domain.profile import get_profile
    from ajfar_desk.printing.report import report_pdf
    from ajfar_desk.printing.survey_form import blank_survey_pdf

    from .test_report_pdf import make_report

    profile = get_profile("ajfar")
    for name, pdf in (("report", report_pdf(make_report(), profile, lang)),
                      ("survey form", blank_survey_pdf(profile, lang))):
        for number, boxes in enumerate(glyph_boxes(pdf), start=1):
            lowest = min(box[1] for box in boxes)
            assert lowest >= 12 * MM, (name, number, lowest / MM)
