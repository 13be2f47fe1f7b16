"""Who the command line acts as (``--user`` or ``AJFAR_USER``, signed in with the password in
``AJFAR_PASSWORD`` or ``--password-file``; else the first administrator), and the employee's full
name on papers and in the audit log; ``init`` asks for the full name."""

from __future__ import annotations

import json
import sqlite3
import sys

import pytest
from pypdf import PdfReader

from ajfar_desk.cli import main as cli
from ajfar_desk.i18n import set_language
from ajfar_desk.services.store import daily_backup
from ajfar_desk.services.store.store import Store
from ajfar_desk.services.users import setup
from clirun import backup_now
from printing.scenario import submitted_request

STORE_FILE = "ajfar-desk.sqlite"


@pytest.fixture
def store_dir(tmp_path, monkeypatch):
    """A store whose administrator has no full name, one submitted request, and a clerk."""
    monkeypatch.delenv("AJFAR_USER", raising=False)
    monkeypatch.delenv("AJFAR_PASSWORD", raising=False)
    data = tmp_path / "data"
    store = Store.open(data)
    ctx = setup.init_store(store, "ajfar", None, "admin", "password123")
    _a, submitted = submitted_request(ctx)
    store.close()
    monkeypatch.setenv("AJFAR_NEW_USER_PASSWORD", "clerk-password")
    code, _out, err = run(data, "users", "add", "clerk", "--role", "front_desk",
                          "--full-name", "Noura Al-Qahtani")
    assert code == 0, err
    yield data, submitted.reference
    set_language("ar")  # the CLI switched the process's language


def run(data, *args: str, lang: str = "en") -> tuple[int, str, str]:
    import contextlib
    import io

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), \
            pytest.MonkeyPatch.context() as mp:
        mp.setattr(daily_backup, "start_child", backup_now)  # the child's work, done here
        code = cli.main(["--data-dir", str(data), "--lang", lang, *args])
    return code, out.getvalue(), err.getvalue()


def _employee(data, number: str) -> dict:
    with sqlite3.connect(data / STORE_FILE) as db:
        (content,) = db.execute(
            "SELECT content FROM issued_document WHERE number = ?", (number,)
        ).fetchone()
    db.close()
    return json.loads(content)["employee"]


def test_a_paper_printed_as_a_named_user_carries_their_full_name(store_dir, tmp_path, monkeypatch):
    data, reference = store_dir
    monkeypatch.setenv("AJFAR_PASSWORD", "clerk-password")
    out_pdf = tmp_path / "d.pdf"
    code, out, err = run(data, "--user", "clerk", "print", "declaration", reference,
                         "--paper-lang", "en", "--out", str(out_pdf))
    assert code == 0, err
    # D1 is the Arabic declaration of the scenario; English is a new revision, issued by the clerk
    assert _employee(data, f"{reference}-D2") == {"name": "Noura Al-Qahtani", "username": "clerk",
                                                    "gender": "male", "role": "front_desk"}
    text = "".join(page.extract_text() for page in PdfReader(out_pdf).pages)
    assert "Noura Al-Qahtani" in text and "clerk" not in text

    # the option also after the command, and from the environment
    code, _out, err = run(data, "print", "referral", reference, "--user", "CLERK",
                          "--out", str(tmp_path / "r.pdf"))
    assert code == 0, err
    assert _employee(data, f"{reference}-R1")["username"] == "clerk"
    code, out, err = run(data, "audit", "list", "--limit", "3")
    assert code == 0, err
    assert "Noura Al-Qahtani" in out.splitlines()[0]


def test_the_environment_names_the_user(store_dir, tmp_path, monkeypatch):
    data, reference = store_dir
    monkeypatch.setenv("AJFAR_USER", "clerk")
    code, _out, err = run(data, "print", "declaration", reference, "--new",
                          "--out", str(tmp_path / "d.pdf"))
    assert code == 2 and "No password for clerk" in err  # naming a user is signing in
    monkeypatch.setenv("AJFAR_PASSWORD", "clerk-password")
    code, _out, err = run(data, "print", "declaration", reference, "--new",
                          "--out", str(tmp_path / "d.pdf"))
    assert code == 0, err
    assert _employee(data, f"{reference}-D2")["username"] == "clerk"
    # a front-desk employee manages no accounts
    code, _out, err = run(data, "users", "list")
    assert code == 2 and "Front-desk employee" in err


def test_nothing_given_acts_as_the_first_administrator(store_dir, tmp_path):
    data, reference = store_dir
    code, _out, err = run(data, "print", "declaration", reference, "--new",
                          "--out", str(tmp_path / "d.pdf"))
    assert code == 0, err
    assert _employee(data, f"{reference}-D2") == {"name": "admin", "username": "admin", "gender": "male",
                                                  "role": "admin"}


def test_unknown_and_disabled_users_and_wrong_passwords_are_refused(store_dir, tmp_path, monkeypatch):
    data, reference = store_dir
    monkeypatch.setenv("AJFAR_PASSWORD", "clerk-password")
    code, _out, err = run(data, "--user", "nobody", "print", "declaration", reference,
                          "--out", str(tmp_path / "d.pdf"))
    # as at the window: the refusal never says which of the two was wrong
    assert code == 2 and "Unknown user name or wrong password" in err
    assert len(err.strip().splitlines()) == 1
    monkeypatch.setenv("AJFAR_PASSWORD", "not-the-password")
    code, _out, err = run(data, "--user", "clerk", "print", "declaration", reference,
                          "--out", str(tmp_path / "d.pdf"))
    assert code == 2 and "Unknown user name or wrong password" in err
    monkeypatch.delenv("AJFAR_PASSWORD")
    assert run(data, "users", "set", "clerk", "--disable")[0] == 0
    secret = tmp_path / "clerk.txt"
    secret.write_text("clerk-password\n", encoding="utf-8")
    code, _out, err = run(data, "--user", "clerk", "--password-file", str(secret), "print",
                          "declaration", reference, "--out", str(tmp_path / "d.pdf"))
    assert code == 2 and "Unknown user name or wrong password" in err
    assert not (tmp_path / "d.pdf").exists()
    code, _out, err = run(data, "--user", "clerk", "--password-file", str(secret), "print",
                          "declaration", reference, "--out", str(tmp_path / "d.pdf"), lang="ar")
    assert code == 2 and "اسم المستخدم" in err
    # every attempt is in the audit log, as at the window
    code, out, _err = run(data, "audit", "list", "--json")
    failed = [e for e in json.loads(out) if e["action"] == "sign_in_failed"]
    assert len(failed) == 4


def test_users_list_says_which_accounts_have_no_full_name_and_set_gives_one(store_dir):
    data, _reference = store_dir
    code, out, _err = run(data, "users", "list")
    lines = {line.split()[0]: line for line in out.splitlines()}
    assert "no full name" in lines["admin"] and "no full name" not in lines["clerk"]
    listed = {u["username"]: u for u in json.loads(run(data, "users", "list", "--json")[1])}
    assert listed["admin"]["has_full_name"] is False and listed["clerk"]["has_full_name"] is True
    code, out, err = run(data, "users", "set", "admin", "--full-name", "سعاد الحربي")
    assert code == 0, err
    listed = {u["username"]: u for u in json.loads(run(data, "users", "list", "--json")[1])}
    assert listed["admin"]["full_name"] == "سعاد الحربي" and listed["admin"]["has_full_name"]
    code, out, _err = run(data, "audit", "list", "--limit", "1")
    _at, _entry, who = out.splitlines()[0].split("  ")[:3]  # the day in both calendars, a time
    assert who == "سعاد الحربي"  # the audit log names the one who acted by their name


def test_init_takes_the_full_name_and_asks_for_it_on_a_terminal(tmp_path, monkeypatch):
    monkeypatch.setenv("AJFAR_ADMIN_PASSWORD", "s3cret-pass")
    code, out, err = run(tmp_path / "a", "init", "--association", "ajfar",
                         "--full-name", "Huda Al-Otaibi")
    assert code == 0, err
    assert "Huda Al-Otaibi" in out
    listed = json.loads(run(tmp_path / "a", "users", "list", "--json")[1])
    assert listed[0]["full_name"] == "Huda Al-Otaibi"

    # no name and no terminal (a script): set up as before, with a warning that says how to fix it
    code, out, err = run(tmp_path / "b", "init", "--association", "ajfar")
    assert code == 0, err
    assert "--full-name" in err and "users set admin" in err

    # a terminal: the full name is asked for
    asked = []
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    answers = iter(["  Huda  ", "f"])
    monkeypatch.setattr("builtins.input", lambda prompt: asked.append(prompt) or next(answers))
    code, out, err = run(tmp_path / "c", "init", "--association", "ajfar")
    assert code == 0, err
    assert asked and "full name" in asked[0]
    listed = json.loads(run(tmp_path / "c", "users", "list", "--json")[1])
    assert listed[0]["full_name"] == "Huda"


def test_init_says_aloud_what_it_assumed_of_the_administrators_gender(tmp_path, monkeypatch):
    """A script that gives no gender still sets the store up (an interface is a promise), but
    the help and the output say the administrator was taken for a man, and how to change it;
    on a terminal the question is asked, in either language's words."""
    monkeypatch.setenv("AJFAR_ADMIN_PASSWORD", "s3cret-pass")
    helped = run(tmp_path / "h", "init", "--help")[1]
    assert "--admin-gender" in helped and "else male" in " ".join(helped.split())
    code, out, err = run(tmp_path / "a", "init", "--association", "ajfar", "--full-name", "Huda")
    assert code == 0, err
    assert "taken for a man" in err and "users set admin --gender female" in err
    listed = json.loads(run(tmp_path / "a", "users", "list", "--json")[1])
    assert listed[0]["gender"] == "male"
    code, out, err = run(tmp_path / "b", "init", "--association", "ajfar", "--full-name", "Huda",
                         "--admin-gender", "male")
    assert code == 0 and "taken for a man" not in err  # said, so nothing assumed

    asked = []
    answers = iter(["maybe", "م"])  # an answer not understood is asked again; «م»: امرأة
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt: asked.append(prompt) or next(answers))
    code, out, err = run(tmp_path / "c", "init", "--association", "ajfar", "--full-name", "Huda")
    assert code == 0, err
    assert len(asked) == 2 and "a man or a woman" in asked[0] and "taken for a man" not in err
    listed = json.loads(run(tmp_path / "c", "users", "list", "--json")[1])
    assert listed[0]["gender"] == "female"


def test_users_add_says_aloud_what_it_assumed_of_the_gender(tmp_path, monkeypatch):
    """As ``init``: a script that gives no --gender still adds the account, the output says it
    was taken for a man and how to change it; on a terminal the question is asked (the name
    in it), and a woman's account is one, «المديرة» and not «المدير»."""
    monkeypatch.setenv("AJFAR_ADMIN_PASSWORD", "s3cret-pass")
    monkeypatch.setenv("AJFAR_NEW_USER_PASSWORD", "clerk-password")
    data = tmp_path / "d"
    assert run(data, "init", "--association", "ajfar", "--full-name", "Huda", "--admin-gender", "female")[0] == 0
    helped = " ".join(run(data, "users", "add", "--help")[1].split())
    assert "asked for on a terminal" in helped and "(default: male)" not in helped
    code, _out, err = run(data, "users", "add", "sara", "--role", "manager", "--name", "Sara")
    assert code == 0, err
    assert "sara was taken for a man" in err and "users set sara --gender female" in err
    code, _out, err = run(data, "users", "add", "omar", "--role", "manager", "--name", "Omar",
                          "--gender", "male")
    assert code == 0 and "taken for a man" not in err  # said, so nothing assumed

    asked = []
    answers = iter(["?", "امرأة"])
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt: asked.append(prompt) or next(answers))
    code, out, err = run(data, "users", "add", "mona", "--role", "manager", "--name", "Mona", lang="ar")
    assert code == 0, err
    assert len(asked) == 2 and "Mona" in asked[0] and "taken for a man" not in err
    genders = {u["username"]: u["gender"] for u in json.loads(run(data, "users", "list", "--json")[1])}
    assert genders == {"admin": "female", "sara": "male", "omar": "male", "mona": "female"}
    assert "المديرة" in out
