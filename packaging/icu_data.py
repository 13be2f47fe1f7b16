"""Qt's ICU data trimmed to the program's two languages (the Linux bundle; standard library and
a C compiler).

Qt's Linux wheels carry ICU, whose data library ``libicudata.so.NN`` (31 MiB) holds the names,
currencies, units, time zones and collation of every CLDR locale.  The program speaks Arabic and
English: ``trim_common_data`` keeps every item that is not a locale's (the Unicode properties,
normalisation, break rules, converters, collation base, supplemental data, the pool) and the
locale items of ``root``, Arabic and English only (and neither the East Asian multi-byte
converters nor the word dictionaries of scripts the program never breaks); ``build_library`` wraps the result in a shared
library of the same name and symbol (``icudtNN_dat``) with the C compiler.  Without a compiler
or binutils the bundle keeps Qt's library whole.

The common data format (ICU's ``udata``): a header (its size in the first two bytes), then a
table of contents — the item count, and per item the offsets of its name and of its data from
the table's start — then the names, then each item's data, 16-byte aligned.
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
from pathlib import Path

KEEP_LOCALES = frozenset({"root", "ar", "ar_SA", "en", "en_US", "en_001", "en_150", "en_GB"})
# a locale's item: a language code, then anything after an underscore (scripts, regions,
# variants, and aliases such as de__PHONEBOOK or no_NO_NY); the two shared items are not locales
_LOCALE = re.compile(r"^[a-z]{2,3}(_\w*)?$")
_SHARED = frozenset({"res_index", "pool"})
# folders whose files are rules and dictionaries named after scripts and languages, kept whole
_WHOLE = ("brkitr/", "translit/")


# Converter tables larger than this are the multi-byte East Asian code pages; the single-byte
# ones (windows-1256, ISO-8859-6, IBM 864 for Arabic) are a few KiB each and stay.
MULTIBYTE_TABLE = 16 * 1024


def keep_item(name: str, size: int = 0) -> bool:
    """Whether an item (``icudt73l/curr/fr.res``, ``size`` bytes) stays: everything but another
    locale's data, the multi-byte East Asian converters and the word dictionaries of Chinese,
    Japanese, Thai, Lao, Khmer and Burmese (ICU breaks those scripts without them)."""
    path = name.split("/", 1)[1] if "/" in name else name
    if path.endswith(".cnv"):
        return size <= MULTIBYTE_TABLE
    if path.endswith(".dict") and path.startswith("brkitr/"):
        return False
    if path.startswith(_WHOLE) or not path.endswith(".res"):
        return True
    stem = path.rsplit("/", 1)[-1][: -len(".res")]
    return not _LOCALE.match(stem) or stem in KEEP_LOCALES or stem in _SHARED


def _items(data: bytes) -> tuple[int, list[tuple[str, bytes]]]:
    header = struct.unpack_from("<H", data, 0)[0]
    if data[2:4] != b"\xda\x27":
        raise ValueError("not ICU common data")
    count = struct.unpack_from("<I", data, header)[0]
    entries = [struct.unpack_from("<II", data, header + 4 + 8 * i) for i in range(count)]
    items = []
    for i, (name_at, data_at) in enumerate(entries):
        end = entries[i + 1][1] if i + 1 < count else len(data) - header
        name = data[header + name_at: data.index(b"\0", header + name_at)].decode("ascii")
        items.append((name, data[header + data_at: header + end]))
    return header, items


def trim_common_data(data: bytes, keep=keep_item) -> bytes:
    """The common data without the items ``keep`` refuses (order and alignment kept)."""
    header, items = _items(data)
    items = [(name, blob) for name, blob in items if keep(name, len(blob))]
    count = len(items)
    names = b""
    name_offsets = []
    toc_size = 4 + 8 * count
    for name, _blob in items:
        name_offsets.append(toc_size + len(names))
        names += name.encode("ascii") + b"\0"
    at = toc_size + len(names)
    pad = (-(header + at)) % 16
    body = bytearray(b"\0" * pad)
    at += pad
    data_offsets = []
    for _name, blob in items:
        data_offsets.append(at + len(body) - pad)
        body += blob
        body += b"\0" * ((-len(body) - header - toc_size - len(names)) % 16)
    toc = struct.pack("<I", count) + b"".join(
        struct.pack("<II", n, d) for n, d in zip(name_offsets, data_offsets, strict=True)
    )
    return data[:header] + toc + names + bytes(body)


def common_data_of(library: Path, workdir: Path) -> bytes | None:
    """The common data inside a ``libicudata``: its ``.rodata`` section, which holds nothing
    else (binutils' objcopy extracts it); None when it is not laid out so."""
    objcopy = shutil.which("objcopy")
    if objcopy is None:
        return None
    out = workdir / "rodata.bin"
    done = subprocess.run([objcopy, "-O", "binary", "-j", ".rodata", str(library), str(out)],
                          capture_output=True, check=False)
    data = out.read_bytes() if done.returncode == 0 and out.is_file() else b""
    return data if data[2:4] == b"\xda\x27" and data[12:16] == b"CmnD" else None


def build_library(source: Path, workdir: Path) -> Path | None:
    """``libicudata.so.NN`` rebuilt with the trimmed data in ``workdir``, or None when this
    machine cannot (no C compiler or binutils, not the expected layout)."""
    cc = shutil.which("cc") or shutil.which("gcc")
    match = re.match(r"libicudata\.so\.(\d+)$", source.name)
    if cc is None or match is None:
        return None
    version = match.group(1)
    workdir.mkdir(parents=True, exist_ok=True)
    common = common_data_of(source, workdir)
    if common is None:
        return None
    dat = workdir / f"icudt{version}l.dat"
    dat.write_bytes(trim_common_data(common))
    asm = workdir / "icudata.S"
    asm.write_text(
        "\t.section .rodata\n"
        f"\t.globl icudt{version}_dat\n"
        f"\t.type icudt{version}_dat, @object\n"
        "\t.balign 16\n"
        f"icudt{version}_dat:\n"
        f'\t.incbin "{dat.name}"\n'
        f"\t.size icudt{version}_dat, .-icudt{version}_dat\n"
        '\t.section .note.GNU-stack,"",@progbits\n',
        encoding="ascii",
    )
    out = workdir / source.name
    done = subprocess.run(
        [cc, "-shared", "-nostdlib", f"-Wl,-soname,{source.name}", "-o", str(out), asm.name],
        cwd=workdir, capture_output=True, text=True, check=False,
    )
    return out if done.returncode == 0 and out.is_file() else None
