"""Demonstration data, drawn: one plan per applicant (plain data, the same for the same seed)
with household members, documents (some expired) and requests; ``demo`` writes the plans."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from faker import Faker

from ...domain.dates import gregorian_to_hijri
from ...domain.digits import to_arabic_digits
from ...domain.identity import make_national_id
from ...domain.people import NATIONALITIES
from ..applicants.applicant_input import ApplicantInput
from ..store.context import AppContext
from .demo_data import (
    CITIES,
    FEMALE_FIRST,
    GENERIC_DISTRICTS,
    MALE_FIRST,
    REQUEST_TEXTS,
    RESIDENT_FAMILIES,
    RESIDENT_NATIONALITIES,
    SAUDI_FAMILIES,
    request_text,
)
from .demo_history import HISTORY_DAYS

PASSPORT_COUNTRIES = ("EG", "PK", "ID", "IN", "BD", "NG", "TR", "MY")
GCC_COUNTRIES = ("KW", "AE", "BH", "OM", "QA")
VALIDITY_YEARS = {"national_id": 10, "iqama": 1, "income_proof": 1, "lease": 1}


@dataclass
class DocPlan:
    kind: str
    number: str
    issue: dt.date | None
    expiry: dt.date | None


@dataclass
class MemberPlan:
    full_name: str
    relation: str
    gender: str
    birth: dt.date
    national_id: str = ""
    income: int = 0


@dataclass
class RequestPlan:
    program: str
    channel: str
    description: str
    submit: bool


@dataclass
class ApplicantPlan:
    data: ApplicantInput
    members: list[MemberPlan] = field(default_factory=list)
    documents: list[DocPlan] = field(default_factory=list)
    requests: list[RequestPlan] = field(default_factory=list)


class Planner:
    def __init__(self, ctx: AppContext, seed: int, taken: set[str], today: dt.date):
        self.profile, self.today, self.taken = ctx.profile, today, taken
        self.rng = random.Random(seed)
        faker = Faker("ar_SA")
        faker.seed_instance(seed)
        extra = {faker.last_name() for _ in range(60)}
        self.families = SAUDI_FAMILIES + tuple(sorted(f for f in extra if f not in SAUDI_FAMILIES))
        self.cities = dict(CITIES)
        if self.profile.city_ar and self.profile.city_ar not in self.cities:
            self.cities[self.profile.city_ar] = GENERIC_DISTRICTS
        self.home = self.profile.city_ar or "الرياض"
        self.kinds = {k.code: k for k in self.profile.document_kinds}
        # papers and children the applicant had before the visit (``demo_history`` dates it)
        self.before_history = today - dt.timedelta(days=HISTORY_DAYS + 7)

    def new_id(self, first: int) -> str:
        while True:
            nid = make_national_id(first, f"{self.rng.randrange(10**8):08d}")
            if nid not in self.taken:
                self.taken.add(nid)
                return nid

    def date_between(self, start: dt.date, end: dt.date) -> dt.date:
        return start + dt.timedelta(days=self.rng.randint(0, max(0, (end - start).days)))

    def birth(self, low: int, high: int) -> dt.date:
        return self.date_between(
            self.today - dt.timedelta(days=365 * high),
            self.today - dt.timedelta(days=365 * low + 1),
        )

    def plan(self, index: int) -> ApplicantPlan:
        rng, profile = self.rng, self.profile
        served = [
            c.code
            for c in profile.categories
            if any(p.is_open_to(c.code) for p in profile.programs)
        ]
        if index < 2 and served:  # the first two carry a submitted and a draft request
            category = served[0]
        else:
            category = (
                profile.categories[0].code
                if rng.random() < 0.45
                else rng.choice(profile.categories).code
            )
        gender = rng.choice(("male", "female"))
        low, high = 20, 70
        marital = rng.choices(("married", "single", "divorced", "widowed"), (55, 20, 12, 13))[0]
        if category in ("widow", "divorcee"):
            gender, marital = "female", ("widowed" if category == "widow" else "divorced")
        elif category == "elderly":
            low, high = 60, 90
        elif category in ("orphan", "volunteer"):
            low, high, marital = 18, 30, "single"
        nationality = "SA"
        roll = rng.randrange(100)
        for code, share in RESIDENT_NATIONALITIES:
            if roll < share:
                nationality = code
                break
            roll -= share
        first_names = MALE_FIRST if gender == "male" else FEMALE_FIRST
        family = rng.choice(
            self.families if nationality == "SA" else RESIDENT_FAMILIES[nationality]
        )
        birth = self.birth(low, high)
        city = self.home if rng.random() < 0.4 else rng.choice(list(self.cities))
        nid = self.new_id(1 if nationality == "SA" else 2)
        id_type, id_country, number = self.visitor(index, nid)
        if id_type:
            nationality = id_country if id_country in NATIONALITIES else "OT"
        data = ApplicantInput(
            national_id=number or nid,
            id_type=id_type,
            id_country=id_country,
            first_name=rng.choice(first_names),
            father_name=rng.choice(MALE_FIRST),
            grandfather_name=rng.choice(MALE_FIRST),
            family_name=family,
            birth_date=self.typed_date(birth),
            nationality=nationality,
            gender=gender,
            marital_status=marital,
            phone=f"05{rng.choice('0134565689')}{rng.randrange(10**7):07d}",
            phone2=f"05{rng.choice('0345')}{rng.randrange(10**7):07d}"
            if rng.random() < 0.2
            else "",
            city=city,
            district=rng.choice(self.cities[city]),
            monthly_income=str(rng.choice((0, 0, rng.randrange(0, 9000, 50)))),
            category=category,
            consent=True,
            notes="ملف تجريبي" if rng.random() < 0.05 else "",
        )
        plan = ApplicantPlan(data)
        self.household(plan, birth)
        self.requests(plan, index)
        self.documents(plan)
        return plan

    def visitor(self, index: int, nid: str) -> tuple[str, str, str]:
        """A pilgrim's identity where the association serves visitors (its profile knows the
        passport): every tenth file from the sixth a passport, from the ninth a GCC ID; else
        ("", "", "") (a Saudi ID or iqama).  Told by the index, so the other files stay as
        they were."""
        if index < 2 or not {"passport", "gcc_id"} <= self.kinds.keys():
            return "", "", ""
        turn = index // 10
        if index % 10 == 5:
            country = PASSPORT_COUNTRIES[turn % len(PASSPORT_COUNTRIES)]
            return "passport", country, f"{chr(65 + turn % 26)}{nid[1:9]}"
        if index % 10 == 8:
            country = GCC_COUNTRIES[turn % len(GCC_COUNTRIES)]
            return "gcc_id", country, {
                "AE": "78419" + nid, "BH": nid[1:], "KW": "2" + nid + "1", "OM": nid[2:],
                "QA": "2" + nid,
            }[country]
        return "", "", ""

    def typed_date(self, d: dt.date) -> str:
        """What a desk would type: ISO, day/month/year, or Hijri (some in Arabic-Indic digits)."""
        style = self.rng.random()
        if style < 0.3:
            y, m, day = gregorian_to_hijri(d)
            text = f"{y}/{m:02d}/{day:02d}هـ"
        elif style < 0.5:
            text = f"{d.day}/{d.month}/{d.year}"
        else:
            text = d.isoformat()
        return to_arabic_digits(text) if self.rng.random() < 0.15 else text

    def household(self, plan: ApplicantPlan, birth: dt.date) -> None:
        rng, a = self.rng, plan.data
        father = a.first_name if a.gender == "male" else rng.choice(MALE_FIRST)
        if a.marital_status == "married":
            spouse_gender = "female" if a.gender == "male" else "male"
            spouse_first = rng.choice(FEMALE_FIRST if spouse_gender == "female" else MALE_FIRST)
            plan.members.append(
                MemberPlan(
                    f"{spouse_first} {rng.choice(MALE_FIRST)} {rng.choice(MALE_FIRST)} {rng.choice(self.families)}",
                    "spouse",
                    spouse_gender,
                    self.date_between(
                        birth - dt.timedelta(days=3650),
                        min(
                            birth + dt.timedelta(days=3650),
                            self.today - dt.timedelta(days=365 * 18),
                        ),
                    ),
                    self.new_id(1) if a.nationality == "SA" else "",
                    rng.choice((0, 0, 0, 1500, 3000)),
                )
            )
        if a.marital_status == "single":
            return
        oldest = min(self.today - dt.timedelta(days=1), birth + dt.timedelta(days=365 * 20))
        for _ in range(rng.choices(range(7), (10, 15, 20, 20, 15, 12, 8))[0]):
            child_gender = rng.choice(("male", "female"))
            child_birth = self.date_between(oldest, self.before_history - dt.timedelta(days=30))
            adult = (self.today - child_birth).days > 365 * 15 and a.nationality == "SA"
            plan.members.append(
                MemberPlan(
                    f"{rng.choice(MALE_FIRST if child_gender == 'male' else FEMALE_FIRST)} {father} {a.father_name if a.gender == 'male' else rng.choice(MALE_FIRST)} {a.family_name}",
                    "son" if child_gender == "male" else "daughter",
                    child_gender,
                    child_birth,
                    self.new_id(1) if adult else "",
                )
            )

    def requests(self, plan: ApplicantPlan, index: int) -> None:
        rng = self.rng
        programs = [p for p in self.profile.programs  # immediate services: demo_journeys
                    if p.is_open_to(plan.data.category) and not p.kind.immediate]
        if not programs:
            return
        count = 1 if index < 2 else rng.choices((0, 1, 2, 3), (25, 50, 20, 5))[0]
        for n in range(count):
            submit = index == 0 if index < 2 and n == 0 else rng.random() < 0.55
            plan.requests.append(
                RequestPlan(
                    rng.choice(programs).code,
                    rng.choice(self.profile.channels).code,
                    request_text(rng.choice(REQUEST_TEXTS), plan.data.gender),
                    submit,
                )
            )

    def kind_for(self, kind: str, data: ApplicantInput) -> str:
        if kind == "national_id" and data.id_type in ("passport", "gcc_id"):
            return data.id_type
        if kind == "national_id" and data.nationality != "SA" and "iqama" in self.kinds:
            return "iqama"
        return kind

    def documents(self, plan: ApplicantPlan) -> None:
        rng = self.rng
        must_be_valid = {
            self.kind_for(k, plan.data)
            for r in plan.requests
            if r.submit
            for k in self.profile.program(r.program).required_documents
        }
        wanted = {
            self.kind_for(k, plan.data)
            for r in plan.requests
            for k in self.profile.program(r.program).required_documents
        }
        identity = self.kind_for("national_id", plan.data)
        if identity in self.kinds:
            wanted.add(identity)
        for code in self.kinds:
            if code not in wanted and rng.random() < 0.15:
                wanted.add(code)
        # a citizen holds no iqama, a resident no national ID, a visitor neither
        wanted -= {"national_id", "iqama"} - {identity}
        for code in sorted(wanted):
            if code not in must_be_valid and code != identity and rng.random() < 0.25:
                continue  # a draft still missing this document
            expired = code not in must_be_valid and rng.random() < 0.2
            if identity == code and rng.random() < 0.1:  # the old, expired card kept on file
                plan.documents.append(self.document(code, plan.data, expired=True))
            plan.documents.append(self.document(code, plan.data, expired))

    def document(self, code: str, data: ApplicantInput, expired: bool) -> DocPlan:
        rng, today = self.rng, self.today
        number = (
            data.national_id
            if code in ("national_id", "iqama") or code == data.id_type
            else f"{rng.randrange(10**9, 10**10)}"
        )
        if not self.kinds[code].has_expiry:
            return DocPlan(
                code, number,
                self.date_between(today - dt.timedelta(days=3650), self.before_history), None
            )
        years = VALIDITY_YEARS.get(code, 2)
        if expired:
            expiry = self.date_between(today - dt.timedelta(days=700), today - dt.timedelta(days=1))
        else:
            expiry = self.date_between(
                today + dt.timedelta(days=30), today + dt.timedelta(days=365 * years)
            )
        issue = min(expiry - dt.timedelta(days=365 * years), self.before_history)
        return DocPlan(code, number, issue, expiry)
