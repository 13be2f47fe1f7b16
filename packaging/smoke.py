"""The bundle's smoke test (``python3 dev.py bundle --check``; standard library only).

On a built ``dist/ajfar-desk``: its size on disk against the budget; ``--version`` (``--help``
where the program has no ``--version``) timed beside the virtual environment's console script;
then, in a new data folder, ``init``, ``demo``, ``requests list`` in English, ``print
declaration`` of a demo request (a PDF), the time to the windowed program's first window
(offscreen, beside the virtual environment's), and the windowed program started offscreen for a
few seconds: it must still be running when it is ended.  PostgreSQL (a head office's desks):
the bundled driver loads (a server that is not there is refused by psycopg, not by a missing
module), and when a server's URL is given (``$AJFAR_SMOKE_PG_URL``, else the tests'
``$AJFAR_TEST_PG_URL``) ``init``, ``demo`` and ``requests list`` on a scratch database of that
server (made and dropped with the virtual environment's psycopg).  Exit 0 when every step passed.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BUDGET_MIB = 160
GUI_SECONDS = 6.0
EXE = ".exe" if os.name == "nt" else ""


def size_on_disk(folder: Path) -> int:
    """Bytes the folder takes (its files, links not followed)."""
    total = 0
    for path in Path(folder).rglob("*"):
        if path.is_file() and not path.is_symlink():
            total += path.stat().st_size
    return total


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.pop("PYTHONPATH", None)  # the bundle carries its own modules; nothing may leak in
    env.pop("AJFAR_DEBUG", None)
    return env


def _run(cmd: list[str], timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        cmd, capture_output=True, text=True, encoding="utf-8", errors="replace",
        env=_env(), timeout=timeout, check=False,
    )


def version_flag(program: Path) -> str:
    """``--version`` when the program knows it, else ``--help``."""
    done = _run([str(program), "--version"], timeout=120)
    return "--version" if done.returncode == 0 else "--help"


def timed(cmd: list[str], runs: int = 3) -> float:
    """The median wall time of ``runs`` runs (seconds); the command must succeed."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        done = _run(cmd, timeout=120)
        times.append(time.perf_counter() - start)
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd)}: exit {done.returncode}\n{done.stderr}")
    return statistics.median(times)


def gui_stays_up(program: Path, data_dir: Path, seconds: float = GUI_SECONDS) -> tuple[bool, str]:
    """Start the windowed program offscreen; whether it was still running after ``seconds``
    (then it is ended), and what it wrote."""
    with tempfile.TemporaryFile("w+", encoding="utf-8", errors="replace") as out:
        proc = subprocess.Popen(
            [str(program), "--data-dir", str(data_dir)], stdout=out, stderr=subprocess.STDOUT,
            env=_env(),
        )
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.2)
        alive = proc.poll() is None
        if alive:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        out.seek(0)
        return alive, out.read()[-2000:]


FLUSH = "qt.widgets.painting: Flushing"  # Qt's log line when a window's first paint reaches it
FIRST_WINDOW = "first window shown"  # the program's own log line (ui/shell/app_identity.py)


def first_window(program: Path, data_dir: Path, timeout: float = 60.0) -> float | None:
    """Seconds from starting the program (offscreen) until its first window is painted, told by
    Qt's own painting log or the program's «first window shown» line (its log goes to stderr too,
    and Qt's messages go through it); None if no window was painted within ``timeout``."""
    import threading

    env = _env()
    env["QT_LOGGING_RULES"] = "qt.widgets.painting=true"
    start = time.perf_counter()
    proc = subprocess.Popen(
        [str(program), "--data-dir", str(data_dir)], stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE, env=env, text=True, encoding="utf-8", errors="replace",
    )
    timer = threading.Timer(timeout, proc.kill)
    timer.start()
    painted = None
    try:
        assert proc.stderr is not None
        for line in proc.stderr:
            if line.startswith(FLUSH) or FIRST_WINDOW in line:  # Qt's log, or the program's
                painted = time.perf_counter() - start
                break
    finally:
        timer.cancel()
        proc.kill()
        proc.wait()
    return painted


def fill_store(check: Check, base: list[str], password: Path, applicants: int,
               where: str = "") -> list[dict]:
    """``init``, ``demo --applicants N`` and ``requests list --json`` on the store ``base`` opens
    (the program with its ``--data-dir``, and ``--db-url``); returns the requests listed."""
    password.write_text("smoke-test-password\n", encoding="utf-8")
    done = _run([*base, "init", "--association", "ajfar", "--full-name", "سعاد الحربي",
                 "--password-file", str(password)])
    check.step(f"init{where}", done.returncode == 0, done.stderr.strip()[-500:])
    start = time.perf_counter()
    done = _run([*base, "demo", "--applicants", str(applicants)], timeout=600)
    check.step(f"demo --applicants {applicants}{where}", done.returncode == 0,
               f"{time.perf_counter() - start:.1f} s " + done.stderr.strip()[-500:])
    done = _run([*base, "requests", "list", "--json"])
    rows = json.loads(done.stdout) if done.returncode == 0 and done.stdout.strip() else []
    check.step(f"requests list --json{where}", bool(rows),
               f"{len(rows)} requests " + done.stderr.strip()[-300:])
    return rows


PG_URL_ENV = ("AJFAR_SMOKE_PG_URL", "AJFAR_TEST_PG_URL")
NO_SERVER = "postgresql+psycopg://smoke@127.0.0.1:1/none"  # port 1: refused at once


def pg_driver_loads(cli: Path, data_dir: Path) -> tuple[bool, str]:
    """Whether the bundle's PostgreSQL driver loads: a store URL with no server behind it must
    be refused by psycopg itself (``OperationalError``), not for a missing module."""
    done = _run([str(cli), "--lang", "en", "--data-dir", str(data_dir), "--db-url", NO_SERVER,
                 "requests", "list"], timeout=120)
    said = " ".join((done.stdout + done.stderr).split())
    ok = done.returncode != 0 and "OperationalError" in said and "No module named" not in said
    return ok, said[-300:]


_SCRATCH = """
import sys, psycopg
from sqlalchemy.engine import make_url
url, name, action = make_url(sys.argv[1]), sys.argv[2], sys.argv[3]
with psycopg.connect(host=url.host or "127.0.0.1", port=url.port or 5432, user=url.username,
                     password=url.password, dbname="postgres", autocommit=True) as conn:
    if action == "create":
        conn.execute(f'CREATE DATABASE "{name}"')
    else:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
print(url.set(database=name).render_as_string(hide_password=False))
"""


def scratch_database(venv_bin: Path | None, server_url: str, name: str, action: str) -> str:
    """Create (``action`` "create") or drop a database on ``server_url``'s server with the
    virtual environment's psycopg; returns the scratch database's URL ("" when it failed)."""
    python = venv_bin / ("python.exe" if os.name == "nt" else "python") if venv_bin else None
    if python is None or not python.is_file():
        return ""
    done = subprocess.run([str(python), "-c", _SCRATCH, server_url, name, action],
                          capture_output=True, text=True, timeout=120, check=False)
    return done.stdout.strip() if done.returncode == 0 else ""


def postgres_store(check: Check, cli: Path, tmp: Path, venv_bin: Path | None) -> None:
    """The bundled program sets up and fills a PostgreSQL store when a server's URL is given."""
    server = next((os.environ[k] for k in PG_URL_ENV if os.environ.get(k)), "")
    if not server:
        print(f"  (no PostgreSQL server given: ${PG_URL_ENV[0]} or ${PG_URL_ENV[1]})", flush=True)
        return
    name = f"ajfar_smoke_{os.getpid()}"
    url = scratch_database(venv_bin, server, name, "create")
    if not check.step(f"PostgreSQL scratch database {name}", bool(url), "(the virtual "
                      "environment's psycopg made it)" if url else server.rsplit("@", 1)[-1]):
        return
    try:
        base = [str(cli), "--data-dir", str(tmp / "pg-data"), "--db-url", url]
        fill_store(check, base, tmp / "pg-password", 5, " on PostgreSQL")
    finally:
        scratch_database(venv_bin, server, name, "drop")


def _median(values: list[float | None]) -> float | None:
    found = [v for v in values if v is not None]
    return statistics.median(found) if len(found) == len(values) else None


class Check:
    def __init__(self) -> None:
        self.failures: list[str] = []

    def step(self, label: str, ok: bool, detail: str = "") -> bool:
        print(f"  {'ok  ' if ok else 'FAIL'} {label}" + (f": {detail}" if detail else ""), flush=True)
        if not ok:
            self.failures.append(label)
        return ok


def smoke(bundle: Path, venv_bin: Path | None = None) -> int:
    bundle = Path(bundle)
    cli = bundle / f"ajfar-desk{EXE}"
    gui = bundle / f"ajfar-desk-gui{EXE}"
    check = Check()
    print(f"Smoke test of {bundle}", flush=True)
    mib = size_on_disk(bundle) / 2**20
    check.step(f"size on disk {mib:.0f} MiB (budget {BUDGET_MIB} MiB)", mib <= BUDGET_MIB)
    if not check.step("both programs are there", cli.is_file() and gui.is_file(), str(bundle)):
        return 1
    flag = version_flag(cli)
    done = _run([str(cli), flag])
    check.step(f"ajfar-desk {flag}", done.returncode == 0, done.stdout.strip().splitlines()[0]
               if done.stdout.strip() else done.stderr.strip()[-300:])
    seconds = timed([str(cli), flag])
    line = f"start-up ({flag}): bundle {seconds:.2f} s"
    venv_cli = venv_bin / f"ajfar-desk{EXE}" if venv_bin else None
    if venv_cli is not None and venv_cli.is_file():
        line += f", virtual environment {timed([str(venv_cli), flag]):.2f} s"
    print(f"  {line}", flush=True)

    with tempfile.TemporaryDirectory(prefix="ajfar-smoke-") as tmp:
        data = Path(tmp) / "data"
        base = [str(cli), "--data-dir", str(data)]
        rows = fill_store(check, base, Path(tmp) / "password", 20)
        done = _run([*base, "--lang", "en", "requests", "list"])
        check.step("requests list --lang en", done.returncode == 0 and "Draft" in done.stdout,
                   done.stderr.strip()[-300:])
        # a submitted request's declaration (a draft's waits for its documents, which a demo
        # draft may still lack)
        sent = [row for row in rows if row.get("submitted_at")] or rows
        if sent:
            pdf = Path(tmp) / "declaration.pdf"
            done = _run([*base, "print", "declaration", sent[0]["reference"], "--out", str(pdf)])
            made = pdf.is_file() and pdf.read_bytes()[:5] == b"%PDF-"
            check.step(f"print declaration {sent[0]['reference']}", done.returncode == 0 and made,
                       f"{pdf.stat().st_size if made else 0} bytes " + done.stderr.strip()[-300:])
        window = _median([first_window(gui, data) for _ in range(3)])
        check.step("first window painted (sign-in, offscreen)", window is not None,
                   f"bundle {window:.2f} s" if window is not None else "")
        venv_gui = venv_bin / f"ajfar-desk{EXE}" if venv_bin else None
        if window is not None and venv_gui is not None and venv_gui.is_file():
            in_venv = _median([first_window(venv_gui, data) for _ in range(3)])
            if in_venv is not None:
                print(f"  first window: bundle {window:.2f} s, virtual environment {in_venv:.2f} s",
                      flush=True)
        alive, output = gui_stays_up(gui, data)
        check.step(f"windowed program still running after {GUI_SECONDS:.0f} s (offscreen)", alive,
                   "" if alive else output)
        loads, said = pg_driver_loads(cli, Path(tmp) / "no-server")
        check.step("PostgreSQL driver loads (a missing server refused by psycopg)", loads, said)
        postgres_store(check, cli, Path(tmp), venv_bin)
    if check.failures:
        print(f"Smoke test FAILED: {', '.join(check.failures)}", flush=True)
        return 1
    print("Smoke test passed", flush=True)
    return 0


if __name__ == "__main__":
    venv = Path(sys.argv[2]) if len(sys.argv) > 2 else None
    sys.exit(smoke(Path(sys.argv[1]), venv))
