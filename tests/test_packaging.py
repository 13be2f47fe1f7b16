"""The bundle's recipe without building it (``packaging/bundle_data.py``): what the program loads
by name or reads as files is collected, the locales and Qt parts it never uses are left out and
what stays is enough for Babel; the licence notices (``packaging/notices.py``).  The build
itself runs in ``.ci/run`` and ``python3 dev.py bundle --check``."""

from __future__ import annotations

import ast
import importlib.metadata as md
import importlib.util
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"


def _load(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "packaging" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


bd = _load("bundle_data")
notices = _load("notices")


def _string_constants(path: Path) -> set[str]:
    return {
        node.value
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    }


def test_modules_loaded_by_name_are_collected():
    modules = set(bd.package_modules(SRC))
    from ajfar_desk.cli.main import COMMAND_MODULES

    assert {f"ajfar_desk.cli.{name}" for name in COMMAND_MODULES} <= modules
    pages = {
        s for s in _string_constants(SRC / "ajfar_desk/ui/shell/page_registry.py")
        if s.startswith("ajfar_desk.ui.")
    }
    assert len(pages) >= 8 and pages <= modules, pages - modules
    assert {"ajfar_desk.ui.shell.app", "ajfar_desk.ui.shell.main_window", "ajfar_desk"} <= modules
    fonts = {s for s in _string_constants(SRC / "ajfar_desk/ui/shell/app.py")
             if s.startswith("fontpkg_")}
    assert fonts and fonts <= set(bd.DATA_PACKAGES) and fonts <= set(bd.EXTRA_IMPORTS)
    assert not any("migrations" in m or m.endswith("__main__") for m in modules)
    # a module named in the source but missing from the list would be a module the bundle lacks
    assert all((SRC / (m.replace(".", "/") + ".py")).is_file()
               or (SRC / m.replace(".", "/") / "__init__.py").is_file() for m in modules)


def test_resources_and_migrations_are_files_in_the_package():
    resources = bd.resource_datas(ROOT)
    assert all(dest.startswith("ajfar_desk/resources") for _src, dest in resources)
    names = {Path(src).name for src, _dest in resources}
    profiles = {p.name for p in (ROOT / "resources" / "associations").rglob("*.toml")}
    assert profiles and profiles <= names
    assert not any(src.endswith(".po") for src, _dest in resources)  # the .mo is shipped alone
    migrations = bd.migration_datas(SRC)
    shipped = {Path(src).name for src, dest in migrations if dest == "ajfar_desk/db/migrations/versions"}
    versions = {p.name for p in (SRC / "ajfar_desk/db/migrations/versions").glob("*.py")}
    assert versions and shipped == versions
    assert ("ajfar_desk/db/migrations" in {dest for _s, dest in migrations}
            and any(src.endswith("env.py") for src, _d in migrations))


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        ("babel/locale-data/ar.dat", True),
        ("babel/locale-data/ar_SA.dat", True),
        ("babel/locale-data/en.dat", True),
        ("babel/locale-data/root.dat", True),
        ("babel/locale-data/fr.dat", False),
        ("babel/locale-data/ar_EG.dat", False),
        ("babel/global.dat", True),
        ("faker/providers/person/ar_SA/__init__.py", True),
        ("faker/providers/person/en_US/__init__.py", True),
        ("faker/providers/person/fr_FR/__init__.py", False),
        ("faker/providers/address/zh_TW/__init__.py", False),
        ("faker/providers/user_agent/__init__.py", True),
        ("faker/providers/sbn/rules.py", True),
        ("faker/providers/lorem/la/__init__.py", True),
        ("faker/providers/lorem/de_DE/__init__.py", False),
        ("faker/providers/person/fil_PH/__init__.py", False),
        ("faker/providers/person/fr/__init__.py", False),
        ("faker/providers/person/__init__.py", True),
        ("PySide6/Qt/translations/qtbase_ar.qm", True),
        ("PySide6/Qt/translations/qtbase_de.qm", False),
        ("PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so", False),
        ("PySide6/Qt/plugins/platforminputcontexts/libcomposeplatforminputcontextplugin.so", True),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
        ("PySide6/Qt/plugins/platforms/libqvnc.so", False),
        ("PySide6\\plugins\\platforms\\qwindows.dll", True),
        ("PySide6/Qt/lib/libQt6Qml.so.6", False),
        ("PySide6/Qt/lib/libQt6VirtualKeyboard.so.6", False),
        ("PySide6/Qt/lib/libQt6Pdf.so.6", True),
        ("PySide6/Qt/lib/libQt6Widgets.so.6", True),
        ("PySide6/Qt/lib/libQt6EglFSDeviceIntegration.so.6", False),
        ("libQt6EglFSDeviceIntegration.so.6", False),
        # extension modules, by the module they are (Linux and Windows names)
        ("rapidfuzz/fuzz_cpp_avx2.cpython-311-x86_64-linux-gnu.so", False),
        ("rapidfuzz/distance/metrics_cpp_avx2.cpython-311-x86_64-linux-gnu.so", False),
        ("rapidfuzz\\distance\\metrics_cpp_avx2.cp311-win_amd64.pyd", False),
        ("rapidfuzz/fuzz_cpp.cpython-311-x86_64-linux-gnu.so", True),
        ("rapidfuzz/distance/metrics_cpp.cpython-311-x86_64-linux-gnu.so", True),
        ("PIL/_imagingft.cpython-311-x86_64-linux-gnu.so", False),
        ("PIL\\_imagingft.cp311-win_amd64.pyd", False),
        ("PIL/_imaging.cpython-311-x86_64-linux-gnu.so", True),
        ("psycopg_binary/_psycopg.cpython-311-x86_64-linux-gnu.so", True),
        ("psycopg_binary/pq.cpython-311-x86_64-linux-gnu.so", True),
        ("psycopg_binary.libs/libpq-e9b5c9ac.so.5.18", True),
        ("python3.11/lib-dynload/_ssl.cpython-311-x86_64-linux-gnu.so", True),
        ("_rl_accel.abi3.so", True),
        ("fontpkg_amiri/files/Amiri-Regular.ttf", True),
        ("fontpkg_amiri/files/Amiri-Bold.ttf", True),
        ("fontpkg_amiri/files/Amiri-Italic.ttf", False),
        ("fontpkg_amiri/files/Amiri-BoldItalic.ttf", False),
        ("fontpkg_noto_sans_arabic/files/NotoSansArabic[wdth,wght].ttf", True),
    ],
)
def test_what_stays_in_the_bundle(dest, kept):
    assert bd.keep_data(dest) is kept


def test_the_fonts_the_papers_print_with_stay():
    from ajfar_desk.printing import fonts

    files = set(fonts._FILES.values())
    assert files and all(bd.keep_data(f"fontpkg_amiri/files/{name}") for name in files)
    assert all((fonts.font_dir() / name).is_file() for name in files)


def test_host_libraries_go_but_a_wheels_own_copies_stay():
    """The X11, fontconfig and GLib libraries are the host's; the copies a wheel carries under
    hashed names (Pillow's libXau, psycopg's Kerberos) stay, as nothing else provides them."""
    links = {
        "/qt/libQt6Gui.so.6": ["libfontconfig.so.1", "libfreetype.so.6", "libglib-2.0.so.0",
                               "libX11.so.6"],
        "/sys/libfontconfig.so.1": ["libfreetype.so.6", "libexpat.so.1"],
        "/sys/libfreetype.so.6": ["libpng16.so.16", "libbrotlidec.so.1", "libz.so.1"],
        "/sys/libpng16.so.16": ["libz.so.1"],
        "/sys/libbrotlidec.so.1": ["libbrotlicommon.so.1"],
        "/sys/libbrotlicommon.so.1": [],
        "/sys/libglib-2.0.so.0": ["libpcre2-8.so.0"],
        "/sys/libpcre2-8.so.0": [],
        "/sys/libX11.so.6": ["libxcb.so.1", "libXdmcp.so.6"],
        "/sys/libXdmcp.so.6": [],
        "/sys/libexpat.so.1": [],
        "/sys/libz.so.1": [],
        "/py/pyexpat.so": ["libexpat.so.1"],
        "/pil/_imaging.so": ["libXau-154567c4.so.6.0.0"],
        "/pil/libXau-154567c4.so.6.0.0": [],
        "/pg/_psycopg.so": ["libpq-e9b5c9ac.so.5.18"],
        "/pg/libpq-e9b5c9ac.so.5.18": ["libgssapi_krb5-923083ce.so.2.2"],
        "/pg/libgssapi_krb5-923083ce.so.2.2": [],
    }
    binaries = [
        ("PySide6/Qt/lib/libQt6Gui.so.6", "/qt/libQt6Gui.so.6", "BINARY"),
        ("python3.11/lib-dynload/pyexpat.cpython-311-x86_64-linux-gnu.so", "/py/pyexpat.so",
         "EXTENSION"),
        ("PIL/_imaging.cpython-311-x86_64-linux-gnu.so", "/pil/_imaging.so", "EXTENSION"),
        ("pillow.libs/libXau-154567c4.so.6.0.0", "/pil/libXau-154567c4.so.6.0.0", "BINARY"),
        ("psycopg_binary/_psycopg.cpython-311-x86_64-linux-gnu.so", "/pg/_psycopg.so",
         "EXTENSION"),
        ("psycopg_binary.libs/libpq-e9b5c9ac.so.5.18", "/pg/libpq-e9b5c9ac.so.5.18", "BINARY"),
        ("psycopg_binary.libs/libgssapi_krb5-923083ce.so.2.2",
         "/pg/libgssapi_krb5-923083ce.so.2.2", "BINARY"),
    ] + [(Path(src).name, src, "BINARY") for src in links if src.startswith("/sys/")]
    kept = {dest for dest, _src, _kind in bd.prune_libraries(binaries, lambda src: links[src])}
    assert kept == {  # (what the host's libraries need stays: PyInstaller's lists are ldd's)
        "PySide6/Qt/lib/libQt6Gui.so.6", "libexpat.so.1", "libz.so.1",
        "python3.11/lib-dynload/pyexpat.cpython-311-x86_64-linux-gnu.so",
        "PIL/_imaging.cpython-311-x86_64-linux-gnu.so", "pillow.libs/libXau-154567c4.so.6.0.0",
        "psycopg_binary/_psycopg.cpython-311-x86_64-linux-gnu.so",
        "psycopg_binary.libs/libpq-e9b5c9ac.so.5.18",
        "psycopg_binary.libs/libgssapi_krb5-923083ce.so.2.2",
    }


@pytest.mark.parametrize(
    ("module", "kept"),
    [
        ("faker.providers.person.ar_SA", True),
        ("faker.providers.person.fr_FR", False),
        ("faker.providers.date_time", True),
        ("faker.providers.bank.en_GB", True),
        ("faker.providers.sbn.rules", True),
        ("faker.providers.job", True),
        ("faker.providers.sr_Latn_RS", False),
        ("phonenumbers.data.region_SA", True),
        ("phonenumbers.geodata.data0", False),
        ("phonenumbers.carrierdata", False),
        ("PySide6.QtQml", False),
        ("PySide6.QtPdfWidgets", True),
        ("ajfar_desk.ui.shell.app", True),
        ("psycopg", True),
        ("psycopg.pq", True),
        ("psycopg_binary", True),
        ("psycopg_binary._psycopg", True),
        ("sqlalchemy.dialects.postgresql.psycopg", True),
        ("psycopg_c", False),
        ("rapidfuzz.fuzz_cpp", True),
        ("rapidfuzz.fuzz_cpp_avx2", False),
        ("rapidfuzz.distance.metrics_cpp_avx2", False),
        ("PIL.ImageFont", True),
        ("PIL._imagingft", False),
    ],
)
def test_which_modules_stay(module, kept):
    assert bd.keep_module(module) is kept


def test_the_bundle_extra_carries_the_postgresql_driver():
    """``dev.py bundle`` installs the [bundle] extra: it must bring psycopg's binary build, and
    what the spec hides in for it must be kept."""
    import tomllib

    extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "optional-dependencies"]
    assert any("postgres" in req for req in extras["bundle"]), extras["bundle"]
    assert any(req.startswith("psycopg[binary]") for req in extras["postgres"])
    assert set(bd.POSTGRES_PACKAGES) == {"psycopg", "psycopg_binary"}
    assert all(bd.keep_module(m) for m in (*bd.POSTGRES_PACKAGES, *bd.POSTGRES_IMPORTS))


def test_the_program_works_without_what_the_bundle_cuts(tmp_path):
    """In a process where rapidfuzz's AVX2 builds and Pillow's text drawing cannot be imported
    (as in the bundle): names are still compared (rapidfuzz's baseline build) and a paper with
    a PNG image is still made (Pillow reads it; ReportLab draws it)."""
    import subprocess

    cut = [m for m in bd.EXCLUDED_MODULES if m.startswith(("rapidfuzz.", "PIL._imaging"))]
    assert {"rapidfuzz.fuzz_cpp_avx2", "PIL._imagingft"} <= set(cut)
    probe = (
        "import sys\n"
        "class Cut:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name in sys.argv[2:]: raise ImportError(name)\n"
        "sys.meta_path.insert(0, Cut())\n"
        "from rapidfuzz.distance import Indel\n"
        "from ajfar_desk.domain import text\n"
        "assert Indel.normalized_similarity.__module__ == 'rapidfuzz.distance.metrics_cpp', "
        "Indel.normalized_similarity.__module__\n"
        "assert Indel.normalized_similarity('محمد', 'محمود') > 0.7\n"
        "from PIL import Image, ImageFont\n"
        "from reportlab.pdfgen import canvas\n"
        "png = sys.argv[1] + '/logo.png'\n"
        "Image.new('RGB', (40, 20), (0, 90, 60)).save(png)\n"
        "c = canvas.Canvas(sys.argv[1] + '/paper.pdf')\n"
        "c.drawImage(png, 10, 10, 40, 20); c.save()\n"
        "assert 'PIL._imagingft' not in sys.modules\n"
        "print('ok')\n"
    )
    done = subprocess.run([sys.executable, "-c", probe, str(tmp_path), *cut], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120,
                          env={"PYTHONPATH": str(SRC), "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr[-2000:]
    assert (tmp_path / "paper.pdf").read_bytes()[:5] == b"%PDF-"


def test_babel_works_with_the_locales_kept(tmp_path, monkeypatch):
    """Babel reading only the CLDR files the bundle keeps: Arabic and English names, dates,
    numbers and plural forms; any other locale is unknown there."""
    import babel
    from babel import Locale, UnknownLocaleError, localedata
    from babel.dates import format_date

    source = Path(babel.__file__).parent / "locale-data"
    kept = tmp_path / "locale-data"
    kept.mkdir()
    for path in source.glob("*.dat"):
        if bd.keep_data(f"babel/locale-data/{path.name}"):
            shutil.copy(path, kept / path.name)
    assert len(list(kept.iterdir())) == len(bd.BABEL_LOCALES)
    monkeypatch.setattr(localedata, "_dirname", str(kept))
    monkeypatch.setattr(localedata, "_cache", {})
    localedata.locale_identifiers.cache_clear()
    try:
        import datetime as dt

        ar = Locale("ar", "SA")
        assert ar.plural_form(3) == "few" and ar.plural_form(11) == "many"
        assert ar.get_display_name("ar") == "العربية (المملكة العربية السعودية)"
        assert "ديسمبر" in format_date(dt.date(2026, 12, 7), format="long", locale="ar")
        assert format_date(dt.date(2026, 12, 7), format="long", locale="en") == "December 7, 2026"
        assert Locale("en").plural_form(1) == "one"
        with pytest.raises(UnknownLocaleError):
            Locale("fr")
    finally:
        localedata.locale_identifiers.cache_clear()


def test_licence_notices(tmp_path):
    names = ["PySide6_Essentials", "shiboken6", "python-bidi", "reportlab", "phonenumbers",
             "certifi", "fontpkg-amiri", "fontpkg-noto-sans-arabic"]
    written = notices.write_notices(tmp_path, [md.distribution(n) for n in names], ROOT)
    assert (tmp_path / "LICENSE").read_text().lstrip().startswith("Apache License")
    text = (tmp_path / "THIRD-PARTY.txt").read_text(encoding="utf-8")
    by_name = {n.name: n for n in written}
    for name in names:
        assert md.distribution(name).metadata["Name"] in text
    pyside = by_name[md.distribution("PySide6_Essentials").metadata["Name"]]
    assert "LGPL" in pyside.licence
    folder = tmp_path / f"{pyside.name}-{pyside.version}"
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in (folder / "LGPL-3.0.txt").read_text()
    assert "GNU GENERAL PUBLIC LICENSE" in (folder / "GPL-3.0.txt").read_text()
    bidi = by_name["python-bidi"]
    assert "COPYING.LESSER" in bidi.files  # its own LGPL text, as shipped
    for name, needle in [("reportlab", "ReportLab"), ("phonenumbers", "Apache"),
                         ("certifi", "Mozilla Public License"), ("fontpkg-amiri", "SIL")]:
        notice = by_name[md.distribution(name).metadata["Name"]]
        assert any(needle.encode() in data for data in notice.files.values()), name
    assert "Python" in by_name and b"PYTHON SOFTWARE FOUNDATION" in by_name["Python"].files[
        "LICENSE.txt"].upper()


def test_notices_follow_the_bundled_modules():
    dists = notices.bundled_distributions(
        ["bidi.algorithm", "reportlab.graphics.barcode.qr", "ajfar_desk.cli.main",
         "_rl_accel.abi3.so", "sqlcipher3/_sqlite3.cpython-311-x86_64-linux-gnu.so"]
    )
    names = {notices.canonical(d.metadata["Name"]) for d in dists}
    assert {"python-bidi", "reportlab", "rl-accel", "sqlcipher3"} <= names
    assert "ajfar-desk" not in names  # the program's own licence is LICENSE


def test_licence_of_reads_expression_field_or_classifiers():
    meta = md.distribution("certifi").metadata
    assert notices.licence_of(meta) in ("MPL-2.0", "Mozilla Public License 2.0 (MPL 2.0)")
    assert "LGPL" in notices.licence_of(md.distribution("shiboken6").metadata)


def test_faker_works_with_the_locales_kept(tmp_path):
    """The demo's Faker("ar_SA") from a copy of Faker holding only what the bundle keeps (in a
    process of its own: Faker lists its locales from its files when imported)."""
    import subprocess

    import faker

    source = Path(faker.__file__).parent

    def dropped(folder: str, names: list[str]) -> set[str]:
        rel = Path(folder).relative_to(source.parent).as_posix()
        return {n for n in names if n == "__pycache__" or not bd.keep_data(f"{rel}/{n}/x.py")}

    shutil.copytree(source, tmp_path / "faker", ignore=dropped)
    assert not (tmp_path / "faker/providers/person/fr_FR").exists()
    probe = (
        "import faker, sys; assert faker.__file__.startswith(sys.argv[1]), faker.__file__\n"
        "f = faker.Faker('ar_SA'); f.seed_instance(1)\n"
        "names = {f.last_name() for _ in range(60)}\n"
        "assert len(names) > 5 and all('\\u0600' <= n[0] <= '\\u06ff' for n in names), names\n"
        "print(len(names))"
    )
    done = subprocess.run([sys.executable, "-c", probe, str(tmp_path)], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120,
                          env={"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr[-2000:]


def test_libraries_only_dropped_plugins_needed_are_pruned():
    links = {
        "/qt/libqxcb.so": ["libxcb.so.1", "libQt6Gui.so.6"],
        "/sys/libxcb.so.1": ["libXau.so.6"],
        "/sys/libXau.so.6": [],
        "/sys/libgtk-3.so.0": ["libcairo.so.2"],  # needed by the GTK theme plugin, dropped
        "/sys/libcairo.so.2": [],
        "/sys/libcups.so.2": ["libgnutls.so.30"],  # the host's
        "/sys/libgnutls.so.30": [],
        "/qt/libcupsprintersupport.so": ["libcups.so.2"],
        "/py/_cffi_backend.so": ["libffi.so.8"],
        "/sys/libffi.so.8": [],
        "/py/libpython3.11.so.1.0": [],
        "/pil/_imaging.so": ["libjpeg-1a2b.so.62"],
        "/pil/libjpeg-1a2b.so.62": [],
        "/pil/libwebp-3c4d.so.7": [],  # only PIL._webp, left out, needed it
    }
    binaries = [
        ("PySide6/Qt/plugins/platforms/libqxcb.so", "/qt/libqxcb.so", "BINARY"),
        ("PySide6/Qt/plugins/printsupport/libcupsprintersupport.so",
         "/qt/libcupsprintersupport.so", "BINARY"),
        ("_cffi_backend.cpython-311-x86_64-linux-gnu.so", "/py/_cffi_backend.so", "EXTENSION"),
        ("libpython3.11.so.1.0", "/py/libpython3.11.so.1.0", "BINARY"),
        ("PIL/_imaging.cpython-311-x86_64-linux-gnu.so", "/pil/_imaging.so", "EXTENSION"),
        ("pillow.libs/libjpeg-1a2b.so.62", "/pil/libjpeg-1a2b.so.62", "BINARY"),
        ("pillow.libs/libwebp-3c4d.so.7", "/pil/libwebp-3c4d.so.7", "BINARY"),
    ] + [(Path(src).name, src, "BINARY") for src in links if src.startswith("/sys/")]
    kept = {dest for dest, _src, _kind in bd.prune_libraries(binaries, lambda src: links[src])}
    assert kept == {
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6/Qt/plugins/printsupport/libcupsprintersupport.so",
        "_cffi_backend.cpython-311-x86_64-linux-gnu.so", "libpython3.11.so.1.0",
        "libxcb.so.1", "libffi.so.8",  # (libXau is the host's, as the X11 libraries are)
        "PIL/_imaging.cpython-311-x86_64-linux-gnu.so", "pillow.libs/libjpeg-1a2b.so.62",
    }


def test_the_installers_recipes_name_what_the_bundle_makes():
    import configparser
    import subprocess

    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # keys are case-sensitive
    entry.read(ROOT / "packaging/linux/ajfar-desk.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Exec"] == bd.GUI_NAME and desktop["Icon"] == "ajfar-desk"
    assert desktop["Type"] == "Application" and desktop["Terminal"] == "false"
    assert desktop["Name[ar]"] and desktop["Comment[ar]"]
    for script in ("install.sh", "uninstall.sh"):
        path = ROOT / "packaging/linux" / script
        assert subprocess.run(["sh", "-n", str(path)], check=False).returncode == 0, script
        assert "AjfarDesk" not in path.read_text().replace("~/.local/share/AjfarDesk", "")
    iss = (ROOT / "packaging/windows/ajfar-desk.iss").read_text(encoding="utf-8")
    assert "PrivilegesRequired=lowest" in iss and "[UninstallDelete]" not in iss.replace(
        "No [UninstallDelete]", "")
    assert f"{{app}}\\{bd.GUI_NAME}.exe" in iss and "\\dist\\ajfar-desk" in iss
    assert "resources\\icons\\ajfar-desk.ico" in iss and "{#Root}\\LICENSE" in iss


def test_system_libraries_get_their_packages_copyright(tmp_path):
    notices.write_notices(tmp_path, [], ROOT)
    sources = ["/usr/lib/x86_64-linux-gnu/libX11.so.6", "/usr/lib/x86_64-linux-gnu/libxcb.so.1",
               "/venv/site-packages/PySide6/Qt/lib/libQt6Core.so.6"]
    asked = []

    def owners(paths):
        asked.extend(paths)
        return {"/usr/lib/x86_64-linux-gnu/libX11.so.6": "libx11-6",
                "/usr/lib/x86_64-linux-gnu/libxcb.so.1": "libxcb1"}

    found = notices.system_library_notices(tmp_path, sources, owners=owners)
    assert found == ["libx11-6", "libxcb1"] and all(p.startswith("/usr/lib/") for p in asked)
    text = (tmp_path / "THIRD-PARTY.txt").read_text(encoding="utf-8")
    assert "libx11-6: libX11.so.6" in text and "libxcb1: libxcb.so.1" in text
    for package in found:  # copied when this machine has the package's copyright file
        if Path(f"/usr/share/doc/{package}/copyright").is_file():
            assert (tmp_path / "system-libraries" / f"{package}.txt").is_file()


@pytest.mark.skipif(not shutil.which("dpkg"), reason="a Debian system")
def test_dpkg_names_the_package_of_a_system_library():
    import ctypes.util

    name = ctypes.util.find_library("z")
    path = next((p for p in (f"/usr/lib/x86_64-linux-gnu/{name}", f"/lib/x86_64-linux-gnu/{name}")
                 if name and Path(p).exists()), None)
    if path is None:
        pytest.skip("no zlib where Debian puts it")
    assert notices.dpkg_owners([path]) == {path: "zlib1g"}
