"""Paper templates as data: ``resources/forms/<kind>.toml`` (wording and blocks, per language).

An association changes the wording without code by putting its own ``<kind>.toml`` in the data
folder's ``forms/`` (or in ``resources/forms/<profile id>/``). A template is checked when it is
loaded and again when it is filled: an unknown block type, a missing key or a placeholder
that has no value is a ``TemplateError`` naming the file, the block and the placeholder.
"""

from __future__ import annotations

import string
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..domain.errors import AppError
from ..domain.gendered import FEMALE
from ..domain.program_kinds import REQUEST_KINDS
from ..i18n import _
from ..paths import resources_dir

BLOCK_KEYS = {
    "heading": ({"text"}, set()),
    "paragraph": ({"text"}, {"size"}),
    "fields": ({"rows"}, {"title"}),  # untitled: goes on the table just above
    "table": ({"title", "columns", "empty", "source"}, {"widths", "size"}),
    "documents": ({"title", "columns", "empty"}, {"widths", "size"}),  # = table, source documents
    "signatures": ({"slots"}, {"source", "stamp", "space"}),  # stamp: a stamp box's caption
    "list": ({"source"}, {"title", "lead", "size"}),  # bulleted items (receipt.toml)
}
# a request's documents; a meeting's decisions; a draft's documents still needed, and given
TABLE_SOURCES = ("documents", "decisions", "needed", "given")
LIST_SOURCES = ("rights", "duties", "channels")  # a receipt's policy excerpts; the channels
SIGNATURE_SOURCES = ("members",)  # one slot per committee member (slots with repeat = true)
_COMMON_OPTIONAL = {"type", "when", "kinds"}  # kinds: the request kinds a block prints for
_SLOT_KEYS = {"label", "name", "image", "repeat"}
# placeholders that hold a person's gender ("male", "female" or "" when not recorded): written
# ``{applicant_gender:masculine|feminine}`` they print the word that agrees with the person
GENDERED = ("applicant_gender", "employee_gender", "chair_gender", "signatory_gender", "member_gender")


class TemplateError(AppError, ValueError):
    """A wording file that is wrong: names the file, the block and the problem."""

    def __init__(self, source: Path | str, where: str, message: str):
        Exception.__init__(self, f"{source}: {where}: {message}")
        self.source, self.where, self.message = str(source), where, message

    def summary(self) -> str:
        return str(self)


@dataclass(frozen=True)
class Block:
    type: str
    data: Mapping[str, Any]
    where: str


@dataclass(frozen=True)
class Template:
    kind: str
    source: Path
    titles: Mapping[str, str]
    blocks: Mapping[str, tuple[Block, ...]]

    def title(self, lang: str) -> str:
        return self.titles.get(lang, self.titles.get("ar", self.kind))

    def for_language(self, lang: str) -> tuple[Block, ...]:
        if lang not in self.blocks:
            raise TemplateError(self.source, lang, _("no wording for this language"))
        return self.blocks[lang]


def search_path(profile_id: str, data_dir: Path | None) -> list[Path]:
    folders = []
    if data_dir is not None:
        folders.append(Path(data_dir) / "forms")
    folders += [resources_dir() / "forms" / profile_id, resources_dir() / "forms"]
    return folders


def find_template(kind: str, profile_id: str, data_dir: Path | None = None) -> Template:
    for folder in search_path(profile_id, data_dir):
        path = folder / f"{kind}.toml"
        if path.is_file():
            return load_template(path, kind, path.stat().st_mtime_ns)
    raise TemplateError(resources_dir() / "forms", kind, _("template file not found"))


@lru_cache(maxsize=32)
def load_template(path: Path, kind: str, mtime: int = 0) -> Template:
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise TemplateError(
            path, "/", _("cannot read the file: {error}").format(error=exc)
        ) from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        message = _("not a valid TOML file: {error}").format(error=exc)
        raise TemplateError(path, "/", message) from exc
    blocks: dict[str, tuple[Block, ...]] = {}
    for lang in ("ar", "en"):
        if lang in data:
            blocks[lang] = tuple(_check_block(path, lang, i, b) for i, b in enumerate(data[lang]))
    if "ar" not in blocks:
        raise TemplateError(path, "ar", _("the Arabic wording is required"))
    titles = {lang: str(data.get(f"title_{lang}", "")) for lang in ("ar", "en")}
    return Template(kind, Path(path), titles, blocks)


def _check_block(path: Path, lang: str, index: int, block: Any) -> Block:
    where = f"{lang}[{index + 1}]"
    if not isinstance(block, dict) or block.get("type") not in BLOCK_KEYS:
        message = _("each block needs a type, one of: {types}")
        raise TemplateError(path, where, message.format(types=", ".join(BLOCK_KEYS)))
    required, optional = BLOCK_KEYS[block["type"]]
    where = f"{where} ({block['type']})"
    missing = required - block.keys()
    if missing:
        message = _("missing key: {key}").format(key=", ".join(sorted(missing)))
        raise TemplateError(path, where, message)
    unknown = block.keys() - required - optional - _COMMON_OPTIONAL
    if unknown:
        message = _("unknown key: {key}").format(key=", ".join(sorted(unknown)))
        raise TemplateError(path, where, message)
    kinds = block.get("kinds", list(REQUEST_KINDS))
    if not isinstance(kinds, list) or not kinds or not set(kinds) <= set(REQUEST_KINDS):
        message = _("must be a list of request kinds, of: {kinds}").format(kinds=", ".join(REQUEST_KINDS))
        raise TemplateError(path, f"{where}.kinds", message)
    for key in ("rows", "columns"):
        if key in block and not _pairs(block[key]):
            raise TemplateError(path, f"{where}.{key}", _("must be a list of [label, value] pairs"))
    if block["type"] == "documents":  # the older name of a documents table
        block = {**block, "type": "table", "source": "documents"}
    if block["type"] == "table":
        _check_table(path, where, block)
    if block["type"] == "list" and block["source"] not in LIST_SOURCES:
        message = _("must be one of: {names}").format(names=", ".join(LIST_SOURCES))
        raise TemplateError(path, f"{where}.source", message)
    if block["type"] in ("list", "paragraph"):
        _check_size(path, where, block)
    if "slots" in block:
        _check_slots(path, where, block)
    if "stamp" in block and not (isinstance(block["stamp"], str) and block["stamp"].strip()):
        raise TemplateError(path, f"{where}.stamp", _("must be a text: the caption of the stamp box"))
    space = block.get("space")
    if space is not None and not (isinstance(space, int | float) and 20 <= space <= 80):
        raise TemplateError(path, f"{where}.space", _("must be a number from 20 to 80"))
    return Block(block["type"], block, where)


def _check_table(path: Path, where: str, block: dict) -> None:
    if block["source"] not in TABLE_SOURCES:
        message = _("must be one of: {names}").format(names=", ".join(TABLE_SOURCES))
        raise TemplateError(path, f"{where}.source", message)
    widths = block.get("widths")
    if widths is not None and not (
        isinstance(widths, list)
        and len(widths) == len(block["columns"])
        and all(isinstance(w, int | float) and not isinstance(w, bool) and w > 0 for w in widths)
    ):
        message = _("must be a list of positive numbers, one per column")
        raise TemplateError(path, f"{where}.widths", message)
    _check_size(path, where, block)


def _check_size(path: Path, where: str, block: dict) -> None:
    size = block.get("size")
    if size is not None and not (isinstance(size, int | float) and 6 <= size <= 14):
        raise TemplateError(path, f"{where}.size", _("must be a number from 6 to 14"))


def _check_slots(path: Path, where: str, block: dict) -> None:
    slots = block["slots"]
    if not isinstance(slots, list) or not all(
        isinstance(s, dict) and {"label", "name"} <= s.keys() <= _SLOT_KEYS for s in slots
    ):
        message = _("each slot needs a label and a name (and may have an image)")
        raise TemplateError(path, f"{where}.slots", message)
    source = block.get("source")
    repeated = any(s.get("repeat") for s in slots)
    if source is not None and source not in SIGNATURE_SOURCES:
        message = _("must be one of: {names}").format(names=", ".join(SIGNATURE_SOURCES))
        raise TemplateError(path, f"{where}.source", message)
    if repeated != (source is not None):
        message = _("a slot with repeat = true needs the block's source (and the other way round)")
        raise TemplateError(path, f"{where}.slots", message)


def _pairs(value: Any) -> bool:
    return isinstance(value, list) and all(
        isinstance(p, list) and len(p) == 2 and all(isinstance(x, str) for x in p) for p in value
    )


def gendered(template: Template, block: Block, name: str, gender: str, spec: str) -> str:
    """``{applicant_gender:المتقدم|المتقدمة}``: the word for a man (or a gender not recorded,
    Arabic's unmarked form), then the word for a woman."""
    words = spec.split("|")
    if len(words) != 2:
        message = _("{{{name}}} takes two words, for a man and for a woman: "
                    "{{{name}:…|…}}").format(name=name)
        raise TemplateError(template.source, block.where, message)
    return words[1] if gender == FEMALE else words[0]


def fill(template: Template, block: Block, text: str, values: Mapping[str, str]) -> str:
    """Put values into ``{placeholders}``; an unknown placeholder is an error, never a blank.
    A person's gender picks one of two words (``gendered``)."""
    out = []
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError as exc:
        raise TemplateError(template.source, block.where, str(exc)) from exc
    for literal, name, spec, conversion in parsed:
        out.append(literal)
        if name is None:
            continue
        if spec and not conversion and name in GENDERED and name in values:
            out.append(gendered(template, block, name, values[name], spec))
            continue
        if spec or conversion or name not in values:
            message = _("unknown placeholder {{{name}}}; available: {names}").format(
                name=name, names=", ".join(sorted(values))
            )
            raise TemplateError(template.source, block.where, message)
        out.append(values[name])
    return "".join(out)


def should_print(block: Block, values: Mapping[str, str], template: Template) -> bool:
    """Does ``block`` print: its ``kinds`` name the request's kind (a paper not about a request
    is none of them), and its ``when`` placeholder is not empty."""
    if "kinds" in block.data and values.get("request_kind") not in block.data["kinds"]:
        return False
    when = block.data.get("when")
    if when is None:
        return True
    if when not in values:
        message = _("unknown placeholder {{{name}}}; available: {names}").format(
            name=when, names=", ".join(sorted(values))
        )
        raise TemplateError(template.source, block.where, message)
    return bool(values[when].strip())


def fill_all(template: Template, block: Block, texts: Sequence[str], values) -> list[str]:
    return [fill(template, block, t, values) for t in texts]
