"""What the profile's sections need of its reader (``profile_checks.Reader`` is one): checks that name
the file and the key.  A protocol, so the modules that read a section of the profile (programs,
feedback, policy texts, program kinds) do not import the profile back."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, NoReturn, Protocol

SNAKE_CODE = re.compile(r"[a-z][a-z0-9_]*")  # ids and item codes: ajfar, national_id


class ProfileReader(Protocol):
    """Checks that name the file and the key; each refusal raises the profile's error."""

    def fail(self, key: str, message: str) -> NoReturn: ...

    def table(
        self, data: Any, where: str, required: set[str], optional: frozenset[str] = ...
    ) -> dict[str, Any]: ...

    def text(self, value: Any, key: str, *, empty_ok: bool = ...) -> str: ...

    def code(self, value: Any, key: str, pattern: re.Pattern[str], example: str) -> str: ...

    def entries(
        self,
        data: dict[str, Any],
        key: str,
        fields: frozenset[str] | set[str] = ...,
        optional: frozenset[str] = ...,
    ) -> Iterator[tuple[str, Any, tuple[str, str, str]]]: ...

    def listing(self, value: Any, key: str) -> list[Any]: ...
