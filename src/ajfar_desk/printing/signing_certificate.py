"""The association's signing certificate: a PKCS#12 file (``.p12`` / ``.pfx``) read, checked
(key present, passphrase right, key matching the certificate, valid now) and turned into a
pyHanko signer, cached per file path + modification time + passphrase.

cryptography, asn1crypto and pyHanko are imported where they are used: printing a document
without a certificate should not pay for them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import stat
import threading
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..i18n import _
from .signing_config import SigningConfig, SigningError, require_signing

if TYPE_CHECKING:
    from cryptography import x509
    from pyhanko.sign.signers import SimpleSigner

MAX_PKCS12 = 1024 * 1024  # a key with its certificate chain is a few kilobytes


def common_name(cert: x509.Certificate) -> str:
    from cryptography.x509.oid import NameOID

    names = cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    if names:
        value = names[0].value
        return value.decode("utf-8", "replace") if isinstance(value, bytes) else value
    return cert.subject.rfc4514_string()


def _looks_like_pkcs12(data: bytes) -> bool:
    """Structurally a PKCS#12 PFX (so a decryption failure means a wrong passphrase)?"""
    from asn1crypto import pkcs12 as asn1_pkcs12

    try:
        pfx = asn1_pkcs12.Pfx.load(data)
        return pfx["version"].native == "v3" and pfx["auth_safe"]["content_type"].native in (
            "data",
            "signed_data",
        )
    except Exception:  # any parse failure means "not PKCS#12"
        return False


def _same_public_key(key: Any, cert: x509.Certificate) -> bool:
    from cryptography.hazmat.primitives import serialization

    fmt = (serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    try:
        return key.public_key().public_bytes(*fmt) == cert.public_key().public_bytes(*fmt)
    except Exception:  # unusual key types: let the signature itself decide
        return True


def _check_validity(cert: x509.Certificate, now: dt.datetime | None = None) -> None:
    now = now or dt.datetime.now(dt.UTC)
    if now > cert.not_valid_after_utc:
        raise SigningError(
            _("The signing certificate “{name}” expired on {date}; renew it before signing").format(
                name=common_name(cert), date=cert.not_valid_after_utc.date().isoformat()
            )
        )
    if now < cert.not_valid_before_utc:
        raise SigningError(
            _("The signing certificate “{name}” is not valid before {date}").format(
                name=common_name(cert), date=cert.not_valid_before_utc.date().isoformat()
            )
        )


@dataclass(frozen=True)
class _LoadedSigner:
    signer: SimpleSigner
    certificate: x509.Certificate


@cache
def _signer_class() -> type:
    """A SimpleSigner that keeps the parsed private key.

    pyHanko's SimpleSigner re-parses the key from DER for every raw signature, and for RSA the
    key checks that come with parsing cost ~35 ms each time (twice per document, as the size
    estimate signs too); it also rebuilds the dummy CMS that sizes the placeholder for every
    document.  Keeping both brings a warm RSA signature from ~90 ms to ~15 ms.
    """
    from cryptography.hazmat.primitives.asymmetric.ec import ECDSA, EllipticCurvePrivateKey
    from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
    from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey
    from pyhanko.sign.signers import SimpleSigner
    from pyhanko_certvalidator.util import get_pyca_cryptography_hash

    class KeptKeySigner(SimpleSigner):
        def __init__(self, *, private_key: Any, **kwargs: Any) -> None:
            super().__init__(**kwargs)
            self._kept_key = private_key
            self._dry_runs: dict[tuple, Any] = {}

        def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
            mechanism = self.get_signature_mechanism_for_digest(digest_algorithm)
            try:
                algo = mechanism.signature_algo
            except ValueError:
                algo = mechanism["algorithm"].native
            key = self._kept_key
            if algo == "rsassa_pkcs1v15" and isinstance(key, RSAPrivateKey):
                return key.sign(data, PKCS1v15(), get_pyca_cryptography_hash(digest_algorithm))
            if algo == "ecdsa" and isinstance(key, EllipticCurvePrivateKey):
                return key.sign(data, ECDSA(get_pyca_cryptography_hash(digest_algorithm)))
            return super().sign_raw(data, digest_algorithm)  # PSS, EdDSA, ...: pyHanko's way

        async def async_sign(
            self,
            data_digest: bytes,
            digest_algorithm: str,
            dry_run: Any = False,
            use_pades: Any = False,
            timestamper: Any = None,
            signed_attr_settings: Any = None,
            is_pdf_sig: Any = True,
            encap_content_info: Any = None,
        ) -> Any:
            # The dry run only sizes the /Contents placeholder.  Without a timestamper or
            # revocation info its size depends on nothing that changes between documents,
            # so build it once per signer instead of re-encoding the chain every time.
            kwargs = {  # pyHanko's own defaults, passed on as they came
                "use_pades": use_pades,
                "timestamper": timestamper,
                "signed_attr_settings": signed_attr_settings,
                "is_pdf_sig": is_pdf_sig,
                "encap_content_info": encap_content_info,
            }
            attrs = kwargs.get("signed_attr_settings")
            plain = (
                kwargs.get("timestamper") is None
                and kwargs.get("encap_content_info") is None
                and (
                    attrs is None
                    or (
                        getattr(attrs, "adobe_revinfo_attr", None) is None
                        and getattr(attrs, "cades_signed_attrs", None) is None
                    )
                )
            )
            if not (dry_run and plain):
                return await super().async_sign(data_digest, digest_algorithm, dry_run, **kwargs)
            key = (digest_algorithm, kwargs.get("use_pades", False), kwargs.get("is_pdf_sig", True))
            cached = self._dry_runs.get(key)
            if cached is None:
                cached = await super().async_sign(data_digest, digest_algorithm, True, **kwargs)
                self._dry_runs[key] = cached
            return cached

    return KeptKeySigner


def _read_capped(path: Path) -> bytes:
    """The certificate file's bytes: a regular file of at most :data:`MAX_PKCS12` bytes (a
    device such as /dev/zero, a pipe or a huge file is refused before it fills memory)."""
    st = os.stat(path)
    if not stat.S_ISREG(st.st_mode):
        raise SigningError(
            _("The signing certificate {path} is not a regular file").format(path=path)
        )
    with open(path, "rb") as fh:
        data = fh.read(MAX_PKCS12 + 1)
    if len(data) > MAX_PKCS12:
        raise SigningError(
            _("The signing certificate file {path} is too large (at most {limit} KB)").format(
                path=path, limit=MAX_PKCS12 // 1024
            )
        )
    return data


def _read_pkcs12(config: SigningConfig) -> _LoadedSigner:
    path = Path(config.pkcs12_path)
    try:
        data = _read_capped(path)
    except FileNotFoundError:
        raise SigningError(
            _("The signing certificate file was not found: {path}").format(path=path)
        ) from None
    except OSError as exc:
        raise SigningError(
            _("The signing certificate file {path} could not be read: {error}").format(
                path=path, error=exc.strerror or exc
            )
        ) from exc

    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.serialization import pkcs12

    password = None if config.passphrase is None else config.passphrase.encode("utf-8")
    try:
        key, cert, extra = pkcs12.load_key_and_certificates(data, password)
    except (ValueError, TypeError) as exc:
        if not _looks_like_pkcs12(data):
            raise SigningError(
                _("{path} is not a PKCS#12 certificate file (.p12 or .pfx)").format(path=path)
            ) from exc
        if not password:
            raise SigningError(
                _(
                    "The signing certificate {path} is protected by a passphrase, but no "
                    "passphrase was given"
                ).format(path=path)
            ) from None
        raise SigningError(
            _("Wrong passphrase for the signing certificate {path}").format(path=path)
        ) from None

    if key is None:
        raise SigningError(
            _("The certificate file {path} holds no private key, so it cannot sign").format(
                path=path
            )
        )
    if cert is None:
        raise SigningError(
            _("The certificate file {path} holds a private key but no certificate").format(
                path=path
            )
        )
    if not _same_public_key(key, cert):
        raise SigningError(
            _("The private key in {path} does not belong to its certificate").format(path=path)
        )
    _check_validity(cert)

    from asn1crypto import keys as asn1_keys
    from asn1crypto import x509 as asn1_x509
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    def to_asn1(c: x509.Certificate) -> asn1_x509.Certificate:
        return asn1_x509.Certificate.load(c.public_bytes(serialization.Encoding.DER))

    key_info = asn1_keys.PrivateKeyInfo.load(
        key.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    chain = SimpleCertificateStore()
    chain.register_multiple([to_asn1(c) for c in extra or ()])  # embedded in every signature
    signer = _signer_class()(
        private_key=key,
        signing_cert=to_asn1(cert),
        signing_key=key_info,
        cert_registry=chain,
        embed_roots=True,
    )
    return _LoadedSigner(signer=signer, certificate=cert)


_CACHE: dict[tuple, _LoadedSigner] = {}
_CACHE_LOCK = threading.Lock()
_CACHE_SIZE = 4


def _cache_key(config: SigningConfig) -> tuple:
    path = Path(config.pkcs12_path)
    try:
        st = path.stat()
        stamp: tuple = (st.st_mtime_ns, st.st_size)
    except OSError:
        stamp = ()  # not cached below: _read_pkcs12 raises
    secret = (
        None
        if config.passphrase is None
        else hashlib.sha256(config.passphrase.encode("utf-8")).digest()
    )
    return (str(path.resolve(strict=False)), stamp, secret)


def _loaded(config: SigningConfig) -> _LoadedSigner:
    require_signing()
    key = _cache_key(config)
    with _CACHE_LOCK:
        hit = _CACHE.get(key)
    if hit is not None:
        _check_validity(hit.certificate)  # it may have expired since it was loaded
        return hit
    loaded = _read_pkcs12(config)
    if key[1]:
        with _CACHE_LOCK:
            for stale in [k for k in _CACHE if k[0] == key[0]]:
                del _CACHE[stale]
            while len(_CACHE) >= _CACHE_SIZE:
                del _CACHE[next(iter(_CACHE))]
            _CACHE[key] = loaded
    return loaded


def load_signer(config: SigningConfig) -> SimpleSigner:
    """The pyHanko signer for ``config``, checked (key present, passphrase right, certificate
    valid now) and cached per file path + modification time + passphrase."""
    return _loaded(config).signer


def clear_signer_cache() -> None:
    with _CACHE_LOCK:
        _CACHE.clear()
