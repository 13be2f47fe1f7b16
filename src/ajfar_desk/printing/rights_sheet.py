"""The beneficiary's rights and duties on a sheet of their own (حقوق المستفيد وواجباته), printed
when the applicant asks for them: the association's letterhead, the rights and the duties from
its profile, a line on how to follow up or complain, the board's approval at the foot. One A4
sheet for every profile, in Arabic or English."""

from __future__ import annotations

import datetime as dt

from ..domain.gendered import FEMALE
from ..domain.profile import AssociationProfile
from ..i18n import N_
from .sheet_parts import bullets, start_sheet


def rights_pdf(
    profile: AssociationProfile, lang: str = "ar", today: dt.date | None = None, gender: str | None = None,
) -> bytes:
    """The rights and duties the profile states, in ``lang``, as said to an applicant of
    ``gender`` (a woman: the profile's feminine items, «فأنتِ مسؤولة»)."""
    b = profile.beneficiary
    woman = gender == FEMALE
    c, f = start_sheet(profile, lang, f_title(lang, gender), today)
    intro = (N_("The beneficiary's rights and duties, as the policy of {association} for its "
                "relationship with beneficiaries states them or its text implies them. (woman)") if woman else
             N_("The beneficiary's rights and duties, as the policy of {association} for its "
                "relationship with beneficiaries states them or its text implies them."))
    c.paragraph(f.t(intro).format(association=profile.name(lang)), size=10.5)
    for kind, title in (("rights", N_("Your rights")), ("duties", N_("Your duties"))):
        items = b.items(kind, lang, gender)
        if not items:
            continue
        c.section_title(f.t(title))
        bullets(c, items, size=11.5)
    channels = ("، " if lang == "ar" else ", ").join(ch.name(lang) for ch in profile.channels)
    c.y -= 6
    c.need(40)
    follow = (N_("To ask, follow up or complain, use any of the association's channels: {channels}. (woman)")
              if woman else N_("To ask, follow up or complain, use any of the association's channels: {channels}."))
    c.paragraph(f.t(follow).format(channels=channels), size=10.5)
    return c.finish()


def f_title(lang: str, gender: str | None = None) -> str:
    """The sheet's title: «حقوق المستفيدة وواجباتها» when it is said to a woman."""
    from ..i18n import gettext

    if gender == FEMALE:
        return gettext(N_("The beneficiary's rights and duties (woman)"), lang)
    return gettext("The beneficiary's rights and duties", lang)
