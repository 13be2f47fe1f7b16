"""The applicant's file in words: the identity line, how the applicant is told, a walk-in's
fields he did not give («not given») and the title."""

from __future__ import annotations

from ...domain import id_types, messages
from ...domain.text import isolate
from ...i18n import N_, _
from ..common import fmt

NOT_GIVEN = N_("Not given")


def given(field: str, shown):
    """A walk-in's field he did not give reads «not given», never a blank that looks like an
    error; given (or anyone else's), it is shown as ``shown`` shows it."""
    def show(v) -> str:
        if getattr(v, field):
            return shown(v)
        return _(NOT_GIVEN) if v.id_type == id_types.NONE else ""
    return show


def title_text(v) -> str:
    """The name; a walk-in who gave no family name: the title says so."""
    if v.id_type == id_types.NONE and not v.family_name:
        return _("{name} (family name not given)").format(name=v.full_name)
    return v.full_name


def identity_text(profile, v) -> str:
    """«جواز السفر · إندونيسيا · A1234567»: the type, the issuing country, the number."""
    parts = (id_types.type_label(v.id_type), id_types.country_name(v.id_country),
             fmt.ident(profile, v.id_number) if v.id_number else "")
    return " · ".join(part for part in parts if part)


def messages_text(v) -> str:
    """How the applicant is told: the channel and language agreed, or no messages at all."""
    if not v.messages_consent:
        return _("No messages (no consent)")
    how = _("{channel}, in {language}").format(
        channel=_(messages.CHANNEL_LABELS.get(v.preferred_channel, v.preferred_channel)),
        language=_(messages.LANGUAGE_LABELS.get(v.preferred_language, v.preferred_language)))
    return f"{how} — {isolate(v.email)}" if v.email else how
