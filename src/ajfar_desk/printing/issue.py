"""Papers as files: render an issued paper, sign it when the installation has a certificate,
and count the print (the first print is the original, later ones say "copy")."""

from __future__ import annotations

import tomllib
from pathlib import Path

from ..domain.documents import IssuedView
from ..domain.errors import ValidationError
from ..i18n import _
from ..services.papers import documents
from ..services.store.context import AppContext
from ..services.store.output_files import write_atomic
from .papers import render
from .signing import sign_pdf
from .signing_config import SigningConfig, SigningError

SIGNING_FILE = "signing.toml"


def signing_config(data_dir: Path) -> SigningConfig | None:
    """``DATA/signing.toml`` (pkcs12, passphrase_env, reason, location), or None."""
    path = Path(data_dir) / SIGNING_FILE
    if not path.is_file():
        return None
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SigningError(f"{path}: {exc}") from exc
    return SigningConfig.from_mapping(data, path.parent)


def paper_pdf(
    ctx: AppContext, number: str, *, copy: bool | None = None
) -> tuple[IssuedView, bytes]:
    """The paper as it would print now: a copy if it was printed before."""
    doc = documents.get_document(ctx, number)
    copy = doc.print_count > 0 if copy is None else copy
    pdf = render(doc, ctx.profile, copy=copy, data_dir=ctx.store.data_dir)
    config = signing_config(ctx.store.data_dir)
    if config is not None:
        pdf = sign_pdf(pdf, config)
    return doc, pdf


def save_paper(ctx: AppContext, number: str, out: Path) -> IssuedView:
    """Write the paper to ``out`` (atomically) and count the print."""
    doc, pdf = paper_pdf(ctx, number)
    out = Path(out)
    if out.is_dir():
        raise ValidationError("out", _("{path} is a folder; give a file name").format(path=out))
    try:
        write_atomic(out, pdf)  # beside ``out``, renamed when whole
    except OSError as exc:
        message = _("Cannot write {path}: {error}").format(path=out, error=exc.strerror or exc)
        raise ValidationError("out", message) from exc
    return documents.record_print(ctx, doc.number, copy=doc.print_count > 0)
