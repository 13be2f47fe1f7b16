"""The employee's library (services/library): files in the data folder's library/ with a title
and a kind in library/index.toml."""

from __future__ import annotations

import datetime as dt
import tomllib

import pytest

from accounts import staff_accounts
from ajfar_desk.domain.errors import ValidationError
from ajfar_desk.services.guides import library

pytestmark = pytest.mark.usefixtures("english_messages")
DAY = dt.date(2026, 12, 1)


def test_added_documents_are_copied_in_and_indexed(ctx, tmp_path):
    one = tmp_path / "Basic Regulation.PDF"
    one.write_bytes(b"%PDF one")
    two = tmp_path / "elsewhere" / "Basic Regulation.pdf"
    two.parent.mkdir()
    two.write_bytes(b"%PDF two")
    a = library.add_document(ctx, one, " اللائحة   الأساسية ", "regulation", today=DAY)
    b = library.add_document(ctx, two, "نموذج طلب دعم مستفيد", "form", today=DAY)
    assert (a.file, b.file) == ("Basic-Regulation.pdf", "Basic-Regulation-2.pdf")  # never overwritten
    assert (a.path.read_bytes(), b.path.read_bytes()) == (b"%PDF one", b"%PDF two")
    index = tomllib.loads((library.folder(ctx) / "index.toml").read_text(encoding="utf-8"))
    assert index["document"][0] == {"file": "Basic-Regulation.pdf", "title": "اللائحة الأساسية",
                                    "kind": "regulation", "added": "2026-12-01"}
    assert [i.title for i in library.list_documents(ctx)] == ["اللائحة الأساسية", "نموذج طلب دعم مستفيد"]
    assert [i.file for i in library.list_documents(ctx, "Form")] == ["Basic-Regulation-2.pdf"]  # by kind
    assert [i.file for i in library.list_documents(ctx, "لائحه")] == ["Basic-Regulation.pdf"]


def test_wrong_input_is_named_and_the_desk_may_not_add(ctx, tmp_path):
    script = tmp_path / "run.exe"
    script.write_bytes(b"MZ")
    with pytest.raises(ValidationError) as err:
        library.add_document(ctx, script, " ", "poster")
    assert {f for f, _m in err.value.errors} == {"title", "kind", "file"}
    with pytest.raises(ValidationError, match="Choose a file"):
        library.add_document(ctx, tmp_path / "absent.pdf", "x", "other")
    assert library.list_documents(ctx) == [] and not library.folder(ctx).exists()
    as_ = staff_accounts(ctx, {"desk": ("front_desk", "نورة")})
    page = tmp_path / "a.png"
    page.write_bytes(b"\x89PNG")
    with pytest.raises(ValidationError):
        library.add_document(as_("desk"), page, "صورة", "other")
    assert library.list_documents(ctx) == []  # the desk reads it


def test_a_hand_written_index_is_read_and_its_mistakes_named(ctx):
    home = library.folder(ctx)
    home.mkdir(parents=True)
    (home / "guide.docx").write_bytes(b"PK")
    (home / "index.toml").write_text(
        '[[document]]\nfile = "guide.docx"\ntitle = "دليل سياسة الدعم"\nkind = "support_policy"\n\n'
        '[[document]]\nfile = "gone.pdf"\ntitle = "مفقود"\nkind = "other"\n', encoding="utf-8")
    guide, gone = library.list_documents(ctx)
    assert guide.present and not gone.present
    assert guide.kind_label("en") == "Support-policy guide"
    (home / "index.toml").write_text('[[document]]\nfile = "../secret.txt"\ntitle = "x"\nkind = "other"\n',
                                     encoding="utf-8")
    with pytest.raises(ValidationError, match=r"index.toml: document\[1\].file"):
        library.list_documents(ctx)
    (home / "index.toml").write_text('[[document]]\ntitle = "x"\n', encoding="utf-8")
    with pytest.raises(ValidationError, match="needs file, title and kind"):
        library.list_documents(ctx)
