"""Every Arabic msgstr of the catalog with its msgid (each plural form apart), for the tests that
read the catalog's wording (``test_i18n_questions``, ``test_i18n_imperatives``)."""

from __future__ import annotations

from collections.abc import Iterator

from babel.messages.pofile import read_po

from ajfar_desk.paths import resources_dir


def msgstrs() -> Iterator[tuple[str, str]]:
    """(msgid, msgstr) for every translated text; a plural message's msgid is its singular."""
    with open(resources_dir() / "i18n" / "ar" / "LC_MESSAGES" / "ajfar_desk.po", "rb") as f:
        catalog = read_po(f, locale="ar")
    for message in catalog:
        if not message.id:
            continue
        msgid = message.id[0] if isinstance(message.id, tuple) else message.id
        texts = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in texts:
            if text:
                yield msgid, text
