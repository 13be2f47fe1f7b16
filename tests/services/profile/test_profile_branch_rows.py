"""A branch does not take head office's version while its own rows (not yet sent when head office
imported it) use a code that version removes: it keeps its version and every row, imports the
rest of the bundle, and says which codes and rows hold it back; a later version that keeps the
codes is taken.  When the bundle's rows need the new version (a code only it has), nothing of
the bundle is imported and both are said (``services.sync.sync_profile``)."""

from __future__ import annotations

import pytest

from ajfar_desk.services.applicants import applicants, search
from ajfar_desk.services.applicants.applicant_input import ApplicantInput
from ajfar_desk.services.profile import profiles
from ajfar_desk.services.requests import requests
from ajfar_desk.services.sync import sync_bundle
from syncnodes import close, exchange, make_nodes

OLD, NEW = 'code = "letters"', 'code = "post"'  # head office renames a channel: removes one


@pytest.fixture
def nodes(tmp_path):
    made = make_nodes(tmp_path, branches=("SHR",))
    yield made
    close(made)


def walk_in(ctx, first: str):
    return applicants.register(ctx, ApplicantInput(
        national_id="", id_type="none", first_name=first, family_name="الحربي",
        birth_date="1/1/1985", gender="male", consent=True, category="consumer"))


def revise(ctx, folder, old: str, new: str):
    path = folder / "revised.toml"
    profiles.export(ctx, path)
    original = path.read_text(encoding="utf-8")
    path.write_text(original.replace(old, new, 1), encoding="utf-8")
    kept = folder / "kept.toml"  # the version in force as it was, to import again later
    profiles.export(ctx, kept)
    return path, kept


def test_the_branch_keeps_its_version_while_its_rows_use_a_removed_code(nodes, tmp_path):
    hq, shr = nodes["HQ"], nodes["SHR"]
    person = walk_in(shr, "سالم")
    program = shr.profile.programs[0].code
    requests.create_request(shr, person.id, program, "letters")  # not yet sent to head office
    path, kept = revise(hq, tmp_path, OLD, NEW)
    assert profiles.import_file(hq, path).number == 2  # head office holds no row using it
    walk_in(hq, "ماجد")  # head office's own work travels in the same bundle

    result = exchange(hq, shr)
    note = result.profile_note
    assert "letters" in note and "support_request" in note, note
    assert "post" not in {c.code for c in shr.profile.channels}
    assert "letters" in {c.code for c in shr.profile.channels}
    assert profiles.current(shr).number == 1
    assert search.search(shr, "ماجد")  # the rest of the bundle was imported
    assert requests.list_requests(shr)[0].channel == "letters"  # the row as it was

    # head office keeps the code again (version 3: both): the branch takes it
    text = kept.read_text(encoding="utf-8")
    block = text[text.index("[[channels]]\ncode = \"letters\""):]
    block = block[:block.index("\n\n")]
    kept.write_text(text.replace(block, block + "\n\n" + block.replace(OLD, NEW), 1),
                    encoding="utf-8")
    assert profiles.import_file(hq, kept).number == 3
    assert exchange(hq, shr).profile_note
    assert profiles.current(shr).number == 3
    assert {"letters", "post"} <= {c.code for c in shr.profile.channels}


def test_nothing_is_imported_when_the_bundles_rows_need_the_new_version(nodes, tmp_path):
    hq, shr = nodes["HQ"], nodes["SHR"]
    mine = walk_in(shr, "سالم")
    program = shr.profile.programs[0].code
    requests.create_request(shr, mine.id, program, "letters")
    path, _kept = revise(hq, tmp_path, OLD, NEW)
    profiles.import_file(hq, path)
    theirs = walk_in(hq, "ماجد")
    requests.create_request(hq, theirs.id, program, "post")  # a code only version 2 has

    with pytest.raises(sync_bundle.BundleError) as refused:
        exchange(hq, shr)
    said = refused.value.message if hasattr(refused.value, "message") else str(refused.value)
    assert "letters" in said and "post" in said, said
    assert not search.search(shr, "ماجد")  # nothing of the bundle
    assert profiles.current(shr).number == 1
