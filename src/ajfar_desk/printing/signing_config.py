"""The digital-signing settings and whether this installation can sign at all.

The signing settings live in ``signing.toml`` in the installation's data folder (the
certificate belongs to the installation, not to the shipped profile)::

    pkcs12 = "certs/association.p12"       # relative to the data folder
    passphrase_env = "AJFAR_SIGNING_PASSPHRASE"
    reason = "..."                         # optional
    location = "Riyadh"                    # optional

The passphrase itself is never stored in a configuration file; only the name of the environment
variable that holds it.  ``signing_certificate`` loads the certificate these settings name;
``signing`` signs a PDF with it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..domain.errors import AppError
from ..i18n import N_, _

DEFAULT_FIELD_NAME = "AjfarSignature"
DEFAULT_REASON = N_("Issued electronically by the association")


class SigningError(AppError):
    """Signing cannot happen (or a signed PDF cannot be read); the message is for people."""


# pyHanko and the two packages it brings are the optional ``[signing]`` extra (the installed
# program carries them): without them papers print unsigned, and an installation that configured
# a certificate is told what is missing instead of printing unsigned behind its back.
SIGNING_MODULES = ("pyhanko", "pyhanko_certvalidator", "asn1crypto")


def signing_available() -> bool:
    """Whether the optional signing component (pyHanko) is installed."""
    from importlib.util import find_spec

    try:
        return all(find_spec(name) is not None for name in SIGNING_MODULES)
    except (ImportError, ValueError):
        return False


def require_signing() -> None:
    """Refuse, naming what to install, when the signing component is missing."""
    if not signing_available():
        raise SigningError(
            _(
                "This installation cannot sign papers: the optional signing component (pyHanko) "
                "is not installed. Install it with “pip install ajfar-desk[signing]” (the "
                "installed program includes it), or remove {file} from the data folder to "
                "print papers without a digital signature"
            ).format(file="signing.toml")
        )



@dataclass(frozen=True)
class SigningConfig:
    """Where the certificate is and what the signature dictionary says.

    ``reason`` left at :data:`DEFAULT_REASON` is translated into the current language when
    signing; any other text is used as given.
    """

    pkcs12_path: Path
    passphrase: str | None
    reason: str = DEFAULT_REASON
    location: str = ""
    contact: str = ""

    def __repr__(self) -> str:  # never show the passphrase in logs or tracebacks
        secret = "None" if self.passphrase is None else "'***'"
        return (
            f"SigningConfig(pkcs12_path={str(self.pkcs12_path)!r}, passphrase={secret}, "
            f"reason={self.reason!r}, location={self.location!r}, contact={self.contact!r})"
        )

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], base_dir: Path) -> SigningConfig:
        """Read a profile/TOML table: ``pkcs12``, ``passphrase_env``, ``reason``, ``location``,
        ``contact``.  A relative ``pkcs12`` path is taken relative to ``base_dir``.

        Without ``passphrase_env`` the PKCS#12 file is opened without a passphrase.
        """
        if "passphrase" in data:
            raise SigningError(
                _(
                    "The signing settings must not contain the passphrase itself; put it in an "
                    "environment variable and give that variable's name as “passphrase_env”"
                )
            )
        raw_path = data.get("pkcs12")
        if not isinstance(raw_path, str | os.PathLike) or not str(raw_path).strip():
            raise SigningError(
                _(
                    "The signing settings need “{key}”, the path of the PKCS#12 certificate file"
                ).format(key="pkcs12")
            )
        path = Path(os.path.expanduser(str(raw_path).strip()))
        if not path.is_absolute():
            path = Path(base_dir) / path

        passphrase: str | None = None
        variable = data.get("passphrase_env")
        if variable is not None:
            variable = str(variable).strip()
            if variable not in os.environ:
                raise SigningError(
                    _(
                        "The environment variable {variable} that should hold the signing "
                        "certificate's passphrase is not set"
                    ).format(variable=variable)
                )
            passphrase = os.environ[variable]

        texts = {}
        for key in ("reason", "location", "contact"):
            value = data.get(key)
            if value is not None:
                texts[key] = str(value)
        return cls(pkcs12_path=path, passphrase=passphrase, **texts)
