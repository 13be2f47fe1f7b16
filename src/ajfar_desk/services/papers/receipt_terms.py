"""What a receipt states besides every request paper: the association's channels (how to follow
up) and the applicant's rights and duties, from the profile's ``[beneficiary]`` table — unless
the receipt's wording file this installation uses (``DATA/forms/``, then
``resources/forms/<profile id>/``, then ``resources/forms/``) has a ``[policy.<id>]`` table of
its own; and whether an issued receipt still states the request's submission.
No paper issuing here, so the papers service can ask it without a circle."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from ...db.models import SupportRequest
from ...domain.errors import ValidationError
from ...domain.profile import AssociationProfile, ProfileError, get_profile
from ...i18n import _
from ...paths import resources_dir
from ..store.context import AppContext

if TYPE_CHECKING:
    from ...domain.documents import IssuedView

FORM = "receipt.toml"
POLICY_KEYS = ("rights", "duties")


def form_path(profile_id: str, data_dir: Path | None) -> Path | None:
    """The receipt's wording file this installation uses (the same search as the printing)."""
    folders = [Path(data_dir) / "forms"] if data_dir is not None else []
    folders += [resources_dir() / "forms" / profile_id, resources_dir() / "forms"]
    return next((f / FORM for f in folders if (f / FORM).is_file()), None)


def policy_excerpts(
    profile_id: str, lang: str, data_dir: Path | None = None, profile: AssociationProfile | None = None,
    gender: str | None = None,
) -> dict[str, list]:
    """The applicant's rights and duties in ``lang`` for one association, as said to an
    applicant of ``gender``: ``{"rights": [...], "duties": [...]}``: the wording file's
    ``[policy.<id>]`` table when it has one (its ``rights_ar_female``/``duties_ar_female`` for a
    woman, as in the profile; a malformed table is an error naming the file and the key), else
    the profile's (``profile``, or the bundled one of that id; empty lists for an unknown
    association)."""
    path = form_path(profile_id, data_dir)
    found: dict[str, list] = {key: [] for key in POLICY_KEYS}
    table = _form_table(path, profile_id) if path is not None else None
    if table is None:
        if profile is None:
            try:
                profile = get_profile(profile_id)
            except ProfileError:
                return found
        return {key: list(profile.beneficiary.items(key, lang, gender)) for key in POLICY_KEYS}
    for key in POLICY_KEYS:
        name = f"{key}_{lang}"
        if lang != "en" and gender == "female" and f"{key}_ar_female" in table:
            name = f"{key}_ar_female"
        items = table.get(name, table.get(f"{key}_ar", []))
        if not isinstance(items, list) or not all(isinstance(i, str) and i.strip() for i in items):
            message = _("must be a list of texts in quotes")
            raise ValidationError("policy", f"{path}: policy.{profile_id}.{name}: {message}")
        found[key] = [" ".join(i.split()) for i in items]
    return found


def _form_table(path: Path, profile_id: str) -> dict | None:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ValidationError("policy", f"{path}: {exc}") from exc
    return data.get("policy", {}).get(profile_id)


def receipt_content(ctx: AppContext, lang: str, gender: str | None = None) -> dict[str, Any]:
    """The receipt's own part of the paper's content (hashed with the rest): the rights and
    duties as said to an applicant of ``gender``."""
    return {
        "follow_up": {"channels": [c.code for c in ctx.profile.channels]},
        "policy": policy_excerpts(ctx.profile.id, lang, ctx.store.data_dir, ctx.profile, gender),
    }



def is_current(ctx: AppContext, doc: IssuedView) -> bool:
    """Does the receipt still state the request's submission (its day and the answer date)? A
    request reopened and submitted again needs a new receipt."""
    stated = doc.content.get("request", {})
    with ctx.reading() as s:
        row = s.scalar(select(SupportRequest).where(SupportRequest.id == doc.request_id))
        if row is None or row.submitted_at is None:
            return False
        submitted_on = row.submitted_at.astimezone().date().isoformat()
        answer_due = row.answer_due.isoformat() if row.answer_due else None
    return stated.get("submitted_on") == submitted_on and stated.get("answer_due") == answer_due
