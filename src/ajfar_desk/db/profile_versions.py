"""The association profile this store runs (``services.profile``): every version it has been
given, the last one in force.  The bundled file is only the first version, written at ``init``
(or at the first open of a store older than this table); an upgrade of the program never writes
here.  Not exchanged row by row: head office's version in force travels in every bundle it sends
(``services.sync``), and a branch adds it here as its own next version."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Integer, LargeBinary, String, Text, func, select
from sqlalchemy.orm import Mapped, deferred, mapped_column

from .base import Base, utcnow


class ProfileVersion(Base):
    """One version of the profile: the TOML text exactly as imported, the policy text it names
    (``policy_file``) and its logo, if any.  ``number`` is head office's version number (a branch
    keeps the number head office gave); ``seq`` orders this store's own history."""

    __tablename__ = "profile_version"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    number: Mapped[int] = mapped_column(Integer)
    association: Mapped[str] = mapped_column(String(64))
    sha256: Mapped[str] = mapped_column(String(64))  # of the TOML text (``sha256sum FILE``)
    text: Mapped[str] = deferred(mapped_column(Text, nullable=False))
    policy_text: Mapped[str] = deferred(mapped_column(Text, nullable=False))
    logo: Mapped[bytes | None] = deferred(mapped_column(LargeBinary))
    source: Mapped[str] = mapped_column(String(16))  # bundled | imported | head_office
    imported_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    imported_by: Mapped[str] = mapped_column(String(200), default="")  # user name, or the node


# The version in force, as a column of a statement another read sends anyway (the signed-in
# account's, at the start of every transaction): the highest ``seq``, one step down the primary
# key's index, and no round trip of its own.  A desk that finds another number than the one it
# runs takes the new version (``services.profile.versions.follow``).
IN_FORCE_SEQ = select(func.max(ProfileVersion.seq)).scalar_subquery().label("profile_seq")
