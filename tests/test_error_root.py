"""One error root: every error meant for people is an ``AppError``; the command line handles it
in one place, so a new kind of error shows its message with no new ``except`` anywhere."""

from __future__ import annotations

import pytest

from ajfar_desk.cli import commands_store
from ajfar_desk.cli import main as cli
from ajfar_desk.cli.common import CliError
from ajfar_desk.domain.errors import AppError, ValidationError
from ajfar_desk.domain.permissions import PermissionDenied
from ajfar_desk.domain.profile import ProfileError
from ajfar_desk.i18n import set_language
from ajfar_desk.printing.signing_config import SigningError
from ajfar_desk.printing.templates import TemplateError
from ajfar_desk.services.applicants.applicants import ExistingApplicant, PossibleDuplicate
from ajfar_desk.services.sync.sync_bundle import BundleError
from ajfar_desk.services.transfer.importer import ImportFailed
from ajfar_desk.services.transfer.tabular import TableError


@pytest.fixture
def english():
    set_language("en")
    yield
    set_language("ar")


@pytest.mark.parametrize("kind", [ValidationError, PermissionDenied, ProfileError, TemplateError,
                                  SigningError, BundleError, TableError, ImportFailed,
                                  ExistingApplicant, PossibleDuplicate, CliError])
def test_every_error_meant_for_people_is_an_app_error(kind):
    assert issubclass(kind, AppError)


def test_the_value_errors_callers_rely_on_stay_value_errors():
    for kind in (ValidationError, BundleError, ProfileError, TemplateError):
        assert issubclass(kind, ValueError)


def test_each_error_says_one_line_with_its_own_fields(english):
    many = ValidationError.many([("a", "First"), ("b", "Second")])
    assert many.message == "First" and many.field == "a" and many.summary() == "First; Second"
    assert str(many) == "a: First"
    refused = BundleError("Already imported")
    assert refused.message == str(refused) == refused.summary() == "Already imported"
    assert refused.errors == [("", "Already imported")] and refused.exit_code == 3
    profile = ProfileError("aman.toml", "programs", "missing")
    assert profile.message == "missing" and profile.summary() == "aman.toml: programs: missing"
    assert ProfileError("x", "id", "no such association").summary() == "no such association"
    assert CliError("No store", 2).exit_code == 2 and CliError("Broken").exit_code == 1


class ShelfFull(AppError):
    """A kind of error that no caller knows about."""

    exit_code = 4


def raising(exc):
    def command(_args):
        raise exc

    return command


def test_the_command_line_says_a_new_kind_of_error_in_one_line(monkeypatch, capsys, tmp_path,
                                                                 english):
    monkeypatch.setattr(commands_store, "cmd_doctor", raising(ShelfFull("The shelf is full")))
    assert cli.main(["--data-dir", str(tmp_path), "--lang", "en", "doctor"]) == 4
    err = capsys.readouterr().err.splitlines()
    assert err == ["ajfar-desk: error: The shelf is full"]


def test_the_command_line_says_a_refused_bundle_and_a_refusal_as_before(monkeypatch, capsys,
                                                                         tmp_path, english):
    monkeypatch.setattr(commands_store, "cmd_doctor", raising(BundleError("Already imported")))
    assert cli.main(["--data-dir", str(tmp_path), "--lang", "en", "doctor"]) == 3
    monkeypatch.setattr(commands_store, "cmd_doctor",
                        raising(ValidationError.many([("a", "First"), ("b", "Second")])))
    assert cli.main(["--data-dir", str(tmp_path), "--lang", "en", "doctor"]) == 2
    assert capsys.readouterr().err.splitlines() == [
        "ajfar-desk: error: Already imported", "ajfar-desk: error: First; Second"]


def test_the_command_line_still_says_a_bug_is_unexpected(monkeypatch, capsys, tmp_path, english):
    monkeypatch.setattr(commands_store, "cmd_doctor", raising(ValueError("not for people")))
    monkeypatch.delenv("AJFAR_DEBUG", raising=False)
    assert cli.main(["--data-dir", str(tmp_path), "--lang", "en", "doctor"]) == 1
    assert "unexpected ValueError" in capsys.readouterr().err
