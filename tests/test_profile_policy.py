"""The profile's ``[beneficiary]`` (rights and duties) and ``[policy_review]`` tables."""

from __future__ import annotations

import datetime as dt

import pytest

from ajfar_desk.domain.profile import ProfileError, get_profile, load_profile
from ajfar_desk.domain.profile_policy import PolicyReview, RightsAndDuties
from ajfar_desk.services.papers import receipt_terms
from test_profiles import write_profile

PROFILES = ("ajfar", "baraa", "alhuda", "aman", "najran")


@pytest.mark.parametrize("ident", PROFILES)
def test_every_profile_states_rights_and_duties_in_both_languages_and_a_review(ident):
    p = get_profile(ident)
    for kind in ("rights", "duties"):
        ar, en = p.beneficiary.items(kind, "ar"), p.beneficiary.items(kind, "en")
        assert ar and len(ar) == len(en)
        assert all(any("\u0600" <= c <= "\u06ff" for c in item) for item in ar)
        assert all(item.isascii() or "«" in item for item in en)
    assert isinstance(p.review, PolicyReview) and p.review.remind_days == 30


def test_each_item_is_marked_stated_or_implied_in_the_file():
    from ajfar_desk.domain.profile import profiles_dir

    for ident in PROFILES:
        text = (profiles_dir() / f"{ident}.toml").read_text(encoding="utf-8")
        block = text[text.index("[beneficiary]"):text.index("[policy_review]")]
        lines, female = [], False  # a list said to a woman rewords the items marked above it
        for line in block.splitlines():
            female = line.startswith(("rights_ar_female", "duties_ar_female")) or (female and line != "]")
            if line.startswith('  "') and not female:
                lines.append(line)
        items = lines
        assert items and all("# (نص)" in i or "# (مستنتج)" in i or "# (stated)" in i
                             or "# (implied)" in i for i in items), ident
    aman = (profiles_dir() / "aman.toml").read_text(encoding="utf-8")
    assert "(نص)" not in aman[aman.index("[beneficiary]"):]  # Aman's policy states none
    alhuda = (profiles_dir() / "alhuda.toml").read_text(encoding="utf-8")
    assert alhuda.count("# (نص)") == 2  # confidentiality and fair treatment: its own section


def test_the_receipt_takes_them_from_the_profile_unless_its_form_words_them(tmp_path):
    assert receipt_terms.policy_excerpts("aman", "en") == {
        "rights": list(get_profile("aman").beneficiary.rights_en),
        "duties": list(get_profile("aman").beneficiary.duties_en),
    }
    forms = tmp_path / "forms"
    forms.mkdir()
    (forms / "receipt.toml").write_text('[policy.aman]\nrights_ar = ["حق واحد"]\n', encoding="utf-8")
    assert receipt_terms.policy_excerpts("aman", "ar", tmp_path) == {"rights": ["حق واحد"], "duties": []}
    assert receipt_terms.policy_excerpts("ajfar", "ar", tmp_path)["rights"] == list(
        get_profile("ajfar").beneficiary.rights_ar)


@pytest.mark.parametrize("ident", PROFILES)
def test_a_woman_reads_her_rights_and_duties_said_to_her(ident):
    b = get_profile(ident).beneficiary
    for kind in ("rights", "duties"):
        man, woman = b.items(kind, "ar", "male"), b.items(kind, "ar", "female")
        assert len(man) == len(woman) and b.items(kind, "ar") == man  # unknown: the unmarked words
        assert b.items(kind, "en", "female") == b.items(kind, "en", "male")
        said = " ".join(woman)
        for masculine in ("فأنت مسؤول ", "لك ", "استفساراتك،", "طلبك ", "أن تُعامل ", "أن تُحال ", "تُعطى"):
            assert masculine not in said, (ident, kind, masculine)
    assert b.items("rights", "ar", "female") != b.items("rights", "ar", "male")


def test_the_ajfar_duty_of_accuracy_is_said_to_a_woman_as_hers():
    duties = receipt_terms.policy_excerpts("ajfar", "ar", gender="female")["duties"]
    assert "فأنتِ مسؤولة مسؤولية مباشرة" in duties[-1] and "قدمتِها ووقّعتِ" in duties[-1]
    assert "فأنت مسؤول مسؤولية مباشرة" in receipt_terms.policy_excerpts("ajfar", "ar", gender="male")["duties"][-1]


def test_a_receipt_form_may_word_them_for_a_woman_too(tmp_path):
    forms = tmp_path / "forms"
    forms.mkdir()
    (forms / "receipt.toml").write_text(
        '[policy.aman]\nrights_ar = ["أن تُعامل بعدل"]\nrights_ar_female = ["أن تُعامَلي بعدل"]\n',
        encoding="utf-8")
    assert receipt_terms.policy_excerpts("aman", "ar", tmp_path, gender="female")["rights"] == ["أن تُعامَلي بعدل"]
    assert receipt_terms.policy_excerpts("aman", "ar", tmp_path, gender="male")["rights"] == ["أن تُعامل بعدل"]


def test_the_review_is_due_within_the_reminder_and_overdue_after():
    review = PolicyReview(dt.date(2026, 10, 20), 30)
    assert review.state(dt.date(2026, 9, 19)) == "later"
    assert review.state(dt.date(2026, 9, 20)) == "due"
    assert review.state(dt.date(2026, 10, 20)) == "due"
    assert review.state(dt.date(2026, 10, 21)) == "overdue"
    assert not RightsAndDuties() and get_profile("ajfar").beneficiary


@pytest.mark.parametrize(("edit", "key"), [
    (("[beneficiary]\n", "[beneficiary]\nwishes = []\n"), "beneficiary.wishes"),
    (("rights_en = [\n", "rights_en = [\n  \"one more\",\n"), "beneficiary.rights_en"),
    (("duties_ar = [\n", "duties_ar = [\n  3,\n"), "beneficiary.duties_ar[1]"),
    (("rights_ar_female = [", "rights_ar_female = [\n  \"حق زائد\","), "beneficiary.rights_ar_female"),
    (("duties_ar_female = [", "duties_ar_female = [\n  \"\","), "beneficiary.duties_ar_female[1]"),
    (("duties_ar_female = [", "duties_ar_women = ["), "beneficiary.duties_ar_women"),
    (('due = "2027-02-23"', 'due = "23/02/2027"'), "policy_review.due"),
    (("remind_days = 30", "remind_days = -1"), "policy_review.remind_days"),
])
def test_broken_tables_name_file_and_key(tmp_path, edit, key):
    path = write_profile(tmp_path, "ajfar", edit)
    with pytest.raises(ProfileError) as info:
        load_profile(path)
    assert info.value.key == key and "ajfar.toml" in str(info.value)
