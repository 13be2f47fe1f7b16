"""The applicant's file in words: the identity line, how the applicant is told, a walk-in's
fields he did not give («not given») and the title.

A walk-in's household is never asked against a document: the store keeps no "not given" for it
(the household is the members recorded), so in his file a household of no recorded member reads
«not given», where it would otherwise read as his answer («1»).  An income, anyone's, says
itself whether it was said (``income_given``): «not given», or the amount said, 0 included.

The household size counts the applicant with the members recorded, and says so («فرد واحد:
المستفيدة نفسها», «٣ أفراد، بمن فيهم المستفيد»), beside the tab of the members recorded
(«أفراد الأسرة المسجَّلون (٠)»): a «١» beside «(٠)» read as a contradiction."""

from __future__ import annotations

from ...domain import id_types, messages
from ...domain.gendered import FEMALE, for_gender, for_person
from ...domain.text import isolate
from ...i18n import N_, _, ngettext
from ..common import fmt

NOT_GIVEN = N_("Not given")
MEMBERS_TAB = N_("Registered household members ({count})")


def household_text(profile, v) -> str:
    """The household size, saying that it counts the applicant: «٣ أفراد، بمن فيهم المستفيدة»."""
    count = v.household_size
    if v.gender == FEMALE:
        said = ngettext("{count} person: the applicant alone (woman)",
                        "{count} persons, the applicant included (woman)", count)
    else:
        said = ngettext("{count} person: the applicant alone", "{count} persons, the applicant included", count)
    return said.format(count=fmt.number(profile, count))


def given(field: str, shown, blank_shown: bool = False):
    """A walk-in's field he did not give reads «not given», never a blank that looks like an
    error; given (or anyone else's), it is shown as ``shown`` shows it (anyone else's blank one
    as a blank, unless ``blank_shown``: a household of one)."""
    def show(v) -> str:
        if getattr(v, field):
            return shown(v)
        if v.id_type == id_types.NONE:
            return _(NOT_GIVEN)
        return shown(v) if blank_shown else ""
    return show


# a walk-in known by one name: the title says why there is no more of it
WALK_IN_TITLE = (N_("{name} (walk-in)"), N_("{name} (walk-in) (woman)"))


def title_text(v) -> str:
    """The name; a walk-in who gave no family name: «عبدالله (مراجع عابر)»."""
    if v.id_type == id_types.NONE and not v.family_name:
        return _(for_gender(WALK_IN_TITLE, v.gender)).format(name=v.full_name)
    return v.full_name


def identity_text(profile, v) -> str:
    """«جواز السفر، إندونيسيا، A1234567»: the type, the issuing country, the number."""
    kind = _(for_person(id_types.ID_TYPES[v.id_type], v.gender)) if v.id_type in id_types.ID_TYPES else v.id_type
    parts = (kind, id_types.country_name(v.id_country),
             fmt.ident(profile, v.id_number) if v.id_number else "")
    return fmt.joined(parts)


def messages_text(v) -> str:
    """How the applicant is told: the channel and language agreed, or no messages at all."""
    if not v.messages_consent:
        return _("No messages (no consent)")
    how = _("{channel}, in {language}").format(
        channel=_(messages.CHANNEL_LABELS.get(v.preferred_channel, v.preferred_channel)),
        language=_(messages.LANGUAGE_LABELS.get(v.preferred_language, v.preferred_language)))
    return f"{how} — {isolate(v.email)}" if v.email else how
