"""Eligibility per program (policy 003): each condition, its explanation, the profile keys."""

from __future__ import annotations

import re
import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file

from ajfar_desk import i18n
from ajfar_desk.domain import eligibility as eligibility_module
from ajfar_desk.domain.eligibility import EligibilityFacts, Line, evaluate, explain
from ajfar_desk.domain.profile import ProfileError, get_profile, load_profile, profiles_dir
from ajfar_desk.domain.programs import City, Confirmation, Eligibility, Program

ON = date(2025, 3, 10)  # the evaluation day

# The Arabic translations of the new msgids (to be added to resources/i18n/ar/…/ajfar_desk.po).
ARABIC = {
    "Category «{category}» is among those the program serves":
        "الفئة «{category}» من الفئات التي يخدمها البرنامج",
    "Category «{category}» is not among those the program serves: {categories}":
        "الفئة «{category}» ليست من الفئات التي يخدمها البرنامج: {categories}",
    "Income per household member is {income} SAR (household of {size}, total {total} SAR),"
    " within the program's limit of {limit} SAR":
        "نصيب الفرد من دخل الأسرة {income} ريال (عدد أفراد الأسرة {size}، وإجمالي دخلها {total}"
        " ريال)، وهو ضمن الحد الأعلى للبرنامج البالغ {limit} ريال",
    "Income per household member is {income} SAR (household of {size}, total {total} SAR),"
    " above the program's limit of {limit} SAR":
        "نصيب الفرد من دخل الأسرة {income} ريال (عدد أفراد الأسرة {size}، وإجمالي دخلها {total}"
        " ريال)، وهو يتجاوز الحد الأعلى للبرنامج البالغ {limit} ريال",
    "Age {age} is below the program's minimum of {min_age}":
        "عمر المتقدم {age}، وهو دون الحد الأدنى للعمر في البرنامج ({min_age})",
    "Age {age} is above the program's maximum of {max_age}":
        "عمر المتقدم {age}، وهو يتجاوز الحد الأعلى للعمر في البرنامج ({max_age})",
    "Age {age} is within the program's range of {min_age} to {max_age}":
        "عمر المتقدم {age}، وهو ضمن الفئة العمرية للبرنامج (من {min_age} إلى {max_age})",
    "Age {age} meets the program's minimum of {min_age}":
        "عمر المتقدم {age}، وهو يستوفي الحد الأدنى للعمر في البرنامج ({min_age})",
    "Age {age} is within the program's maximum of {max_age}":
        "عمر المتقدم {age}، وهو لا يتجاوز الحد الأعلى للعمر في البرنامج ({max_age})",
    "No city is recorded; the program serves only: {cities}":
        "لم تُسجَّل مدينة المتقدم، والبرنامج مقصور على: {cities}",
    "The city {city} is among the program's cities":
        "مدينة المتقدم {city} من المدن التي يشملها البرنامج",
    "The city {city} is not among the program's cities: {cities}":
        "مدينة المتقدم {city} ليست من المدن التي يشملها البرنامج: {cities}",
    "All required documents are present and valid":
        "المستندات المطلوبة كلها مقدَّمة وسارية المفعول",
    "Some required documents are missing or expired":
        "من المستندات المطلوبة ما هو ناقص أو منتهي الصلاحية",
    "Confirmed: {text}": "تم التحقق: {text}",
    "Not yet confirmed: {text}": "لم يتم التحقق بعد: {text}",
    "«{program}» sets no eligibility conditions.": "لا يشترط «{program}» شروطاً للأهلية.",
    "Eligible for «{program}»: every condition is met.":
        "المتقدم مستوفٍ لشروط «{program}» جميعها.",
    "Not eligible for «{program}».": "المتقدم غير مستوفٍ لشروط «{program}».",
    # programs.py: errors in a hand-edited [programs.eligibility] table
    "must be a list in square brackets": "يجب أن تكون قائمة بين قوسين مربعين",
    "must list at least one entry; leave the key out for none":
        "يجب أن تضم القائمة عنصراً واحداً على الأقل؛ يُحذف المفتاح إن لم يكن ثمة شيء",
    "write categories on the program itself, not under eligibility":
        "تُكتب الفئات (categories) في البرنامج نفسه، لا تحت eligibility",
    "must be an amount in riyals greater than zero, without quotes":
        "يجب أن يكون مبلغاً بالريال أكبر من الصفر، دون علامات تنصيص",
    "must be a whole number of years from 0 to {high}":
        "يجب أن يكون عدداً صحيحاً من السنوات من 0 إلى {high}",
    "must not be less than min_age ({min_age})": "يجب ألا يقل عن min_age ({min_age})",
    "must be a city name in quotes or a table with name_ar and name_en":
        "يجب أن يكون اسم مدينة بين علامتي تنصيص أو جدولاً فيه name_ar و name_en",
    "duplicate city: {city}": "مدينة مكررة: {city}",
    "{code} is reserved for a built-in condition; choose another code":
        "الرمز {code} محجوز لشرط مدمج في البرنامج؛ يُرجى اختيار رمز آخر",
}  # fmt: skip

ARABIC_LETTER = re.compile(r"[\u0621-\u064a]")


@pytest.fixture(autouse=True)
def english_messages(arabic_by_default):
    """These tests read the English msgids; the Arabic lines are checked with ARABIC below."""
    i18n.set_language("en")


@pytest.fixture
def arabic_catalog(monkeypatch):
    """The Arabic catalog with this feature's translations, whether or not the .po has them yet."""
    real = i18n.catalog
    monkeypatch.setattr(i18n, "catalog", lambda lang: real(lang) | (ARABIC if lang == "ar" else {}))


def program(required: tuple[str, ...] = (), categories: tuple[str, ...] = (), **rules) -> Program:
    return Program("p", "البرنامج", "The program", required, categories, Eligibility(**rules))


def facts(**changes) -> EligibilityFacts:
    values = {
        "category": "orphan",
        "birth_date": date(2000, 3, 10),
        "city": "نجران",
        "monthly_income": Decimal(0),
        "member_incomes": (),
        "documents_ok": True,
        "confirmed": frozenset(),
    }
    return EligibilityFacts(**(values | changes))


def only_line(prog: Program, **changes) -> Line:
    result = evaluate(prog, facts(**changes), ON)
    assert len(result.lines) == 1
    assert result.eligible == result.lines[0].passed
    return result.lines[0]


# --- no conditions ----------------------------------------------------------------------------


def test_a_program_without_conditions_is_eligible_with_no_lines():
    result = evaluate(program(), facts(), ON)
    assert result.eligible and result.lines == () and result.failed == ()
    assert explain(result) == "«The program» sets no eligibility conditions."
    assert Program("x", "س", "X", ()).eligibility == Eligibility()


# --- category ---------------------------------------------------------------------------------


def test_category_named_from_the_profile():
    aman = get_profile("aman")
    prog = program(categories=("orphan", "family"))
    result = evaluate(prog, facts(category="orphan"), ON, profile=aman)
    assert result.lines == (
        Line("category", True, "Category «Orphan» is among those the program serves"),
    )
    line = evaluate(prog, facts(category="trainee"), ON, profile=aman).lines[0]
    assert line == Line(
        "category",
        False,
        "Category «Trainee» is not among those the program serves: Orphan, Family",
    )


def test_category_without_a_profile_shows_codes():
    line = only_line(program(categories=("orphan",)), category="widow")
    assert line.text == "Category «widow» is not among those the program serves: orphan"


# --- income -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("own", "members", "passed", "text"),
    [
        (
            "2500", ("1250", "0"), True,
            "Income per household member is 1,250.00 SAR (household of 3, total 3,750.00 SAR),"
            " within the program's limit of 1,500.00 SAR",
        ),
        (
            "4200", ("0",), False,
            "Income per household member is 2,100.00 SAR (household of 2, total 4,200.00 SAR),"
            " above the program's limit of 1,500.00 SAR",
        ),
        (  # exactly at the limit passes
            "3000", ("0",), True,
            "Income per household member is 1,500.00 SAR (household of 2, total 3,000.00 SAR),"
            " within the program's limit of 1,500.00 SAR",
        ),
        (  # no household members: the applicant alone
            "1500.01", (), False,
            "Income per household member is 1,500.01 SAR (household of 1, total 1,500.01 SAR),"
            " above the program's limit of 1,500.00 SAR",
        ),
        (
            "0", (), True,
            "Income per household member is 0.00 SAR (household of 1, total 0.00 SAR),"
            " within the program's limit of 1,500.00 SAR",
        ),
    ],
)  # fmt: skip
def test_income_per_household_member(own, members, passed, text):
    prog = program(max_income_per_member=Decimal(1500))
    line = only_line(prog, monthly_income=Decimal(own), member_incomes=tuple(map(Decimal, members)))
    assert line == Line("income", passed, text)


def test_an_income_not_said_is_not_taken_as_within_the_limit():
    """Her file may now say her income was not said (trial 11: «الدخل الشهري ٠٫٠٠» for an income
    left empty); the limit cannot be checked, so the line fails and says what to do."""
    prog = program(max_income_per_member=Decimal(1500))
    line = only_line(prog, monthly_income=Decimal(0), income_given=False)
    assert line.code == "income" and not line.passed
    assert "not recorded" in line.text and "1,500.00" in line.text
    woman = evaluate(prog, facts(income_given=False, gender="female"), ON, lang="ar").lines[0]
    assert woman.text.startswith("لم يُسجَّل دخل المتقدمة الشهري في ملفها")
    assert only_line(prog, monthly_income=Decimal(0)).passed  # said to be 0: within the limit


def test_income_share_is_rounded_to_the_halala():
    household = facts(monthly_income=Decimal(1000), member_incomes=(Decimal(0), Decimal(0)))
    assert household.income_per_member == Decimal("333.33")
    assert household.household_size == 3 and household.household_income == Decimal(1000)
    line = evaluate(program(max_income_per_member=Decimal("333.33")), household, ON).lines[0]
    assert line.passed and "333.33 SAR (household of 3, total 1,000.00 SAR)" in line.text


def test_facts_accept_plain_numbers_and_lists_and_refuse_negative_incomes():
    f = facts(monthly_income=1200, member_incomes=[300, "0.5"], confirmed=["a", "a"])
    assert f.monthly_income == Decimal(1200)
    assert f.member_incomes == (Decimal(300), Decimal("0.5"))
    assert f.confirmed == frozenset({"a"})
    hash(f)
    with pytest.raises(ValueError, match="monthly_income"):
        facts(monthly_income=Decimal(-1))
    with pytest.raises(ValueError, match="member_incomes"):
        facts(member_incomes=(Decimal(100), Decimal(-5)))


# --- age --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("birth", "passed", "text"),
    [
        (date(2007, 3, 10), True, "Age 18 is within the program's range of 18 to 35"),  # 18 today
        (date(2007, 3, 11), False, "Age 17 is below the program's minimum of 18"),  # 18 tomorrow
        (date(1989, 3, 11), True, "Age 35 is within the program's range of 18 to 35"),
        (date(1989, 3, 10), False, "Age 36 is above the program's maximum of 35"),  # 36 today
    ],
)
def test_age_on_the_day_of_evaluation(birth, passed, text):
    line = only_line(program(min_age=18, max_age=35), birth_date=birth)
    assert line == Line("age", passed, text)


def test_age_with_one_bound_only():
    assert only_line(program(min_age=18), birth_date=date(1960, 1, 1)).text == (
        "Age 65 meets the program's minimum of 18"
    )
    assert only_line(program(max_age=35), birth_date=date(2010, 1, 1)).text == (
        "Age 15 is within the program's maximum of 35"
    )
    assert not only_line(program(max_age=0), birth_date=date(2024, 3, 10)).passed  # one year old
    with pytest.raises(ValueError):
        evaluate(program(min_age=18), facts(birth_date=date(2025, 3, 11)), ON)


# --- city -------------------------------------------------------------------------------------

CITIES = (City("نجران", "Najran"), City("شرورة", "Sharurah"), City("الأحساء"))


@pytest.mark.parametrize(
    "typed", ["نجران", " نَجران ", "Najran", "najran", "شروره", "الاحساء", "الإحساء"]
)
def test_city_matches_after_arabic_normalisation(typed):
    line = only_line(program(cities=CITIES), city=typed)
    assert line == Line("city", True, f"The city {typed.strip()} is among the program's cities")


def test_city_outside_the_program():
    line = only_line(program(cities=CITIES[:2]), city="Riyadh")
    assert line == Line(
        "city", False, "The city Riyadh is not among the program's cities: Najran, Sharurah"
    )
    line = only_line(program(cities=CITIES[:2]), city="  ")
    assert line == Line(
        "city", False, "No city is recorded; the program serves only: Najran, Sharurah"
    )
    arabic = evaluate(program(cities=CITIES), facts(city="الرياض"), ON, "ar").lines[0]
    assert not arabic.passed and "نجران، شرورة، الأحساء" in arabic.text


# --- documents and confirmations --------------------------------------------------------------


def test_documents_are_one_line_from_the_checklist():
    assert only_line(program(required=("national_id",)), documents_ok=True) == Line(
        "documents", True, "All required documents are present and valid"
    )
    assert only_line(program(required=("national_id",)), documents_ok=False) == Line(
        "documents", False, "Some required documents are missing or expired"
    )
    assert evaluate(program(), facts(documents_ok=False), ON).lines == ()  # nothing required


CONFIRMATIONS = (
    Confirmation("qualification", "مطابقة المؤهل", "The qualification matches"),
    Confirmation("registration", "التسجيل في المنصة", "Registered on the platform"),
)


def test_confirmations_ticked_by_the_employee():
    result = evaluate(
        program(confirmations=CONFIRMATIONS), facts(confirmed={"registration", "other"}), ON
    )
    assert result.lines == (
        Line("qualification", False, "Not yet confirmed: The qualification matches"),
        Line("registration", True, "Confirmed: Registered on the platform"),
    )
    assert not result.eligible and result.failed == result.lines[:1]
    both = facts(confirmed=frozenset({"qualification", "registration"}))
    assert evaluate(program(confirmations=CONFIRMATIONS), both, ON).eligible


# --- order, explanation, languages ------------------------------------------------------------

FULL = program(
    required=("national_id",),
    categories=("orphan",),
    max_income_per_member=Decimal(1500),
    min_age=18,
    max_age=35,
    cities=CITIES,
    confirmations=CONFIRMATIONS,
)


def test_lines_come_in_a_fixed_order_and_a_refusal_names_only_the_failures():
    f = facts(birth_date=date(2010, 1, 1), monthly_income=Decimal(1000), confirmed={"registration"})
    result = evaluate(FULL, f, ON)
    codes = [line.code for line in result.lines]
    assert codes == [
        "category",
        "income",
        "age",
        "city",
        "documents",
        "qualification",
        "registration",
    ]
    assert [line.code for line in result.failed] == ["age", "qualification"]
    assert result.program == "p" and result.program_name == "The program"
    text = explain(result)
    assert text.startswith(
        "Not eligible for «The program». Age 15 is below the program's minimum of 18."
        " Not yet confirmed: The qualification matches."
    )
    # a passed condition among the reasons read as one more failure at the desk
    assert text.endswith("Not yet confirmed: The qualification matches.") and "\n" not in text
    assert "Category" not in text and "Registered on the platform" not in text


def test_explain_when_eligible():
    f = facts(monthly_income=Decimal(900), confirmed={"qualification", "registration"})
    result = evaluate(FULL, f, ON)
    assert result.eligible and len(result.lines) == 7
    assert explain(result).startswith(
        "Eligible for «The program»: every condition is met. Category"
    )


def test_arabic_lines_read_in_arabic(arabic_catalog):
    f = facts(birth_date=date(1990, 5, 1), monthly_income=Decimal(2000), member_incomes=(1,))
    result = evaluate(FULL, f, ON, "ar", profile=get_profile("aman"))
    assert result.lang == "ar" and result.program_name == "البرنامج"
    for line in result.lines:
        assert ARABIC_LETTER.search(line.text), line
    assert result.lines[0].text == "الفئة «يتيم» من الفئات التي يخدمها البرنامج"
    assert "1,000.5" in result.lines[1].text and "1,500" in result.lines[1].text
    assert result.lines[-1].text == "لم يتم التحقق بعد: التسجيل في المنصة"
    assert explain(result).startswith("المتقدم غير مستوفٍ لشروط «البرنامج».")
    # the current language is the default; lang="en" still gives English
    i18n.set_language("ar")
    assert ARABIC_LETTER.search(evaluate(FULL, f, ON).lines[1].text)
    assert evaluate(FULL, f, ON, "en").lines[2].text.startswith("Age 34")


def test_arabic_translations_cover_the_messages_and_keep_placeholders():
    path = Path(eligibility_module.__file__)
    used = {m[1] for m in extract_from_file("python", str(path), keywords={"_": None})}
    assert used and used <= ARABIC.keys()
    placeholder = re.compile(r"\{[a-z_]*\}")
    for msgid, arabic in ARABIC.items():
        assert sorted(placeholder.findall(msgid)) == sorted(placeholder.findall(arabic)), msgid
        assert ARABIC_LETTER.search(arabic)


# --- the bundled profiles ---------------------------------------------------------------------


def test_aman_training_needs_the_desk_confirmations():
    aman = get_profile("aman")
    training = aman.program("training")
    trainee = facts(category="trainee", city="أبها")
    result = evaluate(training, trainee, ON, profile=aman)
    assert [line.code for line in result.lines] == [
        "category",
        "documents",
        "qualification",
        "commitment",
        "program_criteria",
    ]
    assert not result.eligible
    ticked = facts(category="trainee", confirmed=set(training.eligibility.confirmation_codes))
    assert evaluate(training, ticked, ON, profile=aman).eligible


# --- the profile keys -------------------------------------------------------------------------


def copy_profile(tmp_path: Path, ident: str, *edits: tuple[str, str], append: str = "") -> Path:
    """Copy a bundled profile (and its policy) to tmp_path, applying text edits."""
    (tmp_path / "policies").mkdir(exist_ok=True)
    shutil.copy(profiles_dir() / "policies" / f"{ident}.txt", tmp_path / "policies")
    text = (profiles_dir() / f"{ident}.toml").read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / f"{ident}.toml"
    path.write_text(text + append, encoding="utf-8")
    return path


def test_numeric_conditions_load(tmp_path):
    path = copy_profile(
        tmp_path,
        "ajfar",
        append=(
            "\n[programs.eligibility]\nmax_income_per_member = 1500.5\nmin_age = 18\nmax_age = 18\n"
            'cities = ["الأحساء", { name_ar = "نجران", name_en = "Najran" }]\n'
        ),
    )
    volunteering = load_profile(path).program("volunteering")
    assert volunteering.eligibility == Eligibility(
        Decimal("1500.5"), 18, 18, (City("الأحساء"), City("نجران", "Najran"))
    )
    assert volunteering.eligibility.cities[0].name("en") == "الأحساء"
    assert volunteering.categories == ("volunteer",)
    hash(volunteering)
    assert load_profile(path).program("food_aid").eligibility == Eligibility()


TRAINING = "[programs.eligibility]\n"  # the first program's (training) eligibility table in aman


@pytest.mark.parametrize(
    ("edit", "key"),
    [
        ((TRAINING, TRAINING + "max_income_per_member = 0\n"), "max_income_per_member"),
        ((TRAINING, TRAINING + "max_income_per_member = -5\n"), "max_income_per_member"),
        ((TRAINING, TRAINING + 'max_income_per_member = "1500"\n'), "max_income_per_member"),
        ((TRAINING, TRAINING + "max_income_per_member = true\n"), "max_income_per_member"),
        ((TRAINING, TRAINING + "max_income_per_member = inf\n"), "max_income_per_member"),
        ((TRAINING, TRAINING + "min_age = 18.5\n"), "min_age"),
        ((TRAINING, TRAINING + "min_age = -1\n"), "min_age"),
        ((TRAINING, TRAINING + "max_age = 200\n"), "max_age"),
        ((TRAINING, TRAINING + "min_age = 40\nmax_age = 35\n"), "max_age"),
        ((TRAINING, TRAINING + "cities = []\n"), "cities"),
        ((TRAINING, TRAINING + 'cities = "نجران"\n'), "cities"),
        ((TRAINING, TRAINING + 'cities = ["نجران", "نَجرآن"]\n'), "cities[2]"),
        (
            (
                TRAINING,
                TRAINING + 'cities = [{ name_ar = "نجران", name_en = "Najran" }, "najran"]\n',
            ),
            "cities[2]",
        ),
        ((TRAINING, TRAINING + "cities = [3]\n"), "cities[1]"),
        ((TRAINING, TRAINING + 'cities = [" "]\n'), "cities[1]"),
        ((TRAINING, TRAINING + 'cities = [{ name_en = "Najran" }]\n'), "cities[1].name_ar"),
        (
            (TRAINING, TRAINING + 'cities = [{ name_ar = "نجران", nmae_en = "N" }]\n'),
            "cities[1].nmae_en",
        ),
        ((TRAINING, TRAINING + 'categories = ["trainee"]\n'), "categories"),
        ((TRAINING, TRAINING + "max_incom = 5\n"), "max_incom"),
        (('code = "commitment"', 'code = "qualification"'), "confirmations[2].code"),
        (('code = "qualification"', 'code = "age"'), "confirmations[1].code"),
        (('code = "qualification"', 'code = ""'), "confirmations[1].code"),
        (('code = "qualification"', 'code = "Qualification"'), "confirmations[1].code"),
        (('text_ar = "مطابقة المؤهل', 'text_arr = "'), "confirmations[1].text_arr"),
    ],
)
def test_broken_eligibility_names_file_and_key(tmp_path, edit, key):
    path = copy_profile(tmp_path, "aman", edit)
    with pytest.raises(ProfileError) as info:
        load_profile(path)
    full = f"programs[1].eligibility.{key}"
    named = {e.key: e for e in info.value.mistakes}  # a misspelt key: also the one missing
    assert full in named
    assert named[full].source == path and full in str(named[full])


@pytest.mark.parametrize(
    ("edit", "key"),
    [
        (
            ('text_ar = "مطابقة المؤهل الأكاديمي والخبرات لمتطلبات البرنامج"', 'text_ar = " "'),
            "text_ar",
        ),
        (('text_en = "The academic qualification', "text_en = 5 #"), "text_en"),
        (('code = "qualification"\n', ""), "code"),
    ],
)
def test_broken_confirmation_text(tmp_path, edit, key):
    path = copy_profile(tmp_path, "aman", edit)
    with pytest.raises(ProfileError) as info:
        load_profile(path)
    assert info.value.key == f"programs[1].eligibility.confirmations[1].{key}"


@pytest.mark.parametrize(
    ("append", "key"),
    [
        ("eligibility = 5\n", "programs[5].eligibility"),
        ("\n[programs.eligibility]\nconfirmations = []\n", "programs[5].eligibility.confirmations"),
        (
            "\n[programs.eligibility]\nconfirmations = 'x'\n",
            "programs[5].eligibility.confirmations",
        ),
        (
            "\n[[programs.eligibility.confirmations]]\ncode = 'a'\n",
            "programs[5].eligibility.confirmations[1].text_ar",
        ),
        (
            "\n[programs.eligibility]\nconfirmations = [3]\n",
            "programs[5].eligibility.confirmations[1]",
        ),
    ],
)
def test_broken_eligibility_at_the_end_of_a_profile(tmp_path, append, key):
    path = copy_profile(tmp_path, "ajfar", append=append)
    with pytest.raises(ProfileError) as info:
        load_profile(path)
    assert info.value.key == key


def test_an_empty_eligibility_table_sets_no_conditions(tmp_path):
    path = copy_profile(tmp_path, "ajfar", append="\n[programs.eligibility]\n")
    assert load_profile(path).programs == get_profile("ajfar").programs
