"""Association profiles: the five bundled files, their fidelity to the policies, the validation."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from ajfar_desk.domain.errors import ValidationError
from ajfar_desk.domain.profile import (
    AssociationProfile,
    ProfileError,
    available_profiles,
    get_profile,
    load_profile,
    profiles_dir,
)
from ajfar_desk.domain.programs import ELIGIBILITY_CONDITIONS, Eligibility

IDS = {"ajfar", "baraa", "alhuda", "aman", "najran"}

# Each policy's contact channels, in its own words and order.
CHANNELS = {
    "ajfar": [
        "المقابلة",
        "الاتصالات الهاتفية",
        "وسائل التواصل الاجتماعي",
        "الخطابات",
        "خدمات طلب المساعدة",
        "خدمة التطوع",
        "الموقع الإلكتروني للجمعية",
    ],
    "baraa": [
        "المقابلة",
        "الاتصالات الهاتفية",
        "وسائل التواصل الاجتماعي",
        "المخاطبة",
        "خدمات طلب المساعدة",
        "خدمة التطوع",
        "مندوبي المكاتب الفرعية",
        "الموقع الإلكتروني للجمعية",
    ],
    "alhuda": [
        "المقابلات المباشرة",
        "الاتصالات الهاتفية",
        "وسائل التواصل الاجتماعي",
        "الخطابات والمراسلات الرسمية",
        "خدمات طلب المساعدة",
        "خدمات التطوع",
        "الموقع الإلكتروني للجمعية",
        "مناديب الجمعية في المواقع الميدانية",
    ],
    "aman": [
        "المقابلات المباشرة في مقر الجمعية",
        "الاتصالات الهاتفية",
        "البريد الإلكتروني الرسمي",
        "وسائل التواصل الاجتماعي الخاصة بالجمعية",
        "الموقع الإلكتروني ومنصة الخدمات الإلكترونية",
        "خدمة طلب المساعدة والدعم الفني",
        "منصة التطوع الوطني والمبادرات المجتمعية",
    ],
    "najran": [
        "المقابلة",
        "الاتصالات الهاتفية",
        "وسائل التواصل الاجتماعي",
        "الخطابات",
        "خدمات طلب المساعدة",
        "خدمة التطوع",
        "الموقع الإلكتروني للجمعية",
        "مناديب المكاتب الفرعية",
    ],
}


@pytest.fixture(params=sorted(IDS))
def profile(request) -> AssociationProfile:
    return get_profile(request.param)


def test_the_five_associations_are_bundled():
    assert set(available_profiles()) == IDS
    assert {get_profile(i).id for i in IDS} == IDS


def test_identity_as_the_policies_state_it():
    expected = {
        "ajfar": ("AJF", "arabic", "4284", "جمعية التنمية الأهلية بالأجفر"),
        "baraa": ("BRA", "western", "1000651200", "جمعية براعة التعليمية"),
        "alhuda": ("HDA", "western", "1682", "جمعية الهدى لمساعدة الحجاج"),
        "aman": ("AMN", "western", "", "جمعية آمن لإدارة الأزمات والمخاطر"),
        "najran": ("NJR", "arabic", "", "جمعية حماية المستهلك بنجران"),
    }
    for ident, (_code, digits, _license, name_ar) in expected.items():
        p = get_profile(ident)
        assert (p.code, p.digits, p.license_number, p.name_ar) == expected[ident]
        assert p.uses_arabic_digits == (digits == "arabic")
        assert p.name("ar") == name_ar and p.name("en") == p.name_en != name_ar
    assert get_profile("najran").name_en == "Consumer Protection Association In Najran"
    assert get_profile("alhuda").city("en") == "Rabigh"


def test_channels_are_the_policy_channels_in_order(profile):
    assert [c.name_ar for c in profile.channels] == CHANNELS[profile.id]
    text = profile.policy_text()
    for channel in profile.channels:
        assert channel.name_ar in text
        assert channel.name_en and channel.name("en") == channel.name_en


def test_channel_codes():
    aman = get_profile("aman")
    assert len(aman.channels) == 7
    assert aman.channel("email").name_ar == "البريد الإلكتروني الرسمي"
    assert "branch_representatives" not in {c.code for c in aman.channels}
    for ident in ("baraa", "najran", "alhuda"):
        assert get_profile(ident).channel("branch_representatives")
    assert get_profile("baraa").channel("letters").name_ar == "المخاطبة"
    assert get_profile("ajfar").channel("interview").name_ar == "المقابلة"


def test_programs_refer_to_known_documents_and_categories(profile):
    kinds = {k.code for k in profile.document_kinds}
    assert {"national_id", "iqama"} <= kinds  # an iqama stands in for a national ID
    assert profile.programs
    for program in profile.programs:
        assert set(program.required_documents) <= kinds
        for category in program.categories:
            assert profile.category(category).code == category
        assert profile.program(program.code) is program
    assert profile.document_kind("national_id").has_expiry


def test_aman_programs_follow_its_eligibility_section():
    aman = get_profile("aman")
    assert aman.program("training").categories == ("trainee",)
    assert "volunteer_registration" in aman.program("volunteering").required_documents
    communities = {p.code for p in aman.programs if p.code.startswith("community_")}
    assert len(communities) == 4
    assert aman.program("events").is_open_to("crisis_affected")


# Aman's «التحقق من أهلية المستفيدين», condition by condition: each is a desk confirmation whose
# Arabic text shares the given phrase with the policy.
AMAN_CONFIRMATIONS = {
    "training": {
        "qualification": "مطابقة المؤهل الأكاديمي والخبرات لمتطلبات البرنامج",
        "commitment": "التأكد من جدية المتقدم وارتباطه بأهداف البرنامج",
        "program_criteria": "الالتزام بالمعايير المحددة",
    },
    "volunteering": {
        "platform_registration": "التسجيل عبر المنصات الرسمية المعتمدة",
        "skills": "توافق مهارات المتطوع مع متطلبات الفرصة التطوعية",
        "code_of_conduct": "الالتزام بمدونة السلوك التطوعي الخاصة بجمعية آمن",
    },
    "community_families": {"case_verified": "للفئات التي لا توجد لها جهة راعية"},
    "community_orphans": {"case_verified": "للفئات التي لا توجد لها جهة راعية"},
    "community_disability": {"case_verified": "للفئات التي لا توجد لها جهة راعية"},
    "community_affected": {"case_verified": "للفئات التي لا توجد لها جهة راعية"},
    "events": {
        "event_suitability": "ملاءمة الفعالية للفئة المستهدفة",
        "invitation": "بشكل واضح ومنصف",
    },
}


def test_aman_eligibility_confirmations_follow_its_policy():
    aman = get_profile("aman")
    policy = aman.policy_text()
    assert {p.code for p in aman.programs} == AMAN_CONFIRMATIONS.keys()
    for code, expected in AMAN_CONFIRMATIONS.items():
        rules = aman.program(code).eligibility
        assert rules.confirmation_codes == tuple(expected), code
        for confirmation in rules.confirmations:
            phrase = expected[confirmation.code]
            assert phrase in policy and phrase in confirmation.text_ar, phrase
    # the policy names no income, age or city limits, so the profile sets none
    for program in aman.programs:
        rules = program.eligibility
        assert (rules.max_income_per_member, rules.min_age, rules.max_age, rules.cities) == (
            None, None, None, ()
        )  # fmt: skip


def test_policies_without_eligibility_conditions_get_none():
    for ident in IDS - {"aman"}:
        for program in get_profile(ident).programs:
            assert program.eligibility == Eligibility(), (ident, program.code)


def test_eligibility_confirmations_are_well_formed(profile):
    for program in profile.programs:
        hash(program)  # frozen all the way down
        codes = program.eligibility.confirmation_codes
        assert len(codes) == len(set(codes))
        assert not set(codes) & set(ELIGIBILITY_CONDITIONS)
        for confirmation in program.eligibility.confirmations:
            assert confirmation.text("ar") == confirmation.text_ar != confirmation.text("en")


def test_branches_and_reference_prefixes(profile):
    assert profile.head_office.code == "HQ"
    assert profile.head_office.ref_prefix == profile.code
    prefixes = [b.ref_prefix for b in profile.branches]
    assert len(prefixes) == len(set(prefixes))
    has_representatives = "branch_representatives" in {c.code for c in profile.channels}
    assert (len(profile.branches) > 1) == has_representatives


def test_answer_period_and_policy_text(profile):
    """The 14-day minimum only where the policy says «لا تقل عن أسبوعين»; none where it sets
    no number."""
    text = profile.policy_text()
    if "لا تقل عن أسبوعين" in text:
        assert profile.answer_period_days >= 14
    else:
        assert profile.answer_period_days is None
    assert text and not text[0].isspace()
    assert profile.name_ar in text


def test_board_approvals():
    assert get_profile("alhuda").board_approval is None  # left blank in the policy
    baraa = get_profile("baraa").board_approval
    assert baraa is not None
    assert (baraa.date_gregorian, baraa.date_hijri) == (date(2024, 10, 13), "1446-04-10")
    najran = get_profile("najran").board_approval
    assert najran is not None
    assert (najran.date_gregorian, najran.date_hijri) == (date(2022, 11, 2), "1444-04-08")
    aman = get_profile("aman").board_approval
    assert aman is not None and aman.meeting("ar") == "الجلسة الثالثة لعام 2025م"
    assert aman.date_gregorian == date(2025, 10, 20)
    assert get_profile("ajfar").board_approval.date_gregorian == date(2023, 2, 23)


@pytest.mark.parametrize(
    ("method", "field"),
    [
        ("branch", "branch"),
        ("program", "program"),
        ("channel", "channel"),
        ("category", "category"),
        ("document_kind", "document_kind"),
    ],
)
def test_unknown_codes_raise_validation_errors(method, field):
    with pytest.raises(ValidationError) as info:
        getattr(get_profile("ajfar"), method)("no_such_code")
    assert info.value.field == field
    assert "no_such_code" in info.value.message


def test_unknown_profile_lists_the_available_ones():
    with pytest.raises(ProfileError) as info:
        get_profile("nowhere")
    assert info.value.key == "id"
    for ident in IDS:
        assert ident in str(info.value)


def test_get_profile_is_cached():
    assert get_profile("aman") is get_profile("aman")


# --- validation of hand-edited files --------------------------------------------------------


def write_profile(tmp_path: Path, ident: str = "ajfar", *edits: tuple[str, str]) -> Path:
    """Copy a bundled profile (and its policy) to tmp_path, applying text edits."""
    (tmp_path / "policies").mkdir(exist_ok=True)
    shutil.copy(profiles_dir() / "policies" / f"{ident}.txt", tmp_path / "policies")
    text = (profiles_dir() / f"{ident}.toml").read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / f"{ident}.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_an_unchanged_copy_loads(tmp_path):
    copy = load_profile(write_profile(tmp_path))
    assert copy.programs == get_profile("ajfar").programs
    assert copy.policy_text() == get_profile("ajfar").policy_text()


@pytest.mark.parametrize(
    ("edit", "key"),
    [
        (('digits = "arabic"', ""), "digits"),
        (('digits = "arabic"', 'digits = "indian"'), "digits"),
        (("answer_period_days = 14", "answer_period_days = 7"), "answer_period_days"),
        (("answer_period_days = 14", 'answer_period_days = "14"'), "answer_period_days"),
        (('code = "AJF"', 'code = "AJ"'), "code"),
        (('code = "AJF"', 'code = "ajf"'), "code"),
        (('id = "ajfar"', 'id = "other"'), "id"),
        (('license_number = "4284"', 'license_number = "No. 4284"'), "license_number"),
        (('name_en = "AlAjfar', 'nmae_en = "AlAjfar'), "nmae_en"),
        (('name_ar = "جمعية التنمية الأهلية بالأجفر"', 'name_ar = " "'), "name_ar"),
        (('policy_file = "policies/ajfar.txt"', 'policy_file = "policies/x.txt"'), "policy_file"),
        (('code = "phone"', 'code = "interview"'), "channels[2].code"),
        (('code = "phone"', 'code = "Phone"'), "channels[2].code"),
        (
            ('"family_record", "income_proof"]', '"family_record", "passport"]'),
            "programs[1].required_documents",
        ),
        (('categories = ["orphan"]', 'categories = ["orphans"]'), "programs[3].categories"),
        (('card"\nhas_expiry = true', 'card"\nhas_expiry = "yes"'), "document_kinds[1].has_expiry"),
        (('ref_prefix = "AJF"', 'ref_prefix = "AJX"'), "branches[1].ref_prefix"),
        (('code = "HQ"', 'code = "MAIN"'), "branches"),
        (
            ('date_gregorian = "2023-02-23"', 'date_gregorian = "23/02/2023"'),
            "board_approval.date_gregorian",
        ),
        (
            ("[board_approval]\n", "[board_approval]\ndate_hijri = '1444-13-01'\n"),
            "board_approval.date_hijri",
        ),
        (("[[channels]]\n", "[[channels]]\nextra = 1\n"), "channels[1].extra"),
        (('name_ar = "المقابلة"', "name_ar = 3"), "channels[1].name_ar"),
    ],
)
def test_broken_profiles_name_file_and_key(tmp_path, edit, key):
    path = write_profile(tmp_path, "ajfar", edit)
    with pytest.raises(ProfileError) as info:
        load_profile(path)
    assert info.value.key == key
    assert info.value.source == path
    assert "ajfar.toml" in str(info.value) and key in str(info.value)


def test_an_unchanged_copy_of_aman_keeps_its_eligibility(tmp_path):
    copy = load_profile(write_profile(tmp_path, "aman"))
    assert copy.programs == get_profile("aman").programs


@pytest.mark.parametrize(
    ("edit", "key"),
    [
        (
            ('code = "skills"', 'code = "platform_registration"'),
            "programs[2].eligibility.confirmations[2].code",
        ),
        (
            ('code = "invitation"', 'code = "documents"'),
            "programs[7].eligibility.confirmations[2].code",
        ),
        (
            ('text_en = "The event suits its target group"', 'text_en = ""'),
            "programs[7].eligibility.confirmations[1].text_en",
        ),
        (
            ("[programs.eligibility]\n", "[programs.eligibility]\nmin_age = 30\nmax_age = 20\n"),
            "programs[1].eligibility.max_age",
        ),
        (
            ("[programs.eligibility]\n", "[programs.eligibility]\ncities = [1]\n"),
            "programs[1].eligibility.cities[1]",
        ),
    ],
)
def test_broken_aman_eligibility_names_the_key(tmp_path, edit, key):
    path = write_profile(tmp_path, "aman", edit)
    with pytest.raises(ProfileError) as info:
        load_profile(path)
    assert info.value.key == key and "aman.toml" in str(info.value)


def test_duplicate_reference_prefix(tmp_path):
    path = write_profile(tmp_path, "najran", ('ref_prefix = "NJR2"', 'ref_prefix = "NJR1"'))
    with pytest.raises(ProfileError, match="NJR1") as info:
        load_profile(path)
    assert info.value.key == "branches[3].ref_prefix"


def test_a_section_with_no_entries(tmp_path):
    path = write_profile(tmp_path)
    text = path.read_text(encoding="utf-8")
    without_programs = text[: text.index("[[programs]]")]
    path.write_text("programs = []\n" + without_programs, encoding="utf-8")
    with pytest.raises(ProfileError) as info:
        load_profile(path)
    assert info.value.key == "programs"


def test_not_toml_and_missing_file(tmp_path):
    path = write_profile(tmp_path, "ajfar", ('id = "ajfar"', 'id = "ajfar'))
    with pytest.raises(ProfileError, match="TOML"):
        load_profile(path)
    with pytest.raises(ProfileError):
        load_profile(tmp_path / "absent.toml")


def test_board_approval_is_optional_and_accepts_bare_dates(tmp_path):
    path = write_profile(
        tmp_path, "baraa", ('date_gregorian = "2024-10-13"', "date_gregorian = 2024-10-13")
    )
    assert load_profile(path).board_approval.date_gregorian == date(2024, 10, 13)
    assert load_profile(profiles_dir() / "alhuda.toml").board_approval is None
