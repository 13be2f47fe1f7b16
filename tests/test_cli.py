"""The command line, end to end, as a user would run it: in this process through
``cli.main(argv)`` (``run``), and in a real ``python -m ajfar_desk`` for the few tests marked
``subprocess`` (``run_process``): the console script, the encoding of a pipe, the exit status."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import tomllib
import types
from pathlib import Path

import pytest

from clirun import run_cli

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
STORE_FILE = "ajfar-desk.sqlite"


def run(
    data_dir: Path, *args: str, env: dict | None = None, lang: str = "en", timeout: float = 120
):
    """``ajfar-desk --data-dir DATA --lang LANG *args`` in this process (``timeout``: unused,
    kept so either runner takes the same arguments)."""
    return run_cli(["--data-dir", str(data_dir), "--lang", lang, *args], env=env,
                   unset=["AJFAR_ADMIN_PASSWORD"])


def run_process(
    data_dir: Path, *args: str, env: dict | None = None, lang: str = "en", timeout: float = 120
):
    environ = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")]),
    }
    environ.pop("AJFAR_ADMIN_PASSWORD", None)
    environ.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "ajfar_desk", "--data-dir", str(data_dir), "--lang", lang, *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=environ,
        stdin=subprocess.DEVNULL,
        timeout=timeout,
    )


def one_line_error(result) -> str:
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def init(data_dir: Path, *extra: str):
    result = run(
        data_dir,
        "init",
        "--association",
        "ajfar",
        *extra,
        env={"AJFAR_ADMIN_PASSWORD": "s3cret-pass"},
    )
    assert result.returncode == 0, result.stderr
    return result


@pytest.mark.subprocess
def test_init_with_password_file(tmp_path):
    pw = tmp_path / "pw.txt"
    pw.write_text("correct horse battery\n", encoding="utf-8")
    data = tmp_path / "store"
    result = run_process(
        data,
        "init",
        "--association",
        "najran",
        "--admin",
        "boss",
        "--admin-name",
        "مدير النظام",
        "--password-file",
        str(pw),
    )
    assert result.returncode == 0, result.stderr
    assert "najran" in result.stdout and "boss" in result.stdout and str(data) in result.stdout
    assert (data / STORE_FILE).is_file()
    doctor = run_process(data, "doctor", "--json")
    report = json.loads(doctor.stdout)
    assert doctor.returncode == 0 and report["ok"], doctor.stdout
    assert report["association"] == "najran"


def test_init_with_env_password_and_twice(tmp_path):
    result = init(tmp_path)
    assert "ajfar" in result.stdout and "HQ" in result.stdout
    again = run(
        tmp_path, "init", "--association", "ajfar", env={"AJFAR_ADMIN_PASSWORD": "s3cret-pass"}
    )
    assert again.returncode == 2
    assert "already set up" in one_line_error(again)


@pytest.mark.subprocess
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_init_without_password_and_no_tty_fails_fast(tmp_path, lang):
    result = run_process(tmp_path, "init", "--association", "ajfar", lang=lang, timeout=30)
    assert result.returncode == 2
    line = one_line_error(result)
    assert "AJFAR_ADMIN_PASSWORD" in line
    assert ("كلمة مرور" in line) == (lang == "ar")
    assert not (tmp_path / STORE_FILE).exists()


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["init", "--association", "nosuch"], "nosuch"),
        (["init", "--association", "ajfar", "--branch", "XX"], "XX"),
    ],
)
def test_init_bad_input_is_one_line(tmp_path, args, needle):
    result = run(tmp_path, *args, env={"AJFAR_ADMIN_PASSWORD": "s3cret-pass"})
    assert result.returncode == 2
    assert needle in one_line_error(result)
    assert not (tmp_path / STORE_FILE).exists()


def test_short_password_refused(tmp_path):
    result = run(tmp_path, "init", "--association", "ajfar", env={"AJFAR_ADMIN_PASSWORD": "short"})
    assert result.returncode == 2
    assert "8" in one_line_error(result)


@pytest.mark.subprocess
def test_commands_on_a_missing_store(tmp_path):
    for args in (["applicants", "search", "x"], ["requests", "list"]):
        result = run_process(tmp_path / "none", *args)
        assert result.returncode == 2
        assert "init" in one_line_error(result)
    assert not (tmp_path / "none").exists()
    assert run_process(tmp_path, "no-such-command").returncode == 2



@pytest.mark.subprocess
def test_the_console_script_answers_in_utf8_through_a_pipe_with_its_exit_status(tmp_path):
    """``ajfar-desk`` as pip installs it (pyproject's entry point, called as its wrapper calls it)
    in a process whose streams are not UTF-8: the Arabic error line arrives whole, in UTF-8,
    with exit status 2."""
    target = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["scripts"]
    module, function = target["ajfar-desk"].split(":")
    wrapper = f"import sys; from {module} import {function}; sys.exit({function}())"
    env = {**os.environ, "PYTHONIOENCODING": "latin-1",
           "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run(
        [sys.executable, "-c", wrapper, "--data-dir", str(tmp_path / "none"), "--lang", "ar",
         "requests", "list"],
        capture_output=True, env=env, stdin=subprocess.DEVNULL, timeout=120)
    assert done.returncode == 2 and done.stdout == b""
    line = done.stderr.decode("utf-8")  # (latin-1 could not have carried the Arabic)
    assert line.count("\n") == 1 and line.startswith("ajfar-desk: ")
    assert "قاعدة بيانات" in line and "ajfar-desk init" in line
    assert not (tmp_path / "none").exists()

def test_demo_then_search_and_requests(tmp_path):
    demo = run(tmp_path, "demo", "--applicants", "30", "--seed", "4")
    assert demo.returncode == 0, demo.stderr
    counts = dict(line.split(": ", 1) for line in demo.stdout.splitlines() if ": " in line)
    assert counts["Applicants"] == "30"
    assert int(counts["of them expired"]) > 0
    assert int(counts["Enquiries"]) > 0
    # every figure named in words, none by its key ("enquiries: 12" in the Arabic summary)
    assert all(not label.isidentifier() or label[0].isupper() for label in counts)

    listed = run(tmp_path, "requests", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    requests = json.loads(listed.stdout)
    # the demo walks part of the submitted requests on to the committee and beyond
    assert {"draft", "submitted", "approved", "rejected", "closed"} <= {r["status"] for r in requests}
    assert int(counts["Committee decisions"]) > 0 and int(counts["Services delivered"]) > 0
    assert len({r["reference"] for r in requests}) == len(requests)
    today = dt.date.today()
    for r in requests:
        assert {
            "reference",
            "status",
            "national_id",
            "program",
            "channel",
            "answer_due",
        } <= r.keys()
        assert r["reference"].startswith("AJF-")
        if r["status"] == "draft" or (r["status"] == "cancelled" and not r["answer_due"]):
            assert r["answer_due"] is None
        else:
            # the demo's requests were made over the last weeks: due two weeks after submission
            submitted_on = dt.datetime.fromisoformat(r["submitted_at"]).astimezone().date()
            assert submitted_on <= today
            assert dt.date.fromisoformat(r["answer_due"]) >= submitted_on + dt.timedelta(days=14)
    submitted = json.loads(
        run(tmp_path, "requests", "list", "--status", "submitted", "--json").stdout
    )
    assert submitted and all(r["status"] == "submitted" for r in submitted)

    target = requests[0]
    found = json.loads(
        run(tmp_path, "applicants", "search", target["national_id"], "--json").stdout
    )
    assert [h["national_id"] for h in found] == [target["national_id"]]
    hit = found[0]
    assert {"id", "national_id", "full_name", "phone", "birth_date"} <= hit.keys()
    dt.date.fromisoformat(hit["birth_date"])
    assert hit["phone"].startswith("+9665")
    by_name = json.loads(
        run(tmp_path, "applicants", "search", hit["full_name"], "--json", "--limit", "5").stdout
    )
    assert hit["id"] in [h["id"] for h in by_name]
    by_reference = json.loads(
        run(tmp_path, "applicants", "search", target["reference"], "--json").stdout
    )
    assert by_reference[0]["matched_reference"] == target["reference"]

    human = run(tmp_path, "applicants", "search", target["national_id"])
    assert human.returncode == 0 and target["national_id"] in human.stdout

    doctor = run(tmp_path, "doctor")
    assert doctor.returncode == 0, doctor.stdout
    assert "Applicants: 30" in doctor.stdout
    # every status by its name, never its code (trial: «appealed: ٢، approved: ٣، مسودة: ٤١»)
    statuses = next(line for line in doctor.stdout.splitlines() if line.startswith("Requests:"))
    assert "Draft" in statuses and "_" not in statuses and "approved:" not in statuses


def test_requests_list_unknown_status(tmp_path):
    init(tmp_path)
    result = run(tmp_path, "requests", "list", "--status", "bogus")
    assert result.returncode == 2
    assert "bogus" in one_line_error(result)


def test_doctor(tmp_path):
    missing = run(tmp_path / "nothing", "doctor")
    assert missing.returncode == 1
    assert not (tmp_path / "nothing").exists()

    init(tmp_path)
    report = run(tmp_path, "doctor", "--json")
    data = json.loads(report.stdout)
    assert report.returncode == 0 and data["ok"]
    assert data["data_dir"] == str(tmp_path) and data["backups_dir"] == str(tmp_path / "backups")
    assert data["store_url"].endswith(STORE_FILE)
    names = {c["name"] for c in data["checks"]}
    assert {"Schema version", "Integrity check", "Association", "Branch"} <= names
    assert data["association"] == "ajfar" and data["branch"] == "HQ"
    assert data["counts"]["applicants"] == 0

    (tmp_path / STORE_FILE).write_bytes(b"this is not a database" * 100)
    for suffix in ("-wal", "-shm"):
        (tmp_path / (STORE_FILE + suffix)).unlink(missing_ok=True)
    broken = run(tmp_path, "doctor")
    assert broken.returncode == 1
    assert "Traceback" not in broken.stderr + broken.stdout
    assert "PROBLEM" in broken.stdout


def test_no_command_launches_the_gui(monkeypatch, tmp_path):
    from ajfar_desk.cli import main as cli

    calls = []
    fake = types.ModuleType("ajfar_desk.ui.shell.app")
    fake.run = lambda data_dir, db_url, lang, freeze: calls.append((data_dir, db_url, lang, freeze)) or 0
    monkeypatch.setitem(sys.modules, "ajfar_desk.ui.shell.app", fake)
    try:
        assert cli.main(["--data-dir", str(tmp_path), "--lang", "en"]) == 0
    finally:
        from ajfar_desk.i18n import set_language

        set_language("ar")
    assert calls == [(str(tmp_path), None, "en", False)]  # (the caller's arguments: not frozen)


def test_the_demo_says_how_to_sign_in(tmp_path):
    """Trial: a new manager made a demo store and the window asked for the administrator's
    password, which the demo's lines never gave."""
    made = run(tmp_path / "a", "demo", "--applicants", "0")
    assert made.returncode == 0, made.stderr
    assert "admin" in made.stdout and "demo-password" in made.stdout
    chosen = run(tmp_path / "b", "demo", "--applicants", "0", env={"AJFAR_ADMIN_PASSWORD": "my-own-secret-1"})
    assert chosen.returncode == 0, chosen.stderr
    assert "my-own-secret-1" not in chosen.stdout and "AJFAR_ADMIN_PASSWORD" in chosen.stdout


def test_the_demos_administrator_has_a_name_papers_can_print(tmp_path):
    """A receipt printed on a command-line demo store named its employee «admin» (the login):
    the demo's administrator is named as the window's demo names it."""
    made = run(tmp_path / "a", "demo", "--applicants", "0")
    assert made.returncode == 0, made.stderr
    users = run(tmp_path / "a", "users", "list")
    assert users.returncode == 0, users.stderr
    assert "Demo administrator" in users.stdout or "مدير النظام التجريبي" in users.stdout, users.stdout
