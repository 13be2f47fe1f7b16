"""Everything argparse prints is in the user's language (trial 9: «usage:», «positional
arguments», «options», «show this help message and exit», TEXT, «error: argument …» were English
in the Arabic help).  In Arabic, the help of the program and of its commands, and argparse's
errors, hold no English word but the names that are typed as they are: commands, options, the
values an option chooses from, environment variables and the names of formats (JSON, PDF, …)."""

from __future__ import annotations

import argparse
import ast
import inspect
import re

import pytest

from ajfar_desk.cli import argparse_words
from ajfar_desk.cli.main import build_parser
from ajfar_desk.domain.workflow_steps import steps
from ajfar_desk.i18n import gettext, set_language
from clirun import run_cli

WORD = re.compile(r"[A-Za-z]+")
# The names of formats and products, written in Latin letters in Arabic text as well.
NAMES = {"SQLite", "JSON", "PDF", "CSV", "XLSX", "pdf", "xlsx", "json", "zip", "csv", "ajfar", "desk"}


def _typed_words() -> set[str]:
    """The Latin words a user types as they are: every command's and option's name, every
    choice, the environment variables the help names."""
    set_language("ar")
    words = set(NAMES)
    for spec in steps():  # a request's steps, typed as ACTION («requests step REF approve»)
        words.update(WORD.findall(spec.name))
    parsers = [build_parser()]
    while parsers:
        parser = parsers.pop()
        for action in parser._actions:
            for text in action.option_strings:
                words.update(WORD.findall(text))
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    words.update(WORD.findall(name))
                    parsers.append(sub)
            elif action.choices:
                for choice in action.choices:
                    words.update(WORD.findall(str(choice)))
            if isinstance(action.metavar, str) and "|" in action.metavar:  # "yes|no": choices
                words.update(WORD.findall(action.metavar))
    return words


@pytest.fixture(scope="module")
def typed() -> set[str]:
    return _typed_words()


def _english(text: str, typed: set[str]) -> list[str]:
    text = re.sub(r"\$[A-Z_]+", "", text)  # $AJFAR_USER: an environment variable's name
    return sorted({w for w in WORD.findall(text) if w not in typed})


@pytest.mark.parametrize("command", [(), ("applicants", "search"), ("report", "monthly")])
def test_the_arabic_help_has_no_english_word_but_names(command, typed):
    out = run_cli(["--lang", "ar", *command, "--help"])
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("الاستخدام: ajfar-desk")
    assert _english(out.stdout, typed) == [], out.stdout
    for heading in ("الخيارات:", "عرض هذه المساعدة ثم الخروج"):
        assert heading in out.stdout


def test_the_steps_name_who_may_take_them_in_arabic():
    out = run_cli(["--lang", "ar", "requests", "step", "--help"]).stdout
    assert "approve [--amount --service]: موافقة (عضو لجنة البحث)" in out
    assert "reopen [--reason]: إعادة فتح الطلب (المدير)" in out
    assert "front_desk" not in out and "committee)" not in out


def test_the_help_is_arabic_by_default():
    """No --lang: the program's language, Arabic, whatever the machine's locale."""
    out = run_cli(["applicants", "search", "--help"], env={"LANG": "C.UTF-8"})
    assert "الوسائط الموضعية:" in out.stdout and "النص" in out.stdout
    assert "usage" not in out.stdout and "TEXT" not in out.stdout


@pytest.mark.parametrize(("argv", "said"), [
    (["applicants", "search"], "هذه الوسائط مطلوبة: النص"),
    (["--lang", "ar", "requests", "list", "--limit", "كثير"], "الوسيط --limit: قيمة غير صالحة: 'كثير'"),
    (["--lang", "ar", "report", "monthly", "--branch"], "الوسيط --branch: يلزمه وسيط واحد"),
    (["--lang", "ar", "reportz"], "اختيار غير صالح: 'reportz'"),
    (["--lang", "ar", "doctor", "--bogus"], "وسائط غير معروفة: --bogus"),
])
def test_argparse_errors_are_arabic(argv, said, typed):
    out = run_cli(argv)
    assert out.returncode == 2
    lines = out.stderr.strip().splitlines()
    assert lines[0].startswith("الاستخدام: ajfar-desk")
    assert lines[-1].startswith("ajfar-desk") and ": خطأ: " in lines[-1], out.stderr
    assert said in lines[-1], out.stderr
    typed_here = {w for a in argv for w in WORD.findall(a)}  # what the user typed, wrong or not
    assert _english(out.stderr, typed | typed_here) == [], out.stderr


def test_english_stays_english():
    out = run_cli(["--lang", "en", "applicants", "search", "--help"])
    assert out.stdout.startswith("usage: ajfar-desk") and "TEXT" in out.stdout
    assert "options:" in out.stdout and "show this help message and exit" in out.stdout


def _argparse_messages() -> set[str]:
    """Every message argparse (this Python's) passes through ``_`` or ``ngettext``."""
    found = set()
    for node in ast.walk(ast.parse(inspect.getsource(argparse))):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                and node.func.id in ("_", "ngettext") and node.args
                and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
            found.add(node.args[0].value)
    return found


def test_every_message_argparse_can_print_is_in_the_catalog():
    messages = _argparse_messages()
    shown = messages - argparse_words.PROGRAMMER_MESSAGES
    assert shown, "argparse no longer translates through _ (see argparse_words.install)"
    listed = set(argparse_words.MESSAGES) | {"expected %s argument"}
    assert shown <= listed, sorted(shown - listed)
    for msgid in shown - {"expected %s argument"}:
        assert gettext(msgid, "ar") != msgid, msgid


@pytest.mark.parametrize(("n", "form"), [
    (0, "يلزمه 0 من الوسائط"), (1, "يلزمه وسيط واحد (1)"), (2, "يلزمه وسيطان (2)"),
    (3, "يلزمه 3 وسائط"), (11, "يلزمه 11 وسيطًا"), (100, "يلزمه 100 وسيط"),
])
def test_argparse_counted_message_in_each_arabic_form(n, form):
    set_language("ar")
    try:
        assert argparse_words.counted("expected %s argument", "expected %s arguments", n) % n == form
    finally:
        set_language("en")
