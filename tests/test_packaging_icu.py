"""Qt's ICU data trimmed to Arabic and English for the Linux bundle (``packaging/icu_data.py``):
which items go, the common data rewritten whole, and Qt giving the same answers with it."""

from __future__ import annotations

import importlib.util
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("icu_data", ROOT / "packaging" / "icu_data.py")
assert _spec is not None and _spec.loader is not None
icu = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(icu)


@pytest.mark.parametrize(
    ("name", "kept"),
    [
        ("icudt73l/ar.res", True),
        ("icudt73l/ar_SA.res", True),
        ("icudt73l/en.res", True),
        ("icudt73l/root.res", True),
        ("icudt73l/fr.res", False),
        ("icudt73l/zh_Hant_TW.res", False),
        ("icudt73l/no_NO_NY.res", False),
        ("icudt73l/coll/de__PHONEBOOK.res", False),
        ("icudt73l/coll/ar.res", True),
        ("icudt73l/coll/ucadata.icu", True),
        ("icudt73l/curr/es_419.res", False),
        ("icudt73l/curr/pool.res", True),
        ("icudt73l/zone/res_index.res", True),
        ("icudt73l/zone/tzdbNames.res", True),
        ("icudt73l/supplementalData.res", True),
        ("icudt73l/brkitr/fr.res", True),  # break rules are kept whole
        ("icudt73l/translit/el.res", True),
        ("icudt73l/uprops.icu", True),
        ("icudt73l/brkitr/cjdict.dict", False),
        ("icudt73l/brkitr/line.brk", True),
    ],
)
def test_which_items_stay(name, kept):
    assert icu.keep_item(name) is kept


def test_single_byte_converters_stay_multi_byte_ones_go():
    assert icu.keep_item("icudt73l/ibm-5352_P100-1998.cnv", 1_800)  # windows-1256
    assert not icu.keep_item("icudt73l/gb18030.cnv", 230_000)


def _common(items: list[tuple[str, bytes]]) -> bytes:
    """A small common data file in ICU's layout (header, table, names, aligned items)."""
    header = b"\x20\x00\xda\x27" + b"\x14\x00\x00\x00\x00\x00\x02\x00CmnD" + b"\x01\x00\x00\x00"
    header += b"\x03\x00\x00\x00" + b"\0" * (32 - len(header) - 4)
    header = header[:32]
    toc = 4 + 8 * len(items)
    names = b"".join(n.encode() + b"\0" for n, _ in items)
    at = toc + len(names)
    at += (-(32 + at)) % 16
    offsets, body = [], b""
    for _n, blob in items:
        offsets.append(at + len(body))
        body += blob + b"\0" * ((-len(blob)) % 16)
    name_at, entries = toc, b""
    for (n, _b), off in zip(items, offsets, strict=True):
        entries += struct.pack("<II", name_at, off)
        name_at += len(n) + 1
    pad = b"\0" * ((-(32 + toc + len(names))) % 16)
    return header + struct.pack("<I", len(items)) + entries + names + pad + body


def test_trimmed_common_data_keeps_the_items_and_their_bytes():
    items = [("icudt73l/ar.res", b"A" * 40), ("icudt73l/coll/ucadata.icu", b"U" * 16),
             ("icudt73l/fr.res", b"F" * 33), ("icudt73l/root.res", b"R" * 7)]
    data = _common(items)
    assert icu._items(data)[1] == [(n, b + b"\0" * ((-len(b)) % 16)) for n, b in items]
    trimmed = icu.trim_common_data(data)
    header, kept = icu._items(trimmed)
    assert header == 32 and [n for n, _ in kept] == [
        "icudt73l/ar.res", "icudt73l/coll/ucadata.icu", "icudt73l/root.res"]
    assert kept[0][1].startswith(b"A" * 40) and kept[2][1].startswith(b"R" * 7)
    count = struct.unpack_from("<I", trimmed, header)[0]
    assert count == 3 and all(
        (header + struct.unpack_from("<II", trimmed, header + 4 + 8 * i)[1]) % 16 == 0
        for i in range(count))


PROBE = r"""
from PySide6.QtCore import QCollator, QLocale, QStringConverter, QTimeZone
ar = QCollator(QLocale(QLocale.Language.Arabic, QLocale.Country.SaudiArabia))
en = QCollator(QLocale(QLocale.Language.English))
names = ["يوسف", "أحمد", "إبراهيم", "آمنة", "بدر", "ثامر", "عبدالله", "ظافر", "زياد"]
words = ["banana", "Apple", "cherry", "apple", "Émile", "zebra"]
tz = QTimeZone(b"Asia/Riyadh")
print(sorted(names, key=ar.sortKey), sorted(words, key=en.sortKey), tz.isValid(),
      tz.displayName(QTimeZone.TimeType.StandardTime, QTimeZone.NameType.LongName, QLocale("ar_SA")),
      [c for c in ("windows-1256", "ISO-8859-6", "windows-1252")
       if c in QStringConverter.availableCodecs()])
"""


@pytest.mark.slow
@pytest.mark.subprocess
def test_qt_answers_alike_with_the_trimmed_data(tmp_path):
    import PySide6

    library = next(Path(PySide6.__file__).parent.glob("Qt/lib/libicudata.so.*"), None)
    if library is None or not (shutil.which("cc") and shutil.which("objcopy")):
        pytest.skip("Qt without its own ICU here, or no C compiler and binutils")
    built = icu.build_library(library, tmp_path)
    assert built is not None and built.stat().st_size < library.stat().st_size / 2

    def run(preload: str | None) -> str:
        env = {"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"}
        if preload:
            env["LD_PRELOAD"] = preload
        done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                              env=env, timeout=120, check=True)
        return done.stdout

    whole, trimmed = run(None), run(str(built))
    assert "آمنة" in whole and "True" in whole and "windows-1256" in whole
    assert trimmed == whole
