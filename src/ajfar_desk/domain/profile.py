"""Association profiles: each association's policy turned into configuration.

One hand-editable TOML file per association lives in ``resources/associations/<id>.toml``;
``load_profile`` checks it thoroughly and returns frozen dataclasses.  Its sections are read in
their own modules through ``profile_reader.ProfileReader``: programs and their eligibility
(``programs``), program kinds, the policy's board approval, rights and review
(``profile_policy``), feedback, appointments, messages.  Pure Python: no Qt, no SQL.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from ajfar_desk.i18n import N_, _
from ajfar_desk.paths import resources_dir

from .appointments import OfficeHours, read_office_hours
from .digits import normalize_digits
from .errors import ValidationError
from .feedback import ComplaintSettings, Survey, read_complaints, read_surveys
from .messages import MessageSettings, read_messages
from .money import MONEY_DECIMALS
from .named import Named as Named
from .named import pick as _pick
from .profile_checks import ProfileError as ProfileError
from .profile_checks import Reader, raw_codes
from .profile_lines import decode_line, key_at
from .profile_policy import OPTIONAL_TABLES as POLICY_TABLES
from .profile_policy import (
    BoardApproval,
    PolicyReview,
    RightsAndDuties,
    read_board,
    read_policy_extras,
)
from .profile_reader import SNAKE_CODE
from .program_kinds import DEFAULT_APPEAL_DAYS, read_appeal_days, read_kind
from .program_kinds import PROGRAM_KEYS as _KIND_KEYS
from .program_kinds import TOP_KEYS as _KIND_TOP
from .programs import Eligibility, Program, read_eligibility

DIGIT_STYLES = ("arabic", "western")
MIN_ANSWER_PERIOD_DAYS = 14  # the policies: an answer "in no less than two weeks"
MAX_ANSWER_PERIOD_DAYS = 365
HEAD_OFFICE = "HQ"
NATIONAL_ID = "national_id"  # an iqama satisfies this requirement for non-Saudi applicants

_ASSOCIATION_CODE = re.compile(r"[A-Z]{3}")
_REF_PREFIX = re.compile(r"[A-Z][A-Z0-9]{1,7}")
_WESTERN_DIGITS = re.compile(r"[0-9]*")
_TOP_KEYS = frozenset(
    "id code name_ar name_en license_number digits policy_file city_ar city_en"
    " branches channels categories document_kinds programs".split()
)
_OPTIONAL_TOP = frozenset(
    {"logo", "surveys", "complaints", "money_decimals", "answer_period_days",
     "appointments", "messages"}
) | _KIND_TOP | POLICY_TABLES
_PROGRAM_KEYS = frozenset({"categories", "eligibility"}) | _KIND_KEYS


@dataclass(frozen=True)
class Branch(Named):
    ref_prefix: str
    # the town the branch is in (optional): the place a paper issued there is written at
    city_ar: str = ""
    city_en: str = ""

    def city(self, lang: str | None = None) -> str:
        return _pick(lang, self.city_ar, self.city_en)


@dataclass(frozen=True)
class DocumentKind(Named):
    has_expiry: bool


N = TypeVar("N", bound=Named)


def _find(items: tuple[N, ...], code: str, field: str, message: str, missing: str = "") -> N:
    """The item ``code`` names; none chosen (an empty code) says ``missing`` (what to choose),
    not «Unknown program: ; available: food_aid, …» with the profile's internal codes."""
    if not code and missing:
        raise ValidationError(field, missing)
    for item in items:
        if item.code == code:
            return item
    available = _("{message}; available: {codes}").format(
        message=message.format(code=code), codes=", ".join(item.code for item in items)
    )
    raise ValidationError(field, available)


@dataclass(frozen=True)
class AssociationProfile:
    id: str
    code: str
    name_ar: str
    name_en: str
    license_number: str  # Western digits; empty when the policy does not state it
    digits: str
    answer_period_days: int | None  # None: the policy sets no fixed number of days
    policy_file: Path
    city_ar: str
    city_en: str
    board_approval: BoardApproval | None
    branches: tuple[Branch, ...]
    channels: tuple[Named, ...]
    categories: tuple[Named, ...]
    document_kinds: tuple[DocumentKind, ...]
    programs: tuple[Program, ...]
    logo: Path | None = None
    surveys: tuple[Survey, ...] = ()
    complaints: ComplaintSettings = ComplaintSettings()
    money_decimals: int = 2  # 2: "1,250.50 SAR"; 0: whole riyals, "1,250 SAR" (domain.money)
    appeal_period_days: int = DEFAULT_APPEAL_DAYS
    beneficiary: RightsAndDuties = RightsAndDuties()  # the rights and duties (profile_policy)
    review: PolicyReview | None = None  # when the board next reviews the policy
    office_hours: OfficeHours = OfficeHours()  # appointments: days, hours, slot (domain.appointments)
    messages: MessageSettings = MessageSettings()  # the messages to applicants (domain.messages)

    def name(self, lang: str | None = None) -> str:
        return _pick(lang, self.name_ar, self.name_en)

    def city(self, lang: str | None = None) -> str:
        return _pick(lang, self.city_ar, self.city_en)

    @property
    def uses_arabic_digits(self) -> bool:
        return self.digits == "arabic"

    @property
    def head_office(self) -> Branch:
        return self.branch(HEAD_OFFICE)

    def branch(self, code: str) -> Branch:
        return _find(self.branches, code, "branch", _("Unknown branch: {code}"), _("Choose the branch"))

    def survey(self, code: str | None = None) -> Survey:
        """The survey ``code``, or the first (the one taken after a service) when None."""
        if not self.surveys:
            raise ValidationError("survey", _("The association's profile defines no survey"))
        if code is None:
            return self.surveys[0]
        return _find(self.surveys, code, "survey", _("Unknown survey: {code}"))

    def program(self, code: str) -> Program:
        return _find(self.programs, code, "program", _("Unknown program: {code}"),
                     _("Choose the program"))

    def channel(self, code: str) -> Named:
        return _find(self.channels, code, "channel", _("Unknown channel: {code}"),
                     _("Choose the channel"))

    def category(self, code: str) -> Named:
        return _find(self.categories, code, "category", _("Unknown category: {code}"),
                     _("Choose the category"))

    def document_kind(self, code: str) -> DocumentKind:
        return _find(self.document_kinds, code, "document_kind", _("Unknown document kind: {code}"),
                     _("Choose the document kind"))

    def policy_text(self) -> str:
        return self.policy_file.read_text(encoding="utf-8")


def load_profile(path: Path, *, named_by_file: bool = True) -> AssociationProfile:
    """Read and check one ``<id>.toml`` profile; raise ``ProfileError`` naming file, line and
    key, with every mistake of the file in its ``mistakes``.  ``named_by_file``: its ``id`` must
    be the file's name (the bundled files); a file brought to ``profile import`` or ``init
    --profile`` may be called anything."""
    path = Path(path)
    r = Reader(path)
    try:
        r.text_read = path.read_text(encoding="utf-8")
        data = tomllib.loads(r.text_read)
    except OSError as exc:
        r.fail("/", _("cannot read the file: {error}").format(error=exc.strerror or exc))
    except UnicodeDecodeError as exc:
        r.fail("/", _("not a valid TOML file: {error}").format(error=exc))
    except tomllib.TOMLDecodeError as exc:
        line = decode_line(str(exc))
        raise ProfileError(path, key_at(r.text_read, line) or "/", _toml_said(str(exc)),
                           line) from None
    r.table(data, "/", set(_TOP_KEYS), _OPTIONAL_TOP)
    top = _read_top(r, data, path, named_by_file)
    parts = _read_lists(r, data, top.get("code"), top.get("answer_period_days"))
    with r.caught():
        top["logo"] = _read_logo(r, data, path)
    for read in _SECTIONS:
        with r.caught():
            top.update(read(r, data))
    r.finish()
    return AssociationProfile(**top, **parts)


# what the TOML reader's refusals mean to the person who wrote the file, and what to write
_TOML_HINTS = (
    ("Invalid value", N_("the value cannot be read: write text in quotes (\"…\"), true or false, "
                        "a number in Western digits, or a list in square brackets")),
    ("Cannot overwrite a value", N_("a key is written twice in the same table")),
    ("Cannot declare", N_("a table is written twice: join the two [headers]")),
    ("Expected '=' after a key", N_("each line is a key, “=” and its value, or a [table] header")),
    ("Unterminated string", N_("a text's closing quote is missing")),
)


def _toml_said(error: str) -> str:
    for start, hint in _TOML_HINTS:
        if error.startswith(start):
            return _(hint)
    return _("not a valid TOML file: {error}").format(error=error)


def _read_top(r: Reader, data: dict[str, Any], path: Path, named_by_file: bool) -> dict[str, Any]:
    """The top-level keys, each checked on its own (a mistake in one does not hide the next)."""
    top: dict[str, Any] = {}
    with r.caught():
        top["id"] = r.code(data["id"], "id", SNAKE_CODE, "ajfar")
        if named_by_file and top["id"] != path.stem:
            r.fail("id", _("must match the file name: {stem}").format(stem=path.stem))
    with r.caught():
        top["code"] = r.code(data["code"], "code", _ASSOCIATION_CODE, "AJF")
    with r.caught():
        typed = r.text(data["license_number"], "license_number", empty_ok=True)
        license_number = normalize_digits(typed)  # typed as printed: ٤٢٨٤ is 4284
        if not _WESTERN_DIGITS.fullmatch(license_number):
            r.fail("license_number", _("must contain Western digits 0-9 only"))
        top["license_number"] = license_number
    with r.caught():
        digits = r.text(data["digits"], "digits")
        if digits not in DIGIT_STYLES:
            r.fail("digits", _("must be one of: {choices}").format(choices=", ".join(DIGIT_STYLES)))
        top["digits"] = digits
    with r.caught():
        period = data.get("answer_period_days")
        low, high = MIN_ANSWER_PERIOD_DAYS, MAX_ANSWER_PERIOD_DAYS
        if period is not None and (type(period) is not int or not low <= period <= high):
            message = _("must be a whole number of days from {low} to {high}")
            r.fail("answer_period_days", message.format(low=low, high=high))
        top["answer_period_days"] = period
    with r.caught():
        money_decimals = data.get("money_decimals", 2)
        if type(money_decimals) is not int or money_decimals not in MONEY_DECIMALS:
            r.fail("money_decimals", _("must be 2 (riyals and halalas) or 0 (whole riyals)"))
        top["money_decimals"] = money_decimals
    with r.caught():
        policy_name = r.text(data["policy_file"], "policy_file")
        if Path(policy_name).is_absolute():
            r.fail("policy_file", _("must be a path relative to the profile's folder"))
        policy_file = (path.parent / policy_name).resolve()
        if not policy_file.is_file():
            r.fail("policy_file", _("file not found: {path}").format(path=policy_file))
        top["policy_file"] = policy_file
    for key in ("name_ar", "name_en"):
        with r.caught():
            top[key] = r.text(data[key], key)
    for key in ("city_ar", "city_en"):
        with r.caught():
            top[key] = r.text(data[key], key, empty_ok=True)
    return top


_BRANCH_KEYS_ORDER = ("city_ar", "city_en")
_BRANCH_KEYS = frozenset(_BRANCH_KEYS_ORDER)


def _read_lists(r: Reader, data: dict[str, Any], code: str | None,
                period: int | None) -> dict[str, Any]:
    """The ``[[...]]`` lists, each entry checked on its own; a program may name a document kind
    or category whose own entry is wrong (that entry's mistake is said once)."""
    branches: list[Branch] = []
    with r.caught():
        for where, item, names in r.entries(data, "branches", {"ref_prefix"}, _BRANCH_KEYS):
            with r.caught():
                example = f"{code or 'AJF'}1"
                prefix = r.code(item["ref_prefix"], f"{where}.ref_prefix", _REF_PREFIX, example)
                if prefix in {b.ref_prefix for b in branches}:
                    r.fail(f"{where}.ref_prefix", _("duplicate prefix: {code}").format(code=prefix))
                if names[0] == HEAD_OFFICE and code is not None and prefix != code:
                    message = _("the head office's prefix must be the association code {code}")
                    r.fail(f"{where}.ref_prefix", message.format(code=code))
                cities = [r.text(item.get(k, ""), f"{where}.{k}", empty_ok=True) for k in _BRANCH_KEYS_ORDER]
                branches.append(Branch(*names, prefix, *cities))
        if HEAD_OFFICE not in raw_codes(data, "branches"):
            r.fail("branches", _("a head-office branch with code HQ is required"))
    named: dict[str, tuple[Named, ...]] = {"channels": (), "categories": ()}
    for key in named:
        with r.caught():
            named[key] = tuple(Named(*names) for _w, _i, names in r.entries(data, key))
    kinds: list[DocumentKind] = []
    with r.caught():
        for where, item, names in r.entries(data, "document_kinds", {"has_expiry"}):
            with r.caught():
                if not isinstance(item["has_expiry"], bool):
                    r.fail(f"{where}.has_expiry", _("must be true or false"))
                kinds.append(DocumentKind(*names, item["has_expiry"]))
    kind_codes, category_codes = raw_codes(data, "document_kinds"), raw_codes(data, "categories")
    programs: list[Program] = []
    with r.caught():
        program_keys = r.entries(data, "programs", {"required_documents"}, _PROGRAM_KEYS)
        for where, item, names in program_keys:
            with r.caught():
                programs.append(_read_program(r, item, where, names, (kind_codes, category_codes),
                                              period))
    return {"branches": tuple(branches), "channels": named["channels"],
            "categories": named["categories"], "document_kinds": tuple(kinds),
            "programs": tuple(programs)}


def _read_program(r: Reader, item: dict[str, Any], where: str, names: tuple[str, str, str],
                  known: tuple[set[str], set[str]], period: int | None) -> Program:
    needed: tuple[str, ...] = ()
    eligible: tuple[str, ...] = ()
    with r.caught():
        needed = r.codes(item["required_documents"], f"{where}.required_documents", known[0])
    with r.caught():
        eligible = r.codes(item.get("categories", []), f"{where}.categories", known[1])
    conditions = Eligibility()
    if "eligibility" in item:
        with r.caught():
            conditions = read_eligibility(r, item["eligibility"], f"{where}.eligibility")
    return Program(*names, needed, eligible, conditions, read_kind(r, item, where, period))


def _read_logo(r: Reader, data: dict[str, Any], path: Path) -> Path | None:
    if "logo" not in data:
        return None
    logo = (path.parent / r.text(data["logo"], "logo")).resolve()  # PNG or JPEG beside the profile
    if not logo.is_file():
        r.fail("logo", _("file not found: {path}").format(path=logo))
    if logo.read_bytes()[:4] not in (b"\x89PNG", b"\xff\xd8\xff\xe0", b"\xff\xd8\xff\xe1"):
        r.fail("logo", _("must be a PNG or JPEG image"))
    return logo


# the other sections, each read on its own: what each gives the profile
_SECTIONS: tuple[Callable[[Reader, dict[str, Any]], dict[str, Any]], ...] = (
    read_policy_extras,
    lambda r, data: {"messages": read_messages(r, data)},
    lambda r, data: {"surveys": read_surveys(r, data)} if "surveys" in data else {},
    lambda r, data: {"complaints": read_complaints(r, data["complaints"])}
    if "complaints" in data else {},
    lambda r, data: {"appeal_period_days": read_appeal_days(r, data)},
    lambda r, data: {"office_hours": read_office_hours(r, data)},
    lambda r, data: {"board_approval": read_board(r, data["board_approval"])
                     if "board_approval" in data else None},
)


def profiles_dir() -> Path:
    return resources_dir() / "associations"


def available_profiles() -> list[str]:
    """Ids of the bundled profiles, sorted."""
    return sorted(p.stem for p in profiles_dir().glob("*.toml"))


_in_force: dict[str, AssociationProfile] = {}


def install_profile(profile: AssociationProfile) -> None:
    """Make ``profile`` the one ``get_profile(profile.id)`` returns: a store's own version, put
    in force when the store is opened (``services.profile``), over the bundled file."""
    _in_force[profile.id] = profile


def get_profile(id: str) -> AssociationProfile:
    """The profile ``id`` in force: the store's own version once a store of that association
    was opened in this process, else the bundled file (loaded once)."""
    installed = _in_force.get(id) if isinstance(id, str) else None
    return installed if installed is not None else bundled_profile(id)


@cache
def bundled_profile(id: str) -> AssociationProfile:
    """The profile ``id`` as this program brings it: the starting point of a new store."""
    path = profiles_dir() / f"{id}.toml"
    if not isinstance(id, str) or not SNAKE_CODE.fullmatch(id) or not path.is_file():
        message = _("Unknown association profile: {id}; available: {ids}")
        ids = ", ".join(available_profiles())
        raise ProfileError(profiles_dir(), "id", message.format(id=id, ids=ids))
    return load_profile(path)
