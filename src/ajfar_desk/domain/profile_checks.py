"""The profile file's checks: ``ProfileError`` (file, line, key, message) and the reader that
raises it.  The reader does not stop at the first mistake: ``caught()`` around each independent
part of the file (a top-level key, an entry of ``[[programs]]``, a section) notes the error and
goes on with the next part, so ``profile check`` names every mistake of the file in one run;
``finish()`` raises them all together (the first, with ``mistakes`` holding each in file order)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn

from ajfar_desk.i18n import N_, _

from .errors import AppError
from .profile_lines import line_of
from .profile_reader import SNAKE_CODE

BRANCH_CODE = re.compile(r"[A-Z][A-Z0-9_]{0,9}")
# the lists of entries, as a wrong code in one names it
LISTS = {
    "branches": N_("the branches"),
    "channels": N_("the contact channels"),
    "categories": N_("the beneficiary categories"),
    "document_kinds": N_("the document kinds"),
    "programs": N_("the programs"),
    "surveys": N_("the surveys"),
    "complaints.categories": N_("the complaint categories"),
}


class ProfileError(AppError, ValueError):
    """A profile file is wrong or missing; names the file and the key.  ``mistakes``: every
    mistake found in the file (this one first), each a ProfileError of its own; ``errors``
    their (key, message) pairs."""

    def __init__(self, source: Path | str, key: str, message: str, line: int | None = None):
        where = f"{source}:{line}" if line else f"{source}"
        Exception.__init__(self, f"{where}: {key}: {message}")
        self.source, self.key, self.message, self.line = Path(source), key, message, line
        self.mistakes: list[ProfileError] = [self]

    @property
    def errors(self) -> list[tuple[str, str]]:
        return [(e.key, e.message) for e in self.mistakes]

    def summary(self) -> str:
        return self.message if self.key == "id" else str(self)


def raw_codes(data: dict[str, Any], key: str) -> set[str]:
    """The codes the ``[[key]]`` entries state, right or wrong: what other keys may name
    (a program's documents), so one bad entry is not reported again at each mention."""
    items = data.get(key)
    if not isinstance(items, list):
        return set()
    return {i["code"].strip() for i in items if isinstance(i, dict) and isinstance(i.get("code"), str)}


class Reader:
    """Checks one parsed file; every failure names the file and the key (e.g. ``programs[2].code``)."""

    def __init__(self, path: Path, text: str = ""):
        self.path, self.text_read = path, text
        self.found: list[ProfileError] = []

    def error(self, key: str, message: str) -> ProfileError:
        return ProfileError(self.path, key, message, line_of(self.text_read, key))

    def fail(self, key: str, message: str) -> NoReturn:
        raise self.error(key, message)

    def note(self, key: str, message: str) -> None:
        """A mistake that does not stop the reading of its part."""
        self.found.append(self.error(key, message))

    @contextmanager
    def caught(self) -> Iterator[None]:
        """Note the error of the part read inside, and go on after it.  A KeyError is the
        consequence of a missing key already noted (``table``), not a mistake of its own."""
        try:
            yield
        except ProfileError as exc:
            self.found.extend(e for e in exc.mistakes if e not in self.found)
        except KeyError:
            if not self.found:
                raise

    def finish(self) -> None:
        """Raise every mistake noted, in the file's order (those without a line last)."""
        if self.found:
            ordered = sorted(self.found, key=lambda e: (e.line is None, e.line or 0))
            first = ordered[0]
            first.mistakes = ordered
            raise first

    def table(
        self, data: Any, where: str, required: set[str], optional: frozenset[str] = frozenset()
    ) -> dict[str, Any]:
        if not isinstance(data, dict):
            self.fail(where, _("must be a table of keys"))
        prefix = f"{where}." if where != "/" else ""
        for key in data:
            if key not in required | optional:
                self.note(prefix + key, _("unknown key (misspelt?)"))
        missing = sorted(required - data.keys())
        for key in missing:
            self.note(prefix + key, _("missing required key"))
        if missing and where != "/":
            raise self.found.pop()  # the part cannot be read without it
        return data

    def text(self, value: Any, key: str, *, empty_ok: bool = False) -> str:
        if not isinstance(value, str):
            self.fail(key, _("must be text in quotes"))
        if not empty_ok and not value.strip():
            self.fail(key, _("must not be empty"))
        return value.strip()

    def code(self, value: Any, key: str, pattern: re.Pattern[str], example: str) -> str:
        code = self.text(value, key)
        if not pattern.fullmatch(code):
            message = _("invalid code {value}; write it like {example}")
            self.fail(key, message.format(value=code, example=example))
        return code

    def _entry_code(self, value: Any, key: str, list_key: str, items: list[Any]) -> str:
        """An entry's code; a wrong one is said naming its list and showing the codes of that
        list the file already writes well (its first two), which the administrator copies, not
        an internal code of another list."""
        code = self.text(value, key)
        pattern = BRANCH_CODE if list_key == "branches" else SNAKE_CODE
        if pattern.fullmatch(code):
            return code
        good = [c.strip() for c in (i.get("code") for i in items if isinstance(i, dict))
                if isinstance(c, str) and pattern.fullmatch(c.strip())][:2]
        examples = good or ["HQ" if list_key == "branches" else "home_visit"]
        named = LISTS.get(list_key)
        listed = _(named) if named else f"[[{list_key}]]"
        self.fail(key, _("invalid code {value} in {list}; write it like {example}").format(
            value=code, list=listed, example=_(" or ").join(examples)))

    def entries(
        self,
        data: dict[str, Any],
        key: str,
        fields: frozenset[str] | set[str] = frozenset(),
        optional: frozenset[str] = frozenset(),
    ) -> Iterator[tuple[str, dict[str, Any], tuple[str, str, str]]]:
        """Yield (where, item, (code, name_ar, name_en)) for each ``[[key]]`` entry; an entry
        with a mistake is noted and left out."""
        if not isinstance(data[key], list) or not data[key]:
            self.fail(key, _("at least one [[{key}]] entry is required").format(key=key))
        seen: set[str] = set()
        for number, item in enumerate(data[key], start=1):
            where = f"{key}[{number}]"
            names: tuple[str, str, str] | None = None
            with self.caught():
                self.table(item, where, {"code", "name_ar", "name_en"} | fields, optional)
                code = self._entry_code(item["code"], f"{where}.code", key, data[key])
                if code in seen:
                    self.fail(f"{where}.code", _("duplicate code: {code}").format(code=code))
                seen.add(code)
                name_ar = self.text(item["name_ar"], f"{where}.name_ar")
                names = (code, name_ar, self.text(item["name_en"], f"{where}.name_en"))
            if names is not None:
                yield where, item, names

    def codes(self, values: Any, key: str, known: set[str]) -> tuple[str, ...]:
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            self.fail(key, _("must be a list of codes in quotes"))
        for value in values:
            if value not in known:
                self.fail(key, _("unknown code: {code}").format(code=value))
        if len(set(values)) != len(values):
            self.fail(key, _("a code is listed twice"))
        return tuple(values)

    def listing(self, value: Any, key: str) -> list[Any]:
        if not isinstance(value, list):
            self.fail(key, _("must be a list in square brackets"))
        if not value:
            self.fail(key, _("must list at least one entry; leave the key out for none"))
        return value
