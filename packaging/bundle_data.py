"""What the PyInstaller bundle carries and leaves out (read by ``ajfar-desk.spec``; the fast
parts are tested in ``tests/test_packaging.py`` without building anything).

The program finds most of what it needs by name at run time, where PyInstaller's import graph
cannot see it: the command modules (``cli/main.py``), the pages of the main window
(``ui/shell/page_registry.py``), the main window itself (``ui/shell/quick_start.py``), the font
packages (``ui/shell/app.py``), ReportLab's barcode modules (``exec``), the Alembic migrations
(read as files by Alembic), the translation catalogs and association profiles (files).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath

PACKAGE = "ajfar_desk"
BUNDLE_NAME = "ajfar-desk"
GUI_NAME = "ajfar-desk-gui"  # the windowed program (no console on Windows)
CLI_NAME = "ajfar-desk"  # the command line, the same commands as the installed console script

# Modules loaded by name, or through C code, that the import graph misses.
EXTRA_IMPORTS = (
    "fontpkg_noto_sans_arabic",
    "fontpkg_amiri",
    "_rl_accel",
    "sqlcipher3",
    "sqlcipher3.dbapi2",
    "uharfbuzz",
    "argon2",
    "_argon2_cffi_bindings",
    "nacl",
    "nacl.bindings",
    "alembic.op",
    "alembic.context",
    "alembic.runtime.migration",
    "alembic.ddl.sqlite",
    "alembic.ddl.postgresql",
    "sqlalchemy.dialects.sqlite",
    "sqlalchemy.dialects.postgresql",
    "babel.dates",
    "babel.numbers",
    "babel.plural",
    "babel.localedata",
    "babel.messages.mofile",
    "babel.messages.pofile",
)
# Packages whose data files the program reads: the fonts (the window's and the papers').
DATA_PACKAGES = ("fontpkg_noto_sans_arabic", "fontpkg_amiri")
# Whole packages whose modules are found by name.
EXTRA_PACKAGES = ("reportlab.graphics.barcode",)
# Digital signatures: in the bundle when the build environment has the [signing] extra.
SIGNING_PACKAGES = ("pyhanko", "pyhanko_certvalidator", "asn1crypto")
# PostgreSQL's driver (the [postgres] extra, in the [bundle] one): a head office's desks open its
# database (``--db-url``) with the installed program.  SQLAlchemy and psycopg load these by name.
POSTGRES_PACKAGES = ("psycopg", "psycopg_binary")
POSTGRES_IMPORTS = (
    "sqlalchemy.dialects.postgresql.psycopg",
    "psycopg_binary.pq",
    "psycopg_binary._psycopg",
)

# Never in the bundle: Qt modules the program does not use (QML and Quick would come with the
# Virtual Keyboard's input plugin, GPL-only), the other GUI toolkits, test and build tools.
EXCLUDED_MODULES = (
    "tkinter",
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtQuickWidgets",
    "PySide6.QtQuickControls2",
    "PySide6.QtWebEngineCore",
    "PySide6.QtWebEngineWidgets",
    "PySide6.QtWebChannel",
    "PySide6.QtWebSockets",
    "PySide6.QtMultimedia",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtSql",
    "PySide6.QtTest",
    "PySide6.QtUiTools",
    "PySide6.QtDesigner",
    "PySide6.QtHelp",
    "PySide6.QtXml",
    "PySide6.QtConcurrent",
    "PySide6.QtStateMachine",
    "PySide6.QtVirtualKeyboard",
    "PyQt5",
    "PyQt6",
    "pytest",
    "_pytest",
    "pytestqt",
    "hypothesis",
    "IPython",
    "matplotlib",
    "numpy",
    # build tools and documentation helpers that libraries import only in tools of their own
    "setuptools",
    "pkg_resources",
    "distutils",
    "_distutils_hack",
    "pygments",  # Mako's syntax-highlighting plugin
    "pydoc",
    "pydoc_data",
    "doctest",
    "lib2to3",
    "reportlab.graphics.testshapes",
    # asynchronous HTTP for pyHanko's remote signers and timestamp clients, which the program
    # does not use (its papers are signed with a local PKCS#12 file): 1.7 MiB
    "aiohttp", "aiohappyeyeballs", "aiosignal", "yarl", "multidict", "frozenlist", "propcache",
    "aiosmtpd",  # the tests' SMTP server
    "PIL.AvifImagePlugin",  # AVIF images (libavif, 5 MiB): papers embed PNG and JPEG logos
    "PIL._avif",
    "PIL.WebPImagePlugin",  # WebP, colour management: libwebp, liblcms2
    "PIL._webp",
    "PIL.ImageCms",
    "PIL._imagingcms",
    "PySide6.QtNetwork",  # not imported: libQt6Network stays, as QtPdf links to it
    "PySide6.QtDBus",
    "lxml",  # pyHanko signs and checks without it (its XMP and diff-analysis rules use it)
    # PostgreSQL's driver goes in as ``psycopg`` with ``psycopg_binary`` (its own libpq and
    # OpenSSL, which a desk does not have); ``psycopg_c`` is built against the build machine's
    # libpq, and psycopg takes the binary build when it is missing
    "psycopg_c",
    # Pillow's text drawing (FreeType, HarfBuzz, Brotli, libpng of its own: 2.9 MiB): nothing
    # draws text with Pillow (ReportLab and uharfbuzz lay the papers out; Pillow only reads the
    # logos and scans), and ``PIL.ImageFont`` imports it lazily, failing only when used
    "PIL._imagingft",
    "PIL._imagingtk",  # Pillow's Tk bridge (tkinter is out)
    # rapidfuzz's AVX2 twins of its two scorer libraries (5.3 MiB): it falls back to the
    # baseline build of the same C++ code, which every x86-64 processor runs (the desks' Celeron
    # and Pentium lack AVX2 anyway); the program compares name parts a few at a time, where the
    # vector build gains nothing (Indel on 300 x 2,000 Arabic words: 69-97 ms with it, 71-85 ms
    # without, interleaved runs on the 2-core CI machine)
    "rapidfuzz.fuzz_cpp_avx2",
    "rapidfuzz.distance.metrics_cpp_avx2",
    # phonenumbers' geocoder, carrier and time-zone data (28 MiB of modules): the program
    # parses and formats numbers only (``domain/phone.py``)
    "phonenumbers.geocoder",
    "phonenumbers.geodata",
    "phonenumbers.carrier",
    "phonenumbers.carrierdata",
    "phonenumbers.timezone",
    "phonenumbers.tzdata",
)

# Amiri's italics (0.8 MiB): the papers print Amiri Regular and Bold (``printing/fonts.py``),
# the window writes in Noto Sans Arabic with Amiri behind it, and nothing is set in italics
# (Qt slants a font that has none, as it does Noto's for the guide's one <i>)
AMIRI = "fontpkg_amiri"
AMIRI_UNUSED = frozenset({"Amiri-Italic.ttf", "Amiri-BoldItalic.ttf"})
# Babel's CLDR data: the two languages of the program (and their parent, ``root``).
BABEL_LOCALES = frozenset({"root", "ar", "ar_SA", "en", "en_US"})
# Faker's providers: the demo asks Faker("ar_SA") for family names; the providers with no Arabic
# data fall back to their default locale (en_US, en_GB for banks, la for lorem ipsum).
FAKER_LOCALES = frozenset({"ar_SA", "ar_AA", "en_US", "en_GB", "en", "la"})
# a locale's folder: a language alone (two letters: providers have longer names, e.g. sbn, job),
# or with a script and a region
_LOCALE = re.compile(r"^([a-z]{2}|[a-z]{2,3}(_[A-Z][a-z]{3})?_([A-Z]{2}|\d{3}))$")
# Qt's translations: the Arabic of Qt's own dialogs (``ui/shell/language.py`` loads qtbase_ar).
QT_TRANSLATIONS = frozenset({"qtbase_ar.qm"})
# Qt libraries and plugins never wanted, by a part of their file name.
QT_UNWANTED = (
    "VirtualKeyboard",
    "Qt6EglFS",  # the embedded-device platform's library (nothing kept links to it)
    "Qt6Wayland",
    "Qt6WlShell",
    "Qt6OpenGL",  # the widgets paint with the raster engine; no OpenGL integration is shipped
    "Qt6Qml",
    "Qt6Quick",
    "Qt6WebEngine",
    "Qt6WebChannel",
    "Qt6WebSockets",
    "Qt63D",
    "Qt6Multimedia",
    "Qt6Sql",
    "Qt6Designer",
    "Qt6Test",
    "qmltooling",
    "QtWebEngineProcess",
)
# Qt plugins kept, by folder (the others are for embedded devices, OpenGL, networks, QML…):
# printing through CUPS, SVG icons, the Windows styles.
QT_PLUGIN_KINDS = frozenset({"printsupport", "iconengines", "styles"})
QT_IMAGE_FORMATS = ("svg", "ico", "jpeg", "gif", "tiff")
# (``platformthemes`` goes: the GTK theme drags in GTK, Cairo and Pango, 20 MiB, and the program
# draws with its own Fusion style.)
# Qt platform plugins: the desktop's (X11, Windows, macOS), and offscreen/minimal for checks.
QT_PLATFORMS = frozenset(
    {"libqxcb.so", "libqoffscreen.so", "libqminimal.so", "qwindows.dll", "qoffscreen.dll",
     "qminimal.dll", "libqcocoa.dylib", "libqoffscreen.dylib", "libqminimal.dylib"}
)


def package_modules(src: Path) -> list[str]:
    """Every module of the program's package, from its files (nothing imported): the command
    modules, pages and windows it loads by name are all among them.  The migrations are not
    modules (Alembic reads them as files: ``migration_datas``)."""
    root = Path(src) / PACKAGE
    names = []
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root.parent).with_suffix("")
        parts = rel.parts
        if "migrations" in parts or "__pycache__" in parts:
            continue
        if parts[-1] == "__init__":
            parts = parts[:-1]
        if parts[-1] == "__main__":
            continue
        names.append(".".join(parts))
    return names


def resource_datas(root: Path) -> list[tuple[str, str]]:
    """``resources/`` as ``ajfar_desk/resources`` (where ``paths.resources_dir`` finds it in an
    installed package): profiles, policies, forms, icons and the compiled catalogs.  The .po
    sources stay out (``i18n`` reads a .mo shipped alone)."""
    base = Path(root) / "resources"
    out = []
    for path in sorted(base.rglob("*")):
        if not path.is_file() or path.suffix in (".po", ".pot") or path.name.startswith("."):
            continue
        rel = path.parent.relative_to(base)
        out.append((str(path), str(PurePosixPath(PACKAGE, "resources", *rel.parts))))
    return out


def migration_datas(src: Path) -> list[tuple[str, str]]:
    """The Alembic environment and revisions as real ``.py`` files (Alembic lists and execs
    them from ``db/migrations``; ``db/migrate.py`` points it there)."""
    base = Path(src) / PACKAGE / "db" / "migrations"
    out = []
    for path in sorted(base.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".mako") and "__pycache__" not in path.parts:
            rel = path.parent.relative_to(Path(src))
            out.append((str(path), str(PurePosixPath(*rel.parts))))
    return out


def keep_data(dest: str) -> bool:
    """Whether a data file (its path in the bundle) stays in: Babel's and Faker's locales other
    than the program's, Qt's other translations and the QML files go."""
    parts = PurePosixPath(dest.replace("\\", "/")).parts
    if parts[:2] == (AMIRI, "files"):
        return parts[-1] not in AMIRI_UNUSED
    if parts[:2] == ("babel", "locale-data") and parts[-1].endswith(".dat"):
        return parts[-1][: -len(".dat")] in BABEL_LOCALES
    if parts[:2] == ("faker", "providers"):
        return not any(_LOCALE.match(p) and p not in FAKER_LOCALES for p in parts[2:-1])
    if "translations" in parts and parts[-1].endswith(".qm") and "PySide6" in parts:
        return parts[-1] in QT_TRANSLATIONS
    if "PySide6" in parts and ("qml" in parts or "resources" in parts and "qtwebengine" in dest):
        return False
    return keep_binary(dest)


def keep_module(name: str) -> bool:
    """Whether a Python module stays in: Faker's providers of other locales go."""
    parts = name.split(".")
    if parts[:2] == ["faker", "providers"]:
        return not any(_LOCALE.match(p) and p not in FAKER_LOCALES for p in parts[2:])
    return not any(name == x or name.startswith(x + ".") for x in EXCLUDED_MODULES)


def extension_module(dest: str) -> str | None:
    """The module an extension file is (``rapidfuzz/fuzz_cpp.cpython-311-x86_64-linux-gnu.so``,
    ``PIL\\_imagingft.cp311-win_amd64.pyd``: ``rapidfuzz.fuzz_cpp``), or None for a library."""
    path = PurePosixPath(dest.replace("\\", "/"))
    tagged = path.suffix == ".so" and "." in path.stem  # a library's name ends .so[.N]
    if not (tagged or path.suffix == ".pyd"):
        return None
    package = () if "lib-dynload" in path.parts else path.parent.parts  # the standard library's
    return ".".join((*package, path.name.split(".", 1)[0]))


def keep_binary(dest: str) -> bool:
    """Whether a shared library, extension module or Qt plugin stays in (by its path in the
    bundle)."""
    path = PurePosixPath(dest.replace("\\", "/"))
    if any(part.lower() in path.name.lower() for part in QT_UNWANTED):
        return False
    module = extension_module(dest)
    if module is not None and not keep_module(module):
        return False
    parts = path.parts
    if "plugins" in parts and "PySide6" in parts:
        at = parts.index("plugins")
        kind = parts[at + 1] if at + 2 < len(parts) else ""
        if kind == "platforms":
            return path.name in QT_PLATFORMS
        if kind == "platforminputcontexts":  # dead keys and IBus input methods; not the keyboard
            return "compose" in path.name or "ibus" in path.name
        if kind == "imageformats":  # scans and logos; PNG and BMP are built into Qt
            return any(f"q{fmt}." in path.name for fmt in QT_IMAGE_FORMATS)
        return kind in QT_PLUGIN_KINDS
    return True


# Libraries left to the host, as every Linux desktop has them, and which talk to its services
# (CUPS, Kerberos, D-Bus, systemd, X11, fontconfig) and its TLS and crypto stacks, better matched
# to the host than frozen: only the Linux bundle has them (through Qt's libraries).  Only the
# names PyInstaller gave the system's copies: a wheel's own copy (``pillow.libs/libXau-…``,
# ``psycopg_binary.libs/libkrb5-…``) has a hash in its name and stays.
HOST_LIBRARIES = (
    "libcups.", "libgssapi_krb5.", "libkrb5.", "libk5crypto.", "libkrb5support.", "libcom_err.",
    "libkeyutils.", "libgnutls.", "libp11-kit.", "libnettle.", "libhogweed.", "libgmp.",
    "libtasn1.", "libidn2.", "libunistring.", "libavahi-client.", "libavahi-common.",
    "libsystemd.", "libdbus-1.", "libgcrypt.", "libgpg-error.", "liblz4.", "libcap.",
    # the X11 client libraries, with the host's libxcb (PyInstaller leaves libxcb to the host
    # already, as its X server's extensions change between releases): 1.3 MiB
    "libX11.", "libX11-xcb.", "libXau.", "libXdmcp.",
    # fonts: fontconfig reads the host's /etc/fonts, whose newer elements a bundled older
    # fontconfig refuses («unknown element»), and FreeType with its PNG and Brotli: 1.5 MiB
    "libfontconfig.", "libfreetype.", "libpng16.", "libbrotlicommon.", "libbrotlidec.",
    # GLib, whose main loop Qt shares with the desktop's input methods, and its PCRE2: 1.8 MiB
    "libglib-2.0.", "libgthread-2.0.", "libpcre2-8.",
)


def _prunable(dest: str) -> bool:
    """A library PyInstaller or a wheel put beside the modules for them: at the top of the
    bundle, or in a wheel's vendored-library folder (``pillow.libs``)."""
    path = PurePosixPath(dest.replace("\\", "/"))
    parent = path.parent.as_posix()
    return (parent == "." or parent.endswith(".libs")) and not path.name.startswith("libpython")


def prune_libraries(binaries: list[tuple], needed: Callable[[str], Iterable[str]]) -> list[tuple]:
    """The bundle's binaries without the shared libraries no kept binary needs any more.

    PyInstaller adds each binary's libraries beside it (at the top of the bundle) before the
    filters above drop Qt plugins; what only a dropped plugin needed (GTK, Cairo, Pango for the
    GTK theme) would stay.  ``binaries`` are PyInstaller's (name in the bundle, source, type)
    entries; ``needed(source)`` names the libraries a file links to (the spec asks ldd: its ELF
    NEEDED entries and theirs).
    Only top-level and vendored libraries (type BINARY) may go, never the Python library nor an
    extension module; the host's libraries (``HOST_LIBRARIES``) go too."""
    top = {
        PurePosixPath(dest).name: (dest, source)
        for dest, source, kind in binaries
        if kind == "BINARY" and _prunable(dest)
    }
    prunable = {dest for dest, _source in top.values()}
    reached: set[str] = set()
    todo = [
        lib
        for dest, source, _kind in binaries
        if dest not in prunable
        for lib in needed(source)
    ]
    while todo:
        lib = todo.pop()
        if lib in top and lib not in reached:
            reached.add(lib)
            todo.extend(needed(top[lib][1]))
    return [
        entry
        for entry in binaries
        if entry[0] not in prunable
        or ((name := PurePosixPath(entry[0]).name) in reached
            and not name.startswith(HOST_LIBRARIES))
    ]
