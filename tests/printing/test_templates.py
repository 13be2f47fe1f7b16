"""Paper wording as data: shipped templates, association overrides, clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from ajfar_desk.domain import documents as paper
from ajfar_desk.printing.papers import render
from ajfar_desk.printing.templates import TemplateError, find_template, load_template
from ajfar_desk.services.papers import documents

from .pdfcheck import read

GOOD = """
title_ar = "نموذج"
[[ar]]
type = "heading"
text = "إقرار {applicant_name}"
[[ar]]
type = "signatures"
slots = [{ label = "المقر", name = "{applicant_name}", image = "applicant" }]
"""


def write(tmp_path: Path, body: str, name: str = "declaration.toml") -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


def test_shipped_templates_have_both_languages():
    for kind in paper.KINDS:
        template = find_template(kind, "ajfar")
        assert template.for_language("ar") and template.for_language("en")
        assert template.title("ar") and template.title("en")


def test_unknown_placeholder_is_an_error_naming_file_block_and_name(desk, tmp_path):
    ctx, _a, request = desk
    doc = documents.issue(ctx, request.id, paper.DECLARATION, lang="ar")
    bad = write(tmp_path, GOOD.replace("{applicant_name}\"\n[[ar]]", "{applicant_nme}\"\n[[ar]]"))
    with pytest.raises(TemplateError) as err:
        render(doc, ctx.profile, template=load_template(bad, "declaration"))
    message = str(err.value)
    assert "declaration.toml" in message and "ar[1] (heading)" in message
    assert "{applicant_nme}" in message and "applicant_name" in message  # lists what exists


@pytest.mark.parametrize(
    ("body", "where", "words"),
    [
        ('[[ar]]\ntype = "poem"\ntext = "x"', "ar[1]", "type"),
        ('[[ar]]\ntype = "paragraph"', "ar[1] (paragraph)", "text"),
        ('[[ar]]\ntype = "paragraph"\ntext = "x"\ncolour = "red"', "ar[1] (paragraph)", "colour"),
        ('[[ar]]\ntype = "fields"\ntitle = "t"\nrows = [["only one"]]', "rows", "pairs"),
        ('[[ar]]\ntype = "signatures"\nslots = [{ label = "x" }]', "slots", "name"),
        ('[[en]]\ntype = "heading"\ntext = "x"', "ar", "Arabic"),
        ("[[ar]\n", "/", "TOML"),
    ],
)
def test_template_mistakes_are_named(tmp_path, english_messages, body, where, words):
    with pytest.raises(TemplateError) as err:
        load_template(write(tmp_path, body), "declaration")
    assert where in str(err.value) and words in str(err.value)


def test_format_specs_and_unbalanced_braces_are_errors(desk, tmp_path):
    ctx, _a, request = desk
    doc = documents.issue(ctx, request.id, paper.DECLARATION, lang="ar")
    for text in ("{applicant_name!r}", "{applicant_name:>20}", "رقم {", "{}"):
        path = write(tmp_path, GOOD.replace("إقرار {applicant_name}", text), f"t{hash(text)}.toml")
        with pytest.raises(TemplateError):
            render(doc, ctx.profile, template=load_template(path, "declaration"))


def test_an_association_changes_the_wording_in_its_data_folder(desk):
    ctx, _a, request = desk
    forms = ctx.store.data_dir / "forms"
    forms.mkdir()
    write(forms, GOOD)
    doc = documents.issue(ctx, request.id, paper.DECLARATION, lang="ar")
    template = find_template(paper.DECLARATION, ctx.profile.id, ctx.store.data_dir)
    assert template.source == forms / "declaration.toml"
    reader = read(render(doc, ctx.profile, data_dir=ctx.store.data_dir))
    assert "نموذج" in reader.metadata["/Title"]
    # A referral still comes from the shipped template.
    assert find_template(paper.REFERRAL, ctx.profile.id, ctx.store.data_dir).source.parent.name == "forms"
    assert find_template(paper.REFERRAL, ctx.profile.id, ctx.store.data_dir).source != forms / "referral.toml"


def test_when_skips_a_block_with_an_empty_value(desk):
    ctx, _a, request = desk
    from ajfar_desk.printing import papers

    drawn: list[str] = []
    real = papers._paragraph

    def spy(c, t, block, values, *rest):
        drawn.append(block.data["text"])
        return real(c, t, block, values, *rest)

    papers._BLOCKS["paragraph"] = spy
    try:
        for note in ("", "زيارة منزلية"):
            drawn.clear()
            doc = documents.issue(ctx, request.id, paper.REFERRAL, lang="ar", note=note)
            render(doc, ctx.profile)
            assert any("{note}" in t for t in drawn) == bool(note)
    finally:
        papers._BLOCKS["paragraph"] = real
