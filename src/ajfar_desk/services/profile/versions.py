"""The association profile a store runs: the versions it keeps (``db.profile_versions``) and the
one in force, put in force when the store is opened.

The bundled file (``resources/associations/<id>.toml``) is only the first version, written when
the store is set up (or the first time a store older than the table is opened).  After that the
store's own text is the profile: an upgrade of the program that brings a newer bundled file
never replaces it.  A version is a set of files, kept in the store so that head office's can
travel to the branches: the TOML text exactly as given, the policy text it names
(``policy_file``) and its logo.  To be read they are written once under the data folder
(``profile/<sha>/``, named by the hash of the set) and loaded by ``domain.profile.load_profile``,
the same checks as every file."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import tomllib
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...db.profile_versions import ProfileVersion
from ...domain.profile import (
    AssociationProfile,
    ProfileError,
    bundled_profile,
    install_profile,
    load_profile,
    profiles_dir,
)
from ...i18n import _
from ..store.store import Store

BUNDLED, IMPORTED, HEAD_OFFICE = "bundled", "imported", "head_office"
FOLDER = "profile"


@dataclass(frozen=True)
class ProfileFiles:
    """One version's files: what is stored, carried in a bundle and written by ``export``."""

    association: str
    text: str  # the TOML, exactly as given
    policy_name: str  # its ``policy_file``, relative to the TOML's folder
    policy_text: str
    logo_name: str = ""  # its ``logo``, relative; "" for none
    logo: bytes | None = None

    @property
    def sha256(self) -> str:
        """Of the TOML text: what ``sha256sum FILE`` prints for the file exported."""
        return hashlib.sha256(self.text.encode()).hexdigest()

    @property
    def set_sha(self) -> str:
        """Of the whole set: the TOML, the policy text and the logo."""
        digest = hashlib.sha256()
        for part in (self.text.encode(), self.policy_text.encode(), self.logo or b""):
            digest.update(hashlib.sha256(part).digest())
        return digest.hexdigest()


@dataclass(frozen=True)
class VersionView:
    seq: int
    number: int
    association: str
    sha256: str
    source: str  # bundled | imported | head_office
    imported_at: dt.datetime
    imported_by: str


def _relative(path: Path, folder: Path, key: str) -> str:
    """``path`` (resolved by the loader) as a name under ``folder``: a version's files travel
    together, so none may lie outside the TOML's folder."""
    try:
        return path.relative_to(folder.resolve()).as_posix()
    except ValueError:
        raise ProfileError(folder, key, _("must be a file inside the profile's folder")) from None


def read_files(path: Path, profile: AssociationProfile) -> ProfileFiles:
    """The set of files of the profile read (and checked) from ``path``."""
    folder = Path(path).parent
    logo_name = _relative(profile.logo, folder, "logo") if profile.logo else ""
    return ProfileFiles(
        profile.id,
        Path(path).read_text(encoding="utf-8"),
        _relative(profile.policy_file, folder, "policy_file"),
        profile.policy_file.read_text(encoding="utf-8"),
        logo_name,
        profile.logo.read_bytes() if profile.logo else None,
    )


def write_files(files: ProfileFiles, toml_path: Path) -> list[Path]:
    """The set written with the TOML at ``toml_path``, its policy text and logo beside it at
    the names the TOML gives; the paths written."""
    folder = toml_path.parent
    written = [toml_path]
    folder.mkdir(parents=True, exist_ok=True)
    toml_path.write_text(files.text, encoding="utf-8")
    policy = folder / files.policy_name
    policy.parent.mkdir(parents=True, exist_ok=True)
    policy.write_text(files.policy_text, encoding="utf-8")
    written.append(policy)
    if files.logo_name and files.logo is not None:
        logo = folder / files.logo_name
        logo.parent.mkdir(parents=True, exist_ok=True)
        logo.write_bytes(files.logo)
        written.append(logo)
    return written


_loaded: dict[tuple[str, str], AssociationProfile] = {}  # (data folder, set sha) -> profile


def load_files(data_dir: Path, files: ProfileFiles) -> AssociationProfile:
    """The profile of a stored set, loaded once per data folder and set (its files written under
    ``<data>/profile/<sha>/`` first when missing)."""
    key = (str(data_dir), files.set_sha)
    if key in _loaded:
        return _loaded[key]
    toml = Path(data_dir) / FOLDER / files.set_sha[:20] / f"{files.association}.toml"
    if not toml.is_file() or toml.read_text(encoding="utf-8") != files.text:
        write_files(files, toml)
    profile = _loaded[key] = load_profile(toml)
    return profile


def bundled_files(association: str) -> ProfileFiles:
    """The set this program brings for ``association`` (ProfileError for an unknown one)."""
    return read_files(profiles_dir() / f"{association}.toml", bundled_profile(association))


def files_of(row) -> ProfileFiles:
    """The files of a stored version (a ``ProfileVersion``, or a row of its columns)."""
    data = tomllib.loads(row.text)
    return ProfileFiles(row.association, row.text, str(data["policy_file"]).strip(),
                        row.policy_text, str(data.get("logo", "")).strip(), row.logo)


def in_force_row(session: Session) -> ProfileVersion | None:
    return session.scalar(select(ProfileVersion).order_by(ProfileVersion.seq.desc()).limit(1))


def in_force_files(session: Session) -> ProfileFiles | None:
    row = in_force_row(session)
    return files_of(row) if row is not None else None


def view(row: ProfileVersion) -> VersionView:
    return VersionView(row.seq, row.number, row.association, row.sha256, row.source,
                       row.imported_at, row.imported_by)


def add_version(session: Session, files: ProfileFiles, number: int, source: str, by: str) -> ProfileVersion:
    row = ProfileVersion(number=number, association=files.association, sha256=files.sha256,
                         text=files.text, policy_text=files.policy_text, logo=files.logo,
                         source=source, imported_by=by[:200])
    session.add(row)
    session.flush()
    return row


def first_version(session: Session, files: ProfileFiles) -> ProfileVersion:
    """At set-up: the store's first version, from the bundled file or the one given."""
    source = BUNDLED if files == bundled_or_none(files.association) else IMPORTED
    return add_version(session, files, 1, source, "")


def bundled_or_none(association: str) -> ProfileFiles | None:
    try:
        return bundled_files(association)
    except ProfileError:
        return None


# (store, data folder, seq, sha) -> profile: its files are written under that data folder
_opened: dict[tuple[str, str, int, str], AssociationProfile] = {}


def ensure(store: Store, association: str) -> tuple[AssociationProfile, int]:
    """The profile in force in ``store``, put in force for its association in this process.  A
    store older than the table is given the bundled file as its first version, once.  Opened
    again (each sign-in), only the version's number and hash are read.  With the version's
    ``seq``, which the context made with it keeps (``AppContext.profile_seq``)."""
    with store.reading() as s:
        head = s.execute(select(ProfileVersion.seq, ProfileVersion.sha256)
                         .order_by(ProfileVersion.seq.desc()).limit(1)).first()
        known = _opened.get((store.url, str(store.data_dir), head.seq, head.sha256)) if head is not None else None
        files = in_force_files(s) if head is not None and known is None else None
    if head is None:
        with store.transaction() as s:
            files = in_force_files(s)
            if files is None:  # no other desk was quicker
                files = bundled_files(association)
                add_version(s, files, 1, BUNDLED, "")
            seq = s.scalar(select(ProfileVersion.seq).order_by(ProfileVersion.seq.desc()).limit(1))
    if known is not None:
        profile = known
    else:
        assert files is not None  # read above, or written as the first version
        profile = load_files(store.data_dir, files)
    if head is not None:
        _opened[(store.url, str(store.data_dir), head.seq, head.sha256)] = profile
        seq = head.seq
    install_profile(profile)
    return profile, seq


def follow(ctx, session: Session, seq: int) -> AssociationProfile:
    """Another desk put version ``seq`` in force in the store this context works on (``profile
    import`` at head office, head office's version adopted by a sync at a branch): read here,
    in the transaction that found it (``AppContext._follow_version``: the account's read brings
    the number), it is in force at this desk from now on, as at the desk that imported it."""
    from ...domain.digits import follow_profile
    from ..store.events import PROFILE_CHANGED

    row = session.execute(select(ProfileVersion.number, ProfileVersion.association,
                                 ProfileVersion.text, ProfileVersion.policy_text,
                                 ProfileVersion.logo).where(ProfileVersion.seq == seq)).one()
    profile = load_files(ctx.store.data_dir, files_of(row))
    install_profile(profile)
    ctx.profile, ctx.branch, ctx.profile_seq = profile, profile.branch(ctx.branch.code), seq
    follow_profile(profile.digits)
    # the open pages read their lists again: at once, whatever becomes of this transaction (the
    # version was committed by the other desk)
    ctx.events.emit(PROFILE_CHANGED, row.number)
    return profile


def to_wire(row: ProfileVersion, *, whole: bool) -> dict:
    """A version as a bundle or an invitation carries it: whole (head office's, with its files)
    or only its number and hash (a branch telling head office which one it runs)."""
    out: dict = {"number": row.number, "sha256": row.sha256}
    if whole:
        files = files_of(row)
        out.update(association=files.association, text=files.text, policy_name=files.policy_name,
                   policy_text=files.policy_text, logo_name=files.logo_name,
                   logo=base64.b64encode(files.logo).decode() if files.logo else "",
                   imported_at=row.imported_at.isoformat(), imported_by=row.imported_by)
    return out


_WIRE = {"number": int, "sha256": str}
_WHOLE = {"association": str, "text": str, "policy_name": str, "policy_text": str,
          "logo_name": str, "logo": str, "imported_at": str, "imported_by": str}


def from_wire(wire: object) -> tuple[int, str, ProfileFiles | None, str]:
    """(number, sha256, files or None, who imported it) of a carried version; ValueError when
    malformed."""
    if not isinstance(wire, dict):
        raise ValueError("profile")
    whole = "text" in wire
    fields = _WIRE | (_WHOLE if whole else {})
    if set(wire) != set(fields):
        raise ValueError("profile")
    for name, kind in fields.items():
        if not isinstance(wire[name], kind) or isinstance(wire[name], bool):
            raise ValueError(f"profile.{name}")
    files = None
    if whole:
        logo = base64.b64decode(wire["logo"], validate=True) if wire["logo"] else None
        files = ProfileFiles(wire["association"], wire["text"], wire["policy_name"],
                             wire["policy_text"], wire["logo_name"], logo)
        if files.sha256 != wire["sha256"]:
            raise ValueError("profile.sha256")
    return wire["number"], wire["sha256"], files, wire.get("imported_by", "")
