"""Move the flat ``services/`` and ``ui/`` modules, and their tests, into feature rooms (issue 14).

Run from the repository root, on a clean tree::

    python tools/rooms.py            # move with ``git mv``, rewrite every reference, sort imports
    python tools/rooms.py --check    # only say what would move, and what is not in the tables

The rooms have the same names on every floor: ``services/<room>/``, ``ui/<room>/`` and their
tests in ``tests/services/<room>/`` and ``tests/ui/<room>/`` (``tests/services/`` and not
``tests/<room>/``: the tests folder is on ``sys.path``, and a test package named ``requests`` or
``sync`` would hide the libraries of those names).  A module keeps its own name in its room
(``services/store.py`` becomes ``services/store/store.py``), so ``store.open(...)`` reads the same.

A module under ``services/`` or ``ui/`` that the tables below do not name, or a test file that
neither moves nor is listed as staying, is reported and NOTHING is moved: add it to a table
(modules written today by other engineers) and run again.  Refusing, not guessing: a room is a
decision a person takes once.

What is rewritten, in ``src``, ``tests``, ``benchmarks`` and ``tools`` (this file aside):
- every import statement, also inside functions and under ``TYPE_CHECKING``: ``from .x import``,
  ``from ..services import a, b`` (split per room), ``import ajfar_desk.services.x``, and the
  relative imports of every moved file (its depth changed);
- dotted names anywhere else in those files (``"ajfar_desk.ui.main_window"``, monkeypatch and
  ``mock.patch`` targets, ``importlib.import_module``, docstrings saying ``services.backup``);
- file paths (``src/ajfar_desk/services/sync.py``, ``tests/ui/test_sync_ui.py``) there and in
  README.md, pyproject.toml, dev.py, hatch_build.py, ``.ci/`` and the catalogs' ``#:`` lines;
- ``Path(__file__)...parents[n]`` / ``.parent`` chains in moved files (one level deeper).
Then ``ruff check --fix --select I`` sorts the import blocks it touched.

Idempotent: once the rooms exist and the flat modules are gone, a second run says so and does
nothing; a half-moved tree is refused.
"""

from __future__ import annotations

import argparse
import ast
import re
import shutil
import subprocess
import sys
from pathlib import Path

PACKAGE = Path("src/ajfar_desk")

# -- the tables ------------------------------------------------------------------------------

ROOMS = {  # room -> what it holds (the room packages' docstrings)
    "applicants": "Applicants: registering and keeping them, their views, search, drafts and edit conflicts.",
    "requests": "Support requests: drafts, the documents checklist, submission, steps, delivery, overdue.",
    "committee": "The social researcher's study and the research committee: meetings and decisions.",
    "papers": "Printed papers: issuing, numbering, sealing, verifying; receipts and other languages.",
    "feedback": "The beneficiary's voice: satisfaction surveys and complaints.",
    "reports": "The monthly report: its figures, the workbook and the dashboard.",
    "privacy": "Data protection: a person's export and anonymisation.",
    "transfer": "Import and export of applicants: spreadsheets read and written.",
    "sync": "Exchanges between the association's nodes: bundles, enrolment, merging, review.",
    "store": "The store: opening it, its context and change bus, backups, output files, health.",
    "demo": "Demonstration data.",
    "users": "User accounts, first set-up and the audit log with its signed anchors.",
    "enquiries": "Enquiries: every contact that is not yet a request, by any channel.",
    "guides": "The employee's tools: the association's library of documents and guides.",
    "shell": "The application around the pages: start, sign-in, main window, page registry, operations.",
    "common": "Widgets, formatting and dialogs every room's screens share.",
}

SERVICES = {
    "applicants": ["applicants", "applicant_input", "applicant_views", "views", "search", "drafts",
                   "edit_conflict"],
    "requests": ["requests", "casework", "delivery", "eligibility_check", "lookup",
                 "reference_counter", "journey", "appeals", "immediate", "declaration_check",
                 "checklist"],
    "committee": ["committee", "study"],
    "papers": ["documents", "committee_papers", "paper_language", "paper_seal", "receipt_terms",
               "receipts"],
    "feedback": ["complaints", "surveys"],
    "reports": ["report", "report_xlsx", "annual_report"],
    "privacy": ["privacy", "privacy_export"],
    "transfer": ["exporter", "importer", "import_rows", "table_reader", "tabular", "cell_safety"],
    "sync": ["sync", "sync_bundle", "sync_clock", "sync_enrol", "sync_keys", "sync_merge",
             "sync_node", "sync_resolve", "sync_review", "sync_schema"],
    "store": ["store", "context", "events", "backup", "daily_backup", "doctor", "output_files",
              "rows"],
    "demo": ["demo", "demo_data", "demo_feedback", "demo_plan", "demo_casework", "demo_enquiries",
             "demo_journeys"],
    "users": ["users", "setup", "audit", "audit_chain", "audit_anchor"],
    "enquiries": ["enquiries"],
    "guides": ["library"],
}

UI = {
    "shell": ["app", "main_window", "page_registry", "operations", "quick_start", "sign_in",
              "first_run", "join_panel", "passphrase_dialog", "language", "qt_events", "worker",
              "enter_keys", "shortcuts_sheet"],
    "common": ["widgets", "table_model", "form_dialog", "form_fields", "fmt", "dialogs", "files",
               "digit_input", "text_align", "screen"],
    "applicants": ["home", "applicant_form", "applicant_fields", "applicant_view",
                   "duplicate_dialog", "record_dialogs", "file_keys", "conflict_dialog"],
    "requests": ["request_form", "request_keys", "step_dialogs", "timeline_panel", "overdue_view",
                 "eligibility_panel", "declaration_banner"],
    "committee": ["committee_board", "decision_dialog", "meeting_dialog", "researcher_inbox",
                  "study_dialog"],
    "papers": ["papers_panel", "paper_dialogs", "paper_preview", "verify_dialog", "receipt_offer",
               "signature_pad"],
    "feedback": ["complaints_view", "complaint_detail", "complaint_dialogs", "survey_dialog"],
    "reports": ["dashboard", "charts", "annual_bar"],
    "sync": ["sync_view", "sync_dialogs", "enrol_dialog"],
    "users": ["users_view", "audit_view"],
    "enquiries": ["enquiries_view", "enquiry_dialogs"],
    "guides": ["guides", "library_panel"],
}

TESTS = {  # tests/<name>.py -> tests/services/<room>/
    "users": ["test_audit_anchor_sync", "test_audit_anchors", "test_audit_lanes",
              "test_audit_users", "test_audit_words", "test_sign_out"],
    "store": ["test_backup", "test_daily_backup", "test_encryption", "test_many_processes",
              "test_output_files", "test_rows", "test_unit_of_work"],
    "transfer": ["test_csv_input", "test_import"],
    "demo": ["test_demo", "test_demo_casework"],
    "requests": ["test_eligibility_submission", "test_submission_refusal", "test_program_paths",
                 "test_submit_step"],
    "applicants": ["test_id_types"],
    "enquiries": ["test_enquiries"],
    "guides": ["test_library"],
    "feedback": ["test_feedback"],
    "papers": ["test_paper_language"],
    "privacy": ["test_privacy"],
    "reports": ["test_report", "test_report_to_date", "test_report_xlsx", "test_annual_report"],
    "sync": ["test_sync", "test_sync_collisions", "test_sync_property", "test_sync_schema",
             "test_sync_identities"],
}
TESTS_STAY = [  # the other floors' tests and the whole journeys
    "test_cli", "test_cli_acting_user", "test_cli_admin", "test_cli_audit_anchor",
    "test_cli_committee_papers", "test_cli_outputs", "test_cli_paper_language", "test_cli_papers",
    "test_cli_receipt", "test_cli_report", "test_cli_sync", "test_cli_journey",
    "test_cli_journey_refusals", "test_dates", "test_desks", "test_cli_annual",
    "test_cli_applicants_add", "test_cli_enquiries", "test_cli_guides", "test_error_root",
    "test_migration_0011", "test_profile_policy",
    "test_digit_rule", "test_digits", "test_eligibility", "test_hlc", "test_i18n",
    "test_i18n_catalogs", "test_identity", "test_journey", "test_layers", "test_migration_0009",
    "test_migrations", "test_money", "test_phone", "test_plurals", "test_profiles",
    "test_schema_check", "test_search_index", "test_services", "test_text", "test_workflow",
]

UI_TESTS = {  # tests/ui/<name>.py -> tests/ui/<room>/
    "shell": ["test_first_run_desk", "test_first_run_full_name", "test_first_run_join",
              "test_passphrase_ui", "test_quick_start", "test_operations", "test_keyboard",
              "test_daily_backup_ui", "test_page_registry"],
    "common": ["test_table_formatting", "test_digit_inputs", "test_files_language",
               "test_save_paths"],
    "applicants": ["test_registration", "test_edit_conflict", "test_file_keys",
                   "test_drafts_language", "test_identity_types_ui"],
    "requests": ["test_requests", "test_request_keys", "test_eligibility_ui",
                 "test_overdue_loading", "test_program_paths_ui"],
    "committee": ["test_committee_ui", "test_researcher_ui"],
    "papers": ["test_papers_ui", "test_committee_papers_ui", "test_paper_language_ui",
               "test_receipt_ui", "test_verify_seal_ui", "test_signature_pad"],
    "feedback": ["test_feedback_ui"],
    "reports": ["test_dashboard_ui", "test_annual_ui"],
    "sync": ["test_sync_ui", "test_enrol_ui"],
    "users": ["test_admin_ui", "test_audit_anchor_ui", "test_audit_view_words"],
    "enquiries": ["test_enquiries_ui"],
    "guides": ["test_guides_ui"],
}
UI_TESTS_STAY = ["test_screen_fit", "test_desk_journey", "test_journey_ui", "test_journey_keys",
                 "test_keep_typed_work"]

# Files whose text mentions paths and module names (besides the Python files).
TEXT_FILES = ["README.md", "pyproject.toml", "dev.py", "hatch_build.py", ".ci/run",
              ".ci/postgres.sh"]
TEXT_GLOBS = ["resources/i18n/**/*.po", "resources/i18n/**/*.pot"]
PY_DIRS = ["src", "tests", "benchmarks", "tools"]
SELF = Path("tools/rooms.py")


# -- the plan ----------------------------------------------------------------------------------


class Refused(SystemExit):
    pass


def plan() -> tuple[dict[Path, Path], dict[str, str]]:
    """(old file -> new file, old dotted module -> new dotted module); tests' modules are named
    from the tests folder (``ui.test_x``), as pytest imports them."""
    files: dict[Path, Path] = {}
    modules: dict[str, str] = {}
    for floor, table in (("services", SERVICES), ("ui", UI)):
        for room, names in table.items():
            for name in names:
                files[PACKAGE / floor / f"{name}.py"] = PACKAGE / floor / room / f"{name}.py"
                modules[f"ajfar_desk.{floor}.{name}"] = f"ajfar_desk.{floor}.{room}.{name}"
    for room, names in TESTS.items():
        for name in names:
            files[Path("tests") / f"{name}.py"] = Path("tests/services") / room / f"{name}.py"
            modules[name] = f"services.{room}.{name}"
    for room, names in UI_TESTS.items():
        for name in names:
            files[Path("tests/ui") / f"{name}.py"] = Path("tests/ui") / room / f"{name}.py"
            modules[f"ui.{name}"] = f"ui.{room}.{name}"
    return files, modules


def unmapped() -> list[str]:
    """Modules and tests the tables do not place (the lead adds them before the move)."""
    found = []
    for floor, table in (("services", SERVICES), ("ui", UI)):
        known = {n for names in table.values() for n in names} | {"__init__"}
        for path in sorted((PACKAGE / floor).glob("*.py")):
            if path.stem not in known:
                found.append(f"{path}  (add it to {floor.upper()} in {SELF})")
    known = {n for names in TESTS.values() for n in names} | set(TESTS_STAY)
    for path in sorted(Path("tests").glob("test_*.py")):
        if path.stem not in known:
            found.append(f"{path}  (add it to TESTS or TESTS_STAY)")
    known = {n for names in UI_TESTS.values() for n in names} | set(UI_TESTS_STAY)
    for path in sorted(Path("tests/ui").glob("test_*.py")):
        if path.stem not in known:
            found.append(f"{path}  (add it to UI_TESTS or UI_TESTS_STAY)")
    return found


def check_tables() -> None:
    seen: dict[str, str] = {}
    for table in (SERVICES, UI, TESTS, UI_TESTS):
        for room, names in table.items():
            if room not in ROOMS:
                raise Refused(f"room {room!r} has no description in ROOMS")
            for name in names:
                key = f"{id(table)}:{name}"
                if key in seen:
                    raise Refused(f"{name} is in two rooms: {seen[key]} and {room}")
                seen[key] = room


# -- module names and import statements -----------------------------------------------------


def module_of(path: Path) -> tuple[str | None, str]:
    """(dotted module name, its package) of a Python file, as Python names it at run time."""
    parts = list(path.with_suffix("").parts)
    if parts[:2] == ["src", "ajfar_desk"]:
        parts = parts[1:]
    elif parts[0] == "tests":
        parts = parts[1:]
    else:  # benchmarks/, tools/: scripts, imported by their own folder's name only
        return None, ""
    is_package = parts[-1] == "__init__"
    if is_package:
        parts = parts[:-1]
    name = ".".join(parts)
    return name, name if is_package else ".".join(parts[:-1])


def absolute(package: str, level: int, module: str | None) -> str:
    base = package.split(".") if package else []
    if level > 1:
        base = base[: len(base) - (level - 1)]
    return ".".join(base + ([module] if module else []))


def relative(package: str, target: str) -> str | None:
    """``target`` as seen from ``package`` (``..common.widgets``), None when they share nothing."""
    p, t = package.split("."), target.split(".")
    k = 0
    while k < min(len(p), len(t)) and p[k] == t[k]:
        k += 1
    if k == 0:
        return None
    return "." * (len(p) - k + 1) + ".".join(t[k:])


class Rewriter:
    def __init__(self, files: dict[Path, Path], modules: dict[str, str], known: set[str]):
        self.files, self.modules, self.known = files, modules, known
        self.lost_comments: list[str] = []
        short = {}  # (floor, old name) -> room, for names written without ``ajfar_desk.``
        for floor, table in (("services", SERVICES), ("ui", UI)):
            for room, names in table.items():
                for name in names:
                    short[(floor, name)] = room
        self.short = short
        self.room_members = {
            (floor, room): set(names)
            for floor, table in (("services", SERVICES), ("ui", UI))
            for room, names in table.items()
        }

    def new_module(self, name: str) -> str:
        """A dotted name with its moved module (or a moved module's attribute) renamed."""
        parts = name.split(".")
        for cut in range(len(parts), 0, -1):
            head = ".".join(parts[:cut])
            if head in self.modules:
                return ".".join([self.modules[head], *parts[cut:]])
        return name

    # -- one import statement --

    def import_from(self, node: ast.ImportFrom, old_pkg: str, new_pkg: str, text: str) -> str:
        source = absolute(old_pkg, node.level, node.module) if node.level else (node.module or "")
        groups: dict[str, list[str]] = {}
        for alias in node.names:
            full = f"{source}.{alias.name}"
            spelled = alias.name + (f" as {alias.asname}" if alias.asname else "")
            if full in self.known:  # ``from pkg import module``
                parent = self.new_module(full).rpartition(".")[0]
            else:
                parent = self.new_module(source)
            groups.setdefault(parent, []).append(spelled)

        def spell(target: str) -> str:
            if node.level:
                rel = relative(new_pkg, target)
                if rel is not None:
                    return rel
            return target

        old_spelling = "." * node.level + (node.module or "")
        if len(groups) == 1:
            (target,) = groups
            new_spelling = spell(target)
            if new_spelling == old_spelling:
                return text
            return re.sub(r"^(\s*from\s+)[.\w]+(\s+import\b)",
                          lambda m: m[1] + new_spelling + m[2], text, count=1)
        indent = text[: len(text) - len(text.lstrip())]
        comments = re.findall(r"#[^\n]*", text)
        if len(comments) > 1:
            self.lost_comments.append(text.strip())
        lines = [f"{indent}from {spell(t)} import {', '.join(names)}" for t, names in groups.items()]
        if comments and comments[0].startswith("# noqa"):  # each line needs its own
            lines = [f"{line}  {comments[0]}" for line in lines]
        elif comments:
            lines[0] += "  " + comments[0]
        return "\n".join(lines) + ("\n" if text.endswith("\n") else "")

    def import_plain(self, node: ast.Import, text: str) -> str:
        for alias in node.names:
            new = self.new_module(alias.name)
            if new != alias.name:
                text = re.sub(rf"(?<![\w.]){re.escape(alias.name)}(?![\w])", new, text, count=1)
        return text

    # -- everything else in a file --

    def dotted(self, text: str) -> str:
        def repl(m: re.Match[str]) -> str:
            prefix, floor, name = m[1], m[2], m[3]
            room = self.short.get((floor, name))
            if room is None:
                return m[0]
            after = re.match(r"\.(\w+)", text[m.end():])
            if after and (floor, name) in self.room_members and after[1] in self.room_members[(floor, name)]:
                return m[0]  # already a room's module: ``services.store.backup``
            return f"{prefix}{floor}.{room}.{name}"

        return re.sub(r"(?<![\w.])((?:ajfar_desk\.)?)(services|ui)\.([a-z_][a-z0-9_]*)(?!\w)",
                      repl, text)

    def paths(self, text: str) -> str:
        def src(m: re.Match[str]) -> str:
            room = self.short.get((m[2], m[3]))
            return f"{m[1]}{m[2]}/{room}/{m[3]}.py" if room else m[0]

        text = re.sub(r"(?<![\w/])((?:src/)?(?:ajfar_desk/)?)(services|ui)/([a-z_][a-z0-9_]*)\.py\b",
                      src, text)

        def tests(m: re.Match[str]) -> str:
            old = Path(m[0])
            return self.files[old].as_posix() if old in self.files else m[0]

        return re.sub(r"(?<![\w/])tests/(?:ui/)?test_\w+\.py\b", tests, text)

    def code_in_text(self, text: str) -> str:
        """``from ajfar_desk.services import a, b`` written in a string (a child process's
        script): split per room on one line, ``; `` between the statements."""
        def repl(m: re.Match[str]) -> str:
            floor, names = m[1], [n.strip() for n in m[2].split(",")]
            rooms: dict[str, list[str]] = {}
            for spelled in names:
                room = self.short.get((floor, spelled.split(" as ")[0].strip()))
                if room is None:
                    return m[0]  # a room's name already, or not a module of the floor
                rooms.setdefault(room, []).append(spelled)
            return "; ".join(f"from ajfar_desk.{floor}.{room} import {', '.join(found)}"
                             for room, found in rooms.items())

        return re.sub(r"\bfrom ajfar_desk\.(services|ui) import "
                      r"(\w+(?: as \w+)?(?:, *\w+(?: as \w+)?)*)", repl, text)

    def text(self, text: str) -> str:
        return self.paths(self.code_in_text(self.dotted(text)))

    def python(self, path: Path, text: str) -> str:
        old_name, old_pkg = module_of(path)
        new_path = self.files.get(path, path)
        _new_name, new_pkg = module_of(new_path)
        tree = ast.parse(text)
        lines = text.splitlines(keepends=True)
        spans = []
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                spans.append((node.lineno - 1, node.end_lineno, node))
        spans.sort(key=lambda s: s[0])
        out, line = [], 0
        for start, end, node in spans:
            before, after = lines[start][: node.col_offset], lines[end - 1][node.end_col_offset:]
            if before.strip() or after.strip() and not after.strip().startswith("#"):
                raise Refused(f"{path}:{start + 1}: an import shares its line; split it by hand")
            out.append(self.text("".join(lines[line:start])))
            statement = "".join(lines[start:end])
            if isinstance(node, ast.ImportFrom):
                statement = self.import_from(node, old_pkg, new_pkg, statement)
            else:
                statement = self.import_plain(node, statement)
            out.append(statement)
            line = end
        out.append(self.text("".join(lines[line:])))
        result = "".join(out)
        if new_path != path:
            result = deeper(result, len(new_path.parts) - len(path.parts))
        return result


def deeper(text: str, levels: int) -> str:
    """``Path(__file__)`` climbing as many more folders as the file went down."""
    if levels <= 0:
        return text
    text = re.sub(r"(Path\(__file__\)(?:\.resolve\(\))?\.parents\[)(\d+)\]",
                  lambda m: f"{m[1]}{int(m[2]) + levels}]", text)
    return re.sub(r"(Path\(__file__\)(?:\.resolve\(\))?)((?:\.parent)+)(?!s)",
                  lambda m: m[1] + m[2] + ".parent" * levels, text)


# -- running it --------------------------------------------------------------------------------


def git(*args: str) -> str:
    return subprocess.run(["git", *args], check=True, capture_output=True, text=True).stdout


def state(files: dict[Path, Path]) -> str:
    old = sum(p.exists() for p in files)
    new = sum(p.exists() for p in files.values())
    if old == len(files) and new == 0:
        return "flat"
    if old == 0 and new == len(files):
        return "rooms"
    return "mixed"


def python_files() -> list[Path]:
    found = []
    for folder in PY_DIRS:
        found += [p for p in Path(folder).rglob("*.py") if "__pycache__" not in p.parts]
    return sorted(p for p in found if p != SELF)


def text_files() -> list[Path]:
    found = [Path(p) for p in TEXT_FILES if Path(p).is_file()]
    for pattern in TEXT_GLOBS:
        found += sorted(Path().glob(pattern))
    return found


def ruff() -> list[str] | None:
    for candidate in (Path(".venv/bin/ruff"), Path(sys.executable).with_name("ruff")):
        if candidate.is_file():
            return [str(candidate)]
    found = shutil.which("ruff")
    return [found] if found else None


def init_text(room: str, tests: bool) -> str:
    what = ROOMS[room]
    return f'"""{f"Tests of {room}. " if tests else ""}{what}"""\n'


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="say what would move; change nothing")
    args = parser.parse_args(argv)
    if not (Path("pyproject.toml").is_file() and PACKAGE.is_dir()):
        raise Refused("run from the repository root (where pyproject.toml is)")
    check_tables()
    files, modules = plan()
    now = state(files)
    if now == "rooms":
        print("The rooms are in place already: nothing to do.")
        return 0
    missing = unmapped()
    if missing:
        print("Not in the tables of tools/rooms.py (place each in a room, then run again):")
        print("\n".join(f"  {m}" for m in missing))
        return 2
    if now == "mixed":
        gone = [str(p) for p, q in files.items() if not p.exists() and not q.exists()]
        moved = [str(p) for p, q in files.items() if not p.exists() and q.exists()]
        if gone:
            raise Refused("In the tables but not in the tree (remove them from the tables): "
                          + ", ".join(gone))
        raise Refused("Half moved (these are in their rooms already): " + ", ".join(moved[:10]))
    if args.check:
        for old, new in files.items():
            print(f"{old} -> {new}")
        print(f"{len(files)} files would move.")
        return 0
    if git("status", "--porcelain").strip():
        raise Refused("The working tree has changes: commit or stash them first.")

    known = {module_of(p)[0] for p in python_files()} - {None}
    rewriter = Rewriter(files, modules, known)  # type: ignore[arg-type]
    new_texts: dict[Path, str] = {}
    for path in python_files():
        text = path.read_text(encoding="utf-8")
        new = rewriter.python(path, text)
        if new != text or path in files:
            new_texts[files.get(path, path)] = new
    others: dict[Path, str] = {}
    for path in text_files():
        text = path.read_text(encoding="utf-8")
        new = rewriter.text(text)
        if new != text:
            others[path] = new

    # Two steps, so ``services/store.py`` can become ``services/store/store.py``.
    parking = Path(".rooms-move")
    for old in files:
        (parking / old).parent.mkdir(parents=True, exist_ok=True)
        git("mv", str(old), str(parking / old))
    packages: set[tuple[Path, str, bool]] = set()
    for old, new in files.items():
        new.parent.mkdir(parents=True, exist_ok=True)
        git("mv", str(parking / old), str(new))
        tests = new.parts[0] == "tests"
        packages.add((new.parent, new.parent.name, tests))
        if tests and new.parts[1] == "services":
            packages.add((new.parent.parent, "", True))
    shutil.rmtree(parking, ignore_errors=True)
    for folder, room, tests in sorted(packages):
        init = folder / "__init__.py"
        if not init.exists():
            init.write_text(init_text(room, tests) if room else
                            '"""Tests of the services, room by room."""\n', encoding="utf-8")
            git("add", str(init))
    for path, text in {**new_texts, **others}.items():
        path.write_text(text, encoding="utf-8")
    touched = sorted(str(p) for p in new_texts)
    tool = ruff()
    if tool:
        subprocess.run([*tool, "check", "--fix", "--quiet", "--select", "I", *touched], check=False)
    else:
        print("ruff not found: run `ruff check --fix --select I src tests benchmarks tools`")
    git("add", "-A", "src", "tests", "benchmarks", "tools", *[str(p) for p in others])
    print(f"Moved {len(files)} files into {len(packages)} room packages; rewrote "
          f"{len(new_texts)} Python files and {len(others)} other files.")
    for text in rewriter.lost_comments:
        print(f"check the comments of this import, split per room:\n  {text}")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Refused as refusal:
        print(f"rooms.py: {refusal.code}", file=sys.stderr)
        sys.exit(2)
