"""The employee's tools (الأدوات المتاحة للموظف): a library of the association's documents — its
basic regulation, the support-policy guide, the social-research services guide, forms — kept in
the data folder's ``library/`` (PDF, Word or images), each with a title and a kind in
``library/index.toml``::

    [[document]]
    file = "basic-regulation.pdf"      # in library/, beside this index
    title = "اللائحة الأساسية للجمعية"
    kind = "regulation"                # regulation | support_policy | research_guide | form | other
    added = "2026-12-07"

The index may be written by hand; a wrong entry is an error naming the file and the entry. A
manager adds a document from the Guides page: the chosen file is copied in, the index rewritten
atomically."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import tomllib
from dataclasses import dataclass
from pathlib import Path

from ...domain import permissions
from ...domain.digits import normalize_digits
from ...domain.errors import FieldErrors, ValidationError
from ...domain.searching import search_words
from ...domain.text import normalize_name
from ...domain.validation import max_length, required_text
from ...i18n import N_, _, gettext
from ..store.context import AppContext
from ..store.output_files import write_atomic

FOLDER, INDEX = "library", "index.toml"
KINDS = {
    "regulation": N_("The association's basic regulation"),
    "support_policy": N_("Support-policy guide"),
    "research_guide": N_("Social-research services guide"),
    "form": N_("Form"),
    "other": N_("Other document"),
}
EXTENSIONS = (".pdf", ".doc", ".docx", ".odt", ".rtf", ".png", ".jpg", ".jpeg", ".tif", ".tiff")
_UNSAFE = re.compile(r"[^\w.\-]+")


@dataclass(frozen=True)
class LibraryItem:
    title: str
    kind: str
    file: str  # its name in library/
    path: Path
    added: str  # YYYY-MM-DD, or ""

    @property
    def present(self) -> bool:
        return self.path.is_file()

    def kind_label(self, lang: str | None = None) -> str:
        return gettext(KINDS[self.kind], lang) if self.kind in KINDS else self.kind


def folder(ctx: AppContext) -> Path:
    return Path(ctx.store.data_dir) / FOLDER


def list_documents(ctx: AppContext, text: str = "") -> list[LibraryItem]:
    """The library in its index's order; ``text`` keeps those whose title, kind (in either
    language) or file name hold every word (Arabic spelling variants and any digits alike)."""
    ctx.require(permissions.VIEW_APPLICANT)
    items = _read(folder(ctx))
    words = search_words(text)
    if not words:
        return items
    return [i for i in items if all(w in _haystack(i) for w in words)]


def _haystack(item: LibraryItem) -> str:
    return normalize_name(normalize_digits(" ".join((item.title, item.file, item.kind, item.kind_label("ar"),
                                                     item.kind_label("en")))))


def add_document(
    ctx: AppContext, source: Path | str, title: str, kind: str, today: dt.date | None = None
) -> LibraryItem:
    """Copy ``source`` into the library under a name of its own and list it."""
    ctx.require(permissions.MANAGE_LIBRARY)
    source = Path(source)
    errors = FieldErrors()
    title = errors.check("title", lambda: required_text(title, "title", _("Title"))) or ""
    errors.check("title", lambda: max_length(title, "title", _("Title"), 200))
    if kind not in KINDS:
        errors.add("kind", _("Choose the kind of document"))
    if not source.is_file():
        errors.add("file", _("Choose a file"))
    elif source.suffix.lower() not in EXTENSIONS:
        errors.add("file", _("Only PDF, Word or image files: {kinds}").format(kinds=" ".join(EXTENSIONS)))
    errors.raise_if_any()
    home = folder(ctx)
    home.mkdir(parents=True, exist_ok=True)
    items = _read(home)
    target = _free_name(home, source.name, {i.file for i in items})
    shutil.copyfile(source, target)
    added = (today or dt.date.today()).isoformat()
    item = LibraryItem(" ".join(title.split()), kind, target.name, target, added)
    try:
        _write(home, [*items, item])
    except OSError:
        target.unlink(missing_ok=True)
        raise
    with ctx.uow() as s:
        ctx.audit(s, "create", "library", target.name, kind=kind, file=target.name)
    return item


def _free_name(home: Path, name: str, taken: set[str]) -> Path:
    stem, suffix = Path(name).stem, Path(name).suffix.lower()
    stem = _UNSAFE.sub("-", stem).strip("-.") or "document"
    candidate, n = f"{stem}{suffix}", 2
    while candidate in taken or (home / candidate).exists() or candidate == INDEX:
        candidate, n = f"{stem}-{n}{suffix}", n + 1
    return home / candidate


def _read(home: Path) -> list[LibraryItem]:
    index = home / INDEX
    if not index.is_file():
        return []
    try:
        data = tomllib.loads(index.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ValidationError("library", f"{index}: {exc}") from exc
    entries = data.get("document", [])
    if not isinstance(entries, list):
        raise ValidationError("library", f"{index}: document: " + _("must be a list of [[document]] entries"))
    items = []
    for n, entry in enumerate(entries, start=1):
        where = f"{index}: document[{n}]"
        if not isinstance(entry, dict) or not all(
            isinstance(entry.get(k), str) and entry[k].strip() for k in ("file", "title", "kind")
        ):
            raise ValidationError("library", f"{where}: " + _("needs file, title and kind, as text in quotes"))
        name = entry["file"].strip()
        if Path(name).name != name:
            raise ValidationError("library", f"{where}.file: " + _("must be a file name in the library folder"))
        items.append(LibraryItem(" ".join(entry["title"].split()), entry["kind"].strip(), name,
                                 home / name, str(entry.get("added", ""))))
    return items


def _write(home: Path, items: list[LibraryItem]) -> None:
    lines = [
        "# مكتبة أدوات الموظف: ملف لكل مستند في هذا المجلد، بعنوانه ونوعه. يمكن تعديله باليد (UTF-8).",
        "# The employee's library: one entry per document in this folder. Hand-editable (UTF-8).",
        "# kind: " + " | ".join(KINDS),
    ]
    for item in items:
        lines += ["", "[[document]]", f"file = {json.dumps(item.file, ensure_ascii=False)}",
                  f"title = {json.dumps(item.title, ensure_ascii=False)}",
                  f"kind = {json.dumps(item.kind)}"]
        if item.added:
            lines.append(f"added = {json.dumps(item.added)}")
    write_atomic(home / INDEX, ("\n".join(lines) + "\n").encode("utf-8"))
