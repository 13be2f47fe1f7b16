"""Digital signatures on printed PDFs (PAdES baseline B, invisible field), with pyHanko.

An association that configures a PKCS#12 certificate (``.p12`` / ``.pfx``, see
``signing_config``) gets every printed PDF signed as an incremental update: the rendered bytes
stay untouched and a signature field (``/FT /Sig``, no appearance) is appended, so PDF readers
list the signature in their signature panel while the page itself keeps its QR code.

pyHanko is imported on first use, so documents printed without a certificate never pay for it.
Nothing here fetches anything from the network: no timestamp authority, no OCSP/CRL.
"""

from __future__ import annotations

import io

from ..i18n import _
from .signing_certificate import load_signer
from .signing_config import DEFAULT_FIELD_NAME, DEFAULT_REASON, SigningConfig, SigningError


def run_sync(fn, *args, **kwargs):
    """pyHanko's sync wrappers call ``asyncio.run``, which refuses to run inside a running event
    loop (e.g. a Qt/asyncio integration); in that case use a short-lived worker thread."""
    import asyncio
    import concurrent.futures

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return fn(*args, **kwargs)
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(fn, *args, **kwargs).result()


def sign_pdf(pdf: bytes, config: SigningConfig, *, field_name: str = DEFAULT_FIELD_NAME) -> bytes:
    """``pdf`` with an invisible PAdES-B-B signature (SHA-256, certificate chain embedded)
    appended as an incremental update: the result starts with ``pdf`` byte for byte."""
    signer = load_signer(config)

    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign.fields import SigFieldSpec, SigSeedSubFilter
    from pyhanko.sign.signers import PdfSignatureMetadata, PdfSigner

    reason = _(DEFAULT_REASON) if config.reason == DEFAULT_REASON else config.reason
    meta = PdfSignatureMetadata(
        field_name=field_name,
        md_algorithm="sha256",
        subfilter=SigSeedSubFilter.PADES,
        reason=reason or None,
        location=config.location or None,
        contact_info=config.contact or None,
    )
    pdf_signer = PdfSigner(
        meta,
        signer,
        new_field_spec=SigFieldSpec(sig_field_name=field_name, on_page=0),  # no box: invisible
    )

    def run() -> bytes:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
        return pdf_signer.sign_pdf(writer, output=io.BytesIO()).getvalue()

    try:
        return run_sync(run)
    except SigningError:
        raise
    except Exception as exc:  # pyHanko's own errors, malformed input PDFs, ...
        raise SigningError(
            _("The document could not be signed: {error}").format(error=exc)
        ) from exc
