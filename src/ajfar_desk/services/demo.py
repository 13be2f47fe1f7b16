"""Demonstration data: realistic Saudi applicants, households, documents (some expired) and
requests in every status, written through the services.

A plan is drawn for each applicant first (plain data, deterministic for a seed), then written:
through ``applicants.register`` / ``add_member`` / ``add_document`` and ``requests.create_request``
/ ``submit`` (the default), or, for large amounts, by ``_write_batch``, which writes the very same
rows and audit entries through the ORM, 1,000 applicants per transaction.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, fields

from faker import Faker
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ..db.base import new_id
from ..db.models import (
    Applicant,
    Document,
    DocumentCheck,
    HouseholdMember,
    ReferenceCounter,
    StatusEvent,
    SupportRequest,
)
from ..domain import requests as rules
from ..domain.dates import gregorian_to_hijri
from ..domain.digits import normalize_digits, to_arabic_digits
from ..domain.identity import make_national_id
from . import applicant_input, applicants
from . import requests as request_service
from .applicant_input import ApplicantInput
from .context import AppContext
from .demo_data import (
    CITIES,
    FEMALE_FIRST,
    GENERIC_DISTRICTS,
    MALE_FIRST,
    REQUEST_TEXTS,
    RESIDENT_FAMILIES,
    RESIDENT_NATIONALITIES,
    SAUDI_FAMILIES,
)

BATCH_ABOVE = 2000  # more applicants than this: the batch writer
CHUNK = 1000
VALIDITY_YEARS = {"national_id": 10, "iqama": 1, "income_proof": 1, "lease": 1}
Progress = Callable[[str, int, int], None]


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


class _Planner:
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

    def new_id(self, first: int) -> str:
        while True:
            nid = make_national_id(first, f"{self.rng.randrange(10**8):08d}")
            if nid not in self.taken:
                self.taken.add(nid)
                return nid

    def date_between(self, start: dt.date, end: dt.date) -> dt.date:
        return start + dt.timedelta(days=self.rng.randint(0, max(0, (end - start).days)))

    def birth(self, low: int, high: int) -> dt.date:
        return self.date_between(self.today - dt.timedelta(days=365 * high), self.today - dt.timedelta(days=365 * low + 1))

    def plan(self, index: int) -> ApplicantPlan:
        rng, profile = self.rng, self.profile
        served = [c.code for c in profile.categories if any(p.is_open_to(c.code) for p in profile.programs)]
        if index < 2 and served:  # the first two carry a submitted and a draft request
            category = served[0]
        else:
            category = profile.categories[0].code if rng.random() < 0.45 else rng.choice(profile.categories).code
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
        family = rng.choice(self.families if nationality == "SA" else RESIDENT_FAMILIES[nationality])
        birth = self.birth(low, high)
        city = self.home if rng.random() < 0.4 else rng.choice(list(self.cities))
        nid = self.new_id(1 if nationality == "SA" else 2)
        data = ApplicantInput(
            national_id=nid, first_name=rng.choice(first_names), father_name=rng.choice(MALE_FIRST),
            grandfather_name=rng.choice(MALE_FIRST), family_name=family,
            birth_date=self.typed_date(birth), nationality=nationality, gender=gender,
            marital_status=marital, phone=f"05{rng.choice('0134565689')}{rng.randrange(10**7):07d}",
            phone2=f"05{rng.choice('0345')}{rng.randrange(10**7):07d}" if rng.random() < 0.2 else "",
            city=city, district=rng.choice(self.cities[city]),
            monthly_income=str(rng.choice((0, 0, rng.randrange(0, 9000, 50)))), category=category,
            consent=True, notes="ملف تجريبي" if rng.random() < 0.05 else "",
        )
        plan = ApplicantPlan(data)
        self.household(plan, birth)
        self.requests(plan, index)
        self.documents(plan)
        return plan

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
            plan.members.append(MemberPlan(
                f"{spouse_first} {rng.choice(MALE_FIRST)} {rng.choice(MALE_FIRST)} {rng.choice(self.families)}",
                "spouse", spouse_gender, self.date_between(
                    birth - dt.timedelta(days=3650), min(birth + dt.timedelta(days=3650), self.today - dt.timedelta(days=365 * 18))),
                self.new_id(1) if a.nationality == "SA" else "", rng.choice((0, 0, 0, 1500, 3000))))
        if a.marital_status == "single":
            return
        oldest = min(self.today - dt.timedelta(days=1), birth + dt.timedelta(days=365 * 20))
        for _ in range(rng.choices(range(7), (10, 15, 20, 20, 15, 12, 8))[0]):
            child_gender = rng.choice(("male", "female"))
            child_birth = self.date_between(oldest, self.today - dt.timedelta(days=30))
            adult = (self.today - child_birth).days > 365 * 15 and a.nationality == "SA"
            plan.members.append(MemberPlan(
                f"{rng.choice(MALE_FIRST if child_gender == 'male' else FEMALE_FIRST)} {father} {a.father_name if a.gender == 'male' else rng.choice(MALE_FIRST)} {a.family_name}",
                "son" if child_gender == "male" else "daughter", child_gender, child_birth,
                self.new_id(1) if adult else ""))

    def requests(self, plan: ApplicantPlan, index: int) -> None:
        rng = self.rng
        programs = [p for p in self.profile.programs if p.is_open_to(plan.data.category)]
        if not programs:
            return
        count = 1 if index < 2 else rng.choices((0, 1, 2, 3), (25, 50, 20, 5))[0]
        for n in range(count):
            submit = index == 0 if index < 2 and n == 0 else rng.random() < 0.55
            plan.requests.append(RequestPlan(
                rng.choice(programs).code, rng.choice(self.profile.channels).code, rng.choice(REQUEST_TEXTS), submit))

    def kind_for(self, kind: str, data: ApplicantInput) -> str:
        if kind == "national_id" and data.nationality != "SA" and "iqama" in self.kinds:
            return "iqama"
        return kind

    def documents(self, plan: ApplicantPlan) -> None:
        rng = self.rng
        must_be_valid = {self.kind_for(k, plan.data) for r in plan.requests if r.submit
                         for k in self.profile.program(r.program).required_documents}
        wanted = {self.kind_for(k, plan.data) for r in plan.requests
                  for k in self.profile.program(r.program).required_documents}
        identity = self.kind_for("national_id", plan.data)
        if identity in self.kinds:
            wanted.add(identity)
        for code in self.kinds:
            if code not in wanted and rng.random() < 0.15:
                wanted.add(code)
        for code in sorted(wanted):
            if code not in must_be_valid and code != identity and rng.random() < 0.25:
                continue  # a draft still missing this document
            expired = code not in must_be_valid and rng.random() < 0.2
            if identity == code and rng.random() < 0.1:  # the old, expired card kept on file
                plan.documents.append(self.document(code, plan.data, expired=True))
            plan.documents.append(self.document(code, plan.data, expired))

    def document(self, code: str, data: ApplicantInput, expired: bool) -> DocPlan:
        rng, today = self.rng, self.today
        number = data.national_id if code in ("national_id", "iqama") else f"{rng.randrange(10**9, 10**10)}"
        if not self.kinds[code].has_expiry:
            return DocPlan(code, number, self.date_between(today - dt.timedelta(days=3650), today), None)
        years = VALIDITY_YEARS.get(code, 2)
        if expired:
            expiry = self.date_between(today - dt.timedelta(days=700), today - dt.timedelta(days=1))
        else:
            expiry = self.date_between(today + dt.timedelta(days=30), today + dt.timedelta(days=365 * years))
        issue = min(expiry - dt.timedelta(days=365 * years), today - dt.timedelta(days=1))
        return DocPlan(code, number, issue, expiry)


def fill_demo(
    ctx: AppContext, applicants: int, seed: int = 1, progress: Progress | None = None,
    batch: bool | None = None, today: dt.date | None = None,
) -> dict[str, int]:
    """Add ``applicants`` demonstration applicants (with households, documents and requests)."""
    today = today or dt.date.today()
    with ctx.reading() as s:
        taken = set(s.scalars(select(Applicant.national_id)))
        taken.update(n for n in s.scalars(select(HouseholdMember.national_id)) if n)
    planner = _Planner(ctx, seed, taken, today)
    counts: Counter[str] = Counter()
    use_batch = applicants > BATCH_ABOVE if batch is None else batch
    for start in range(0, applicants, CHUNK):
        plans = [planner.plan(i) for i in range(start, min(applicants, start + CHUNK))]
        if use_batch:
            with ctx.uow() as s:
                refs = iter(_reserve_references(s, ctx.branch.ref_prefix, today, sum(len(p.requests) for p in plans)))
                staged: dict[type, list] = {model: [] for model in _INSERT_ORDER}
                for plan in plans:
                    _write_batch(ctx, s, plan, today, refs, staged, counts)
                for model in _INSERT_ORDER:  # parents first: these rows have no ORM relationships
                    s.add_all(staged[model])
                    s.flush()
        else:
            for plan in plans:
                _write_services(ctx, plan, today, counts)
        if progress:
            progress("demo", start + len(plans), applicants)
    with ctx.uow() as s:
        ctx.audit(s, "demo", "store", "", seed=seed, **counts)
    return {k: counts[k] for k in ("applicants", "members", "documents", "expired_documents",
                                   "requests", *rules.STATUSES)}


def _count(plan: ApplicantPlan, today: dt.date, counts: Counter) -> None:
    counts["applicants"] += 1
    counts["members"] += len(plan.members)
    counts["documents"] += len(plan.documents)
    counts["expired_documents"] += sum(1 for d in plan.documents if d.expiry and d.expiry < today)
    counts["requests"] += len(plan.requests)
    for r in plan.requests:
        counts[rules.SUBMITTED if r.submit else rules.DRAFT] += 1


def _write_services(ctx: AppContext, plan: ApplicantPlan, today: dt.date, counts: Counter) -> None:
    view = applicants.register(ctx, plan.data, confirm_similar=True)
    for m in plan.members:
        applicants.add_member(ctx, view.id, applicants.MemberInput(
            m.full_name, m.relation, m.gender, m.birth.isoformat(), m.national_id, str(m.income)))
    for d in plan.documents:
        applicants.add_document(ctx, view.id, applicants.DocumentInput(
            d.kind, d.number, d.issue.isoformat() if d.issue else "", d.expiry.isoformat() if d.expiry else ""))
    for r in plan.requests:
        req = request_service.create_request(ctx, view.id, r.program, r.channel, r.description, on=today)
        if r.submit:
            request_service.submit(ctx, req.id, on=today)
    _count(plan, today, counts)


_CLEAN_FIELDS = [f.name for f in fields(applicant_input.CleanApplicant)]


_INSERT_ORDER = (Applicant, HouseholdMember, Document, SupportRequest, StatusEvent, DocumentCheck)


def _write_batch(
    ctx: AppContext, s: Session, plan: ApplicantPlan, today: dt.date, refs: Iterator[str],
    staged: dict[type, list], counts: Counter,
) -> None:
    """The rows and audit entries the services would write for ``plan``: audit entries go into
    the session, rows into ``staged`` (the caller inserts them table by table)."""
    branch, now, user = ctx.branch.code, dt.datetime.now(dt.UTC), ctx.user_id
    clean = applicant_input.validate(plan.data, ctx.profile)
    a = Applicant(id=new_id(), branch=branch, consent_at=now, **{k: getattr(clean, k) for k in _CLEAN_FIELDS})
    staged[Applicant].append(a)
    ctx.audit(s, "create", "applicant", a.id)
    for m in plan.members:
        row = HouseholdMember(id=new_id(), branch=branch, applicant_id=a.id, full_name=" ".join(m.full_name.split()),
                              relation=m.relation, gender=m.gender, birth_date=m.birth,
                              national_id=m.national_id or None, monthly_income=m.income)
        staged[HouseholdMember].append(row)
        ctx.audit(s, "create", "household_member", row.id, applicant=str(a.id))
    held = []
    for d in plan.documents:
        kind = ctx.profile.document_kind(d.kind)
        row = Document(id=new_id(), branch=branch, applicant_id=a.id, kind=kind.code,
                       number=normalize_digits(d.number).strip(), issue_date=d.issue, expiry_date=d.expiry)
        staged[Document].append(row)
        ctx.audit(s, "create", "document", row.id, applicant=str(a.id), kind=kind.code)
        held.append(rules.HeldDocument(row.id, row.kind, row.expiry_date))
    for r in plan.requests:
        reference = next(refs)
        program = ctx.profile.program(r.program)
        ctx.profile.channel(r.channel)
        req = SupportRequest(id=new_id(), branch=branch, applicant_id=a.id, program=r.program, channel=r.channel,
                             status=rules.DRAFT, description=r.description.strip(), created_by=user,
                             reference=reference)
        staged[SupportRequest].append(req)
        staged[StatusEvent].append(StatusEvent(branch=branch, request_id=req.id, from_status=None, to_status=rules.DRAFT, user_id=user))
        ctx.audit(s, "create", "request", req.id, reference=reference)
        if not r.submit:
            continue
        items = rules.evaluate_checklist(program.required_documents, held, today)
        if not rules.checklist_complete(items):
            raise AssertionError(f"demo plan would submit an incomplete request: {items}")
        for item in items:
            staged[DocumentCheck].append(DocumentCheck(branch=branch, request_id=req.id, kind=item.kind, document_id=item.document_id,
                                valid_until=item.expiry_date, checked_on=today))
        req.status, req.submitted_at = rules.SUBMITTED, now
        req.answer_due = rules.answer_due(today, ctx.profile.answer_period_days)
        staged[StatusEvent].append(StatusEvent(branch=branch, request_id=req.id, from_status=rules.DRAFT, to_status=rules.SUBMITTED,
                          user_id=user))
        ctx.audit(s, "submit", "request", req.id, reference=reference)
    _count(plan, today, counts)


def _reserve_references(s: Session, prefix: str, on: dt.date, count: int) -> list[str]:
    """``count`` consecutive references, as ``requests.next_reference`` would draw them one by one."""
    if not count:
        return []
    year = gregorian_to_hijri(on)[0]
    bumped = s.execute(
        update(ReferenceCounter).where(ReferenceCounter.prefix == prefix, ReferenceCounter.year == year)
        .values(last=ReferenceCounter.last + count)
    ).rowcount
    if not bumped:
        s.add(ReferenceCounter(prefix=prefix, year=year, last=count))
        s.flush()
    last = s.scalar(select(ReferenceCounter.last).where(ReferenceCounter.prefix == prefix, ReferenceCounter.year == year))
    return [rules.format_reference(prefix, year, n) for n in range(last - count + 1, last + 1)]
