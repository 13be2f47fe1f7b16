"""Reading the digital signatures of a PDF back, offline (pyHanko's validator)."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..i18n import _
from .signing import run_sync
from .signing_certificate import common_name
from .signing_config import SigningError, require_signing


@dataclass(frozen=True)
class SignatureInfo:
    """One embedded signature, as a verifier sees it.

    ``intact``: the signed byte ranges hash to the digest the signature covers.
    ``valid``: the signature over that digest is cryptographically sound.
    ``trusted``: the signer's certificate chains up to one of the given trust roots.
    ``covers_whole_document``: nothing was appended after signing.
    ``problem``: why it could not be checked at all, if so (then the flags are all False).
    """

    field_name: str
    signer_name: str
    signing_time: dt.datetime | None
    intact: bool
    valid: bool
    trusted: bool
    covers_whole_document: bool = False
    problem: str | None = None

    @property
    def ok(self) -> bool:
        return self.intact and self.valid and self.trusted


def _to_asn1_cert(cert: Any):
    from asn1crypto import pem
    from asn1crypto import x509 as asn1_x509
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization

    if isinstance(cert, asn1_x509.Certificate):
        return cert
    if isinstance(cert, x509.Certificate):
        return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))
    if isinstance(cert, bytes | bytearray):
        data = bytes(cert)
        if pem.detect(data):
            _type, _headers, data = pem.unarmor(data)
        return asn1_x509.Certificate.load(data)
    raise TypeError(f"unsupported trust root type {type(cert).__name__}")


def describe_signatures(
    pdf: bytes, trust_roots: Iterable[Any] = (), *, at: dt.datetime | None = None
) -> list[SignatureInfo]:
    """Every signature in ``pdf``, checked offline against ``trust_roots`` (cryptography or
    asn1crypto certificates, or DER/PEM bytes).  With no trust roots nothing is ``trusted``;
    the operating system's trust store is never consulted and nothing is fetched.

    ``at`` is the moment to validate the certificate chain for (default: now).
    """
    require_signing()
    from cryptography import x509
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.settings import KeyUsageConstraints
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    roots = [_to_asn1_cert(c) for c in trust_roots]
    usage = KeyUsageConstraints(
        key_usage={"digital_signature", "non_repudiation"}, match_all_key_usages=False
    )
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        embedded = list(reader.embedded_regular_signatures)
    except Exception as exc:  # unreadable file
        raise SigningError(_("The PDF could not be read: {error}").format(error=exc)) from exc

    result: list[SignatureInfo] = []
    for sig in embedded:
        try:
            field_name = str(sig.field_name)
        except Exception:
            field_name = "?"
        try:
            signer_name = common_name(x509.load_der_x509_certificate(sig.signer_cert.dump()))
        except Exception:
            signer_name = ""
        try:
            context = ValidationContext(trust_roots=roots, allow_fetching=False, moment=at)
            status = run_sync(validate_pdf_signature, sig, context, key_usage_settings=usage)
        except Exception as exc:  # corrupt signature: report, don't crash
            result.append(
                SignatureInfo(
                    field_name=field_name,
                    signer_name=signer_name,
                    signing_time=None,
                    intact=False,
                    valid=False,
                    trusted=False,
                    problem=str(exc) or type(exc).__name__,
                )
            )
            continue
        result.append(
            SignatureInfo(
                field_name=field_name,
                signer_name=signer_name,
                signing_time=status.signer_reported_dt,
                intact=bool(status.intact),
                valid=bool(status.valid),
                trusted=bool(status.trusted),
                covers_whole_document=status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
            )
        )
    return result
