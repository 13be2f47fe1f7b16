"""Build hook: compile the translation catalogs (.po → .mo) when the package is built or
installed (``pip install .``, ``pip install -e .`` as ``python3 dev.py`` does), so the program
reads compiled catalogs from its first start.  The .mo files are not in git; the program also
compiles a missing or out-of-date one at first use (``ajfar_desk.i18n``)."""

from __future__ import annotations

import hashlib
import io
import os
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

DOMAIN = "ajfar_desk"
# as in ajfar_desk.i18n: the .mo names the .po it was compiled from by its SHA-256
SOURCE_CONTEXT, SOURCE_KEY = "ajfar_desk", "source-sha256"


def compile_catalogs(root: Path) -> list[Path]:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    built = []
    for po in sorted((root / "resources" / "i18n").glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        lang = po.parent.parent.name
        source = po.read_bytes()
        catalog = read_po(io.BytesIO(source), locale=lang)
        catalog.add(SOURCE_KEY, hashlib.sha256(source).hexdigest(), context=SOURCE_CONTEXT)
        mo = po.with_suffix(".mo")
        tmp = mo.with_name(f".{mo.name}.{os.getpid()}.tmp")
        with tmp.open("wb") as fh:
            write_mo(fh, catalog, use_fuzzy=False)
        os.replace(tmp, mo)
        built.append(mo)
    return built


class CatalogsHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict) -> None:
        if self.target_name != "wheel":
            return  # the sdist carries the .po files; its wheel compiles them
        # Compiled in place: the wheel takes resources/ whole (its force-include, .gitignore
        # or not), and an editable install reads resources/ in the checkout.
        compile_catalogs(Path(self.root))
