"""``profile check`` names every mistake of a hand-written file in one run, each with its line
and key, not only the first: a sixth association's administrator writing its profile for the
first time makes several at once (a code copied into every entry, a misspelt key, a program
naming a document kind that is not listed)."""

from __future__ import annotations

import pytest

from ajfar_desk.domain.profile import ProfileError, load_profile
from ajfar_desk.i18n import _
from test_cli import init, run
from test_profiles import write_profile

MISTAKES = (
    ('digits = "arabic"', 'digits = "indian"'),  # a value not allowed
    ('name_en = "AlAjfar', 'nmae_en = "AlAjfar'),  # a misspelt key (and name_en then missing)
    ('code = "phone"', 'code = "Phone"'),  # a code in capitals, in the second channel
    ('"family_record", "income_proof"]', '"family_record", "passport"]'),  # unknown document
    ('card"\nhas_expiry = true', 'card"\nhas_expiry = "yes"'),
)


def _line(path, start: str) -> int:
    return next(n for n, t in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if t.startswith(start))


def test_every_mistake_is_named_with_its_line_and_key(tmp_path):
    path = write_profile(tmp_path, "ajfar", *MISTAKES)
    with pytest.raises(ProfileError) as info:
        load_profile(path)
    found = [(e.line, e.key) for e in info.value.mistakes]
    assert found == sorted(found, key=lambda f: (f[0] is None, f[0] or 0))  # in the file's order
    keys = [key for _line, key in found]
    assert sorted(keys) == sorted([
        "digits", "nmae_en", "name_en", "channels[2].code", "programs[1].required_documents",
        "document_kinds[1].has_expiry"])
    by_key = {e.key: e for e in info.value.mistakes}
    assert by_key["digits"].line == _line(path, "digits =")
    assert by_key["nmae_en"].line == _line(path, "nmae_en =")
    # what to write instead: the list named, and its own codes the file writes well (not an
    # internal code of another list, «national_id», as it said before)
    channel = by_key["channels[2].code"].message
    assert "Phone" in channel and _("the contact channels") in channel, channel
    assert "interview" + _(" or ") + "social_media" in channel and "national_id" not in channel, channel
    assert "passport" in by_key["programs[1].required_documents"].message
    assert info.value is info.value.mistakes[0]  # the first is the error raised, as before
    assert info.value.errors == [(e.key, e.message) for e in info.value.mistakes]


def test_a_wrong_entry_is_said_once_not_again_where_it_is_named(tmp_path):
    # the first document kind's has_expiry is wrong: the programs naming that kind are not
    # reported as naming an unknown document
    path = write_profile(tmp_path, "ajfar", ('card"\nhas_expiry = true', 'card"\nhas_expiry = 1'))
    with pytest.raises(ProfileError) as info:
        load_profile(path)
    assert [e.key for e in info.value.mistakes] == ["document_kinds[1].has_expiry"]


def test_a_missing_key_at_the_top_does_not_hide_the_others(tmp_path):
    path = write_profile(tmp_path, "ajfar", ('\ndigits = "arabic"', "\n"),
                         ('policy_file = "policies/ajfar.txt"', 'policy_file = "policies/x.txt"'))
    with pytest.raises(ProfileError) as info:
        load_profile(path)
    assert sorted(e.key for e in info.value.mistakes) == ["digits", "policy_file"]


def test_the_command_line_prints_each_mistake(tmp_path):
    data = tmp_path / "data"
    init(data)
    (tmp_path / "edit").mkdir()
    path = write_profile(tmp_path / "edit", "ajfar", *MISTAKES)
    checked = run(data, "profile", "check", str(path))
    assert checked.returncode == 2
    lines = checked.stderr.strip().splitlines()
    assert len(lines) == 6, checked.stderr
    assert lines[0].startswith(f"{path}:") and all(str(path) in line for line in lines)
    assert f"{path}:{_line(path, 'digits =')}: digits:" in checked.stderr
    refused = run(data, "profile", "import", str(path))
    assert refused.returncode == 2 and refused.stderr.count(str(path)) == 6


def test_a_licence_number_typed_in_arabic_digits_is_read_as_its_number(tmp_path):
    """The administrator types the licence as it is printed on the certificate (٤٢٨٤); the
    program keeps Western digits for it, as for every number people type."""
    path = write_profile(tmp_path, "ajfar", ('license_number = "4284"', 'license_number = "٤٢٨٤"'))
    assert load_profile(path).license_number == "4284"


def test_a_value_toml_cannot_read_names_its_key_and_what_to_write(tmp_path):
    """``has_expiry = yes``: the TOML reader's own words ("Invalid value") told the
    administrator neither the key nor what to write."""
    path = write_profile(tmp_path, "ajfar", ('card"\nhas_expiry = true', 'card"\nhas_expiry = yes'))
    with pytest.raises(ProfileError) as info:
        load_profile(path)
    assert info.value.key == "has_expiry" and info.value.line == _line(path, "has_expiry = yes")
    assert "true" in info.value.message and "false" in info.value.message  # in either language
    assert "Invalid value" not in info.value.message
