"""The duplicate check of a birth "about 1980" compares the name with everyone born that year;
it narrows the year's names before scoring them.  Here it must find exactly what scoring every
name of the year finds (the plain scorer, written out below), on names the matcher takes as one
(hamza/alef, ta marbuta, ya, a missing father's name, a misspelt part, the other script) and on
names it must not take, in both directions (approximate typed, exact stored; and the reverse)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from ajfar_desk.db.models import Applicant
from ajfar_desk.domain.cross_script import similar_across
from ajfar_desk.domain.text import normalize_name, token_similarity, tokens_of_normalized
from ajfar_desk.services.applicants import applicants
from ajfar_desk.services.applicants.applicant_input import ApplicantInput
from ajfar_desk.services.applicants.similar import SIMILAR_THRESHOLD

STORED = [  # (first, father, grandfather, family, birth, approximate)
    ("أحمد", "إبراهيم", "عبدالله", "الزهراني", "1980-03-15", False),
    ("احمد", "ابراهيم", "", "الزهراني", "1980-11-02", False),  # no grandfather, no hamza
    ("أحمد", "", "عبدالله", "الزهراني", "1980-07-01", True),  # no father, "about 1980"
    ("فاطمة", "علي", "حسن", "القحطاني", "1980-01-01", False),
    ("فاطمه", "على", "حسن", "القحطانى", "1980-05-20", False),  # ta marbuta as ha, alif maqsura
    ("مصطفى", "يحيى", "موسى", "العتيبي", "1980-09-09", False),
    ("مصطفي", "يحيي", "موسي", "العتيبى", "1980-07-01", True),  # every ya the other way
    ("عبدالرحمن", "سعيد", "ناصر", "الدوسري", "1980-02-29", False),
    ("عبد الرحمن", "سعيد", "ناصر", "الدوسرى", "1980-12-31", False),  # two words, ya
    ("عبدالرحمان", "سعيد", "ناصر", "الدوسري", "1980-06-06", False),  # a letter too many
    ("خالد", "سالم", "ناصر", "الدوسري", "1980-04-04", False),  # the family, another man
    ("حسن", "علي", "حسن", "القحطاني", "1980-08-08", False),  # short parts: حسن is not حسين
    ("Ahmed", "Ibrahim", "Abdullah", "Alzahrani", "1980-10-10", False),  # a passport's Latin name
    ("أحمد", "إبراهيم", "عبدالله", "الزهراني", "1979-12-31", False),  # the year before: never
    ("أحمد", "إبراهيم", "عبدالله", "الزهراني", "1981-01-01", False),  # the year after: never
]

TYPED = [  # the names typed at the desk, each a tricky spelling of some of the above
    "احمد ابراهيم عبد الله الزهراني",
    "أحمد عبدالله الزهراني",  # the father left out
    "الزهراني أحمد إبراهيم عبدالله",  # the family first
    "فاطمة علي حسن القحطاني",
    "فاطمه علي حسين القحطاني",
    "مصطفى يحيى موسى العتيبي",
    "عبدالرحمن سعيد ناصر الدوسري",
    "عبدالرحمن الدوسري",
    "خالد ناصر الدوسري",
    "حسين علي حسن القحطاني",
    "Ahmad Ibraheem Abdallah Al-Zahrani",
    "سالم محمد الحربي",  # nobody
]


def _register(ctx) -> dict[str, object]:
    ids = {}
    for first, father, grand, family, birth, approx in STORED:
        view = applicants.register(ctx, ApplicantInput(
            national_id="", id_type="none", first_name=first, father_name=father,
            grandfather_name=grand, family_name=family,
            birth_date=birth if not approx else birth[:4], birth_approx=approx,
            gender="male", consent=True), confirm_similar=True)
        ids[view.id] = view
    return ids


def _plain(ctx, name: str, born: dt.date, approx: bool) -> dict:
    """Every file of the year (approximate typed), or of the day and the files "about" its year
    (exact typed), scored one by one: the check as it would be without any narrowing."""
    with ctx.reading() as s:
        rows = s.execute(select(Applicant.id, Applicant.name_norm, Applicant.birth_date,
                                Applicant.birth_approx)).all()
    query = normalize_name(name)
    tokens = tokens_of_normalized(query)
    found = {}
    for row in rows:
        if approx:
            meets = row.birth_date.year == born.year
        else:
            meets = row.birth_date == born or (row.birth_approx and row.birth_date.year == born.year)
        if not meets:
            continue
        score = token_similarity(tokens, tokens_of_normalized(row.name_norm))
        if query.isascii() != row.name_norm.isascii():
            score = max(score, similar_across(query, [row.name_norm], SIMILAR_THRESHOLD,
                                              normalized=True).get(row.name_norm, 0.0))
        if score >= SIMILAR_THRESHOLD:
            found[row.id] = round(score, 9)
    return found


def _found(ctx, name: str, born: dt.date, approx: bool) -> dict:
    _existing, similar = applicants.duplicate_check(ctx, "", name, born, birth_approx=approx)
    return {s.id: round(s.similarity, 9) for s in similar}


def test_the_narrowed_year_finds_what_every_name_of_the_year_scored_finds(ctx):
    _register(ctx)
    nonempty = 0
    for name in TYPED:
        for born, approx in ((dt.date(1980, 7, 1), True), (dt.date(1980, 3, 15), False),
                             (dt.date(1980, 11, 2), False), (dt.date(1980, 1, 1), False)):
            expected = _plain(ctx, name, born, approx)
            assert _found(ctx, name, born, approx) == expected, (name, born, approx)
            nonempty += bool(expected)
    assert nonempty >= 20  # the tricky names are found, not only agreed on as nobody


def test_the_year_check_takes_the_spellings_the_matcher_takes(ctx):
    ids = {v.full_name: k for k, v in _register(ctx).items() if v.birth_date.year == 1980}
    about = dt.date(1980, 7, 1)
    found = _found(ctx, "احمد ابراهيم عبد الله الزهراني", about, True)
    assert {ids["أحمد إبراهيم عبدالله الزهراني"], ids["احمد ابراهيم الزهراني"],
            ids["أحمد عبدالله الزهراني"]} <= set(found)
    found = _found(ctx, "فاطمة علي حسن القحطاني", about, True)
    assert {ids["فاطمة علي حسن القحطاني"], ids["فاطمه على حسن القحطانى"]} <= set(found)
    found = _found(ctx, "مصطفى يحيى موسى العتيبي", about, True)
    assert {ids["مصطفى يحيى موسى العتيبي"], ids["مصطفي يحيي موسي العتيبى"]} <= set(found)
    found = _found(ctx, "عبدالرحمن سعيد ناصر الدوسري", about, True)
    assert {ids["عبدالرحمن سعيد ناصر الدوسري"], ids["عبد الرحمن سعيد ناصر الدوسرى"],
            ids["عبدالرحمان سعيد ناصر الدوسري"]} <= set(found)
    assert ids["خالد سالم ناصر الدوسري"] not in found  # one family, another man
    assert _found(ctx, "سالم محمد الحربي", about, True) == {}


def test_the_narrowing_scores_as_every_name_scored_on_random_crowds():
    """``similar_names_many`` against ``similar_names`` (which looks at every name) on crowds of
    random names made of a few common parts, each at times misspelt (a letter dropped, doubled or
    changed), queries of 1 to 6 parts, at three thresholds."""
    import random

    from ajfar_desk.domain.crowd import least_near, similar_names_many
    from ajfar_desk.domain.text import similar_names

    rng = random.Random(1980)
    parts = [normalize_name(p) for p in (
        "محمد", "أحمد", "عبدالله", "عبدالرحمن", "إبراهيم", "علي", "حسن", "حسين", "فاطمة",
        "الزهراني", "القحطاني", "الدوسري", "العتيبي", "مصطفى", "يحيى", "سعد", "سعيد", "بن")]

    def spelt(part: str) -> str:
        if len(part) < 3 or rng.random() < 0.6:
            return part
        i = rng.randrange(len(part))
        return rng.choice((part[:i] + part[i + 1:], part[:i] + part[i] + part[i:],
                           part[:i] + rng.choice("اويهن") + part[i + 1:]))

    def name(width: int) -> str:
        return " ".join(spelt(rng.choice(parts)) for _ in range(width))

    assert [least_near(w, 0.8) for w in range(1, 7)] == [1, 2, 2, 3, 4, 4]
    for _ in range(60):
        crowd = [name(rng.randint(1, 5)) for _ in range(rng.randint(2, 400))]
        for threshold in (0.8, 0.6, 0.95):
            query = tokens_of_normalized(name(rng.randint(1, 6)))
            assert similar_names_many(query, "\n".join(crowd), threshold) == similar_names(
                query, crowd, threshold), (query, threshold)


def test_a_name_written_after_a_check_is_found_by_the_next(ctx):
    """The year's name parts are kept by the store (``db.name_parts``): a file registered that
    year after a check, with parts the year did not hold, is found by the next check."""
    _register(ctx)
    about = dt.date(1980, 7, 1)
    typed = "زكريا يعقوب إسماعيل الشهراني"
    assert _found(ctx, typed, about, True) == {}
    view = applicants.register(ctx, ApplicantInput(
        national_id="", id_type="none", first_name="زكرياء", father_name="يعقوب",
        grandfather_name="اسماعيل", family_name="الشهرانى", birth_date="1980-05-05",
        gender="male", consent=True), confirm_similar=True)
    found = _found(ctx, typed, about, True)
    assert set(found) == {view.id}
    assert found == _plain(ctx, typed, about, True)


def test_a_query_holding_a_part_thrice_finds_what_every_name_scored_finds():
    """«محمد محمد محمد العتيبي»: a name without العتيبي must hold three parts near محمد to
    pass (each query part aligns with a part of its own); the narrowing asks that of the names
    found only by محمد, and finds what scoring every name finds."""
    from ajfar_desk.domain.crowd import similar_names_many
    from ajfar_desk.domain.text import similar_names

    crowd = ["محمد محمد محمد", "محمد محمود محمد", "محمد فهد محمد", "محمد محمد الحربي",
             "محمد محمد محمد العتيبي", "فهد محمد محمد العتيبى", "محمد محمد", "سالم العتيبي"] * 3
    crowd += [f"محمد {x} محمد الحربي" for x in ("سعد", "علي", "فهد", "خالد")]
    query = ["محمد", "محمد", "محمد", "العتيبي"]
    for threshold in (0.8, 0.7, 0.6):
        expected = similar_names(query, crowd, threshold)
        assert similar_names_many(query, "\n".join(crowd), threshold) == expected
    assert {"محمد محمد محمد", "محمد محمود محمد"} <= set(similar_names(query, crowd, 0.8))
