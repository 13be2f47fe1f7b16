"""Signed PDFs: PAdES signature appended incrementally, readable by pypdf, verifiable offline."""

from __future__ import annotations

import asyncio
import datetime as dt
import io
import os
from pathlib import Path

import pytest

pytest.importorskip("pyhanko", reason="signing is the optional [signing] extra")

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from pypdf import PdfReader
from reportlab.pdfgen import canvas

from ajfar_desk import i18n
from ajfar_desk.printing.signature_check import describe_signatures
from ajfar_desk.printing.signing import sign_pdf
from ajfar_desk.printing.signing_certificate import clear_signer_cache, load_signer
from ajfar_desk.printing.signing_config import DEFAULT_REASON, SigningConfig, SigningError

CN = "Ajfar Charity Test Signer"
PASSPHRASE = "s3cret-كلمة"
PAGE_TEXT = b"Ajfar signing test page"


def _identity(cn: str, key, not_before: dt.datetime, not_after: dt.datetime) -> x509.Certificate:
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, cn),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Ajfar Test Association"),
            x509.NameAttribute(NameOID.COUNTRY_NAME, "SA"),
        ]
    )
    usage = x509.KeyUsage(
        digital_signature=True,
        content_commitment=True,  # nonRepudiation
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=False,
        crl_sign=False,
        encipher_only=False,
        decipher_only=False,
    )
    return (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(usage, critical=True)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )


@pytest.fixture(scope="module")
def identities():
    """Keys and certificates, generated once for the module (RSA key generation is the slow part)."""
    now = dt.datetime.now(dt.UTC)
    rsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    ec_key = ec.generate_private_key(ec.SECP256R1())
    return {
        "rsa": (
            rsa_key,
            _identity(CN, rsa_key, now - dt.timedelta(days=1), now + dt.timedelta(days=365)),
        ),
        "ec": (
            ec_key,
            _identity(CN, ec_key, now - dt.timedelta(days=1), now + dt.timedelta(days=365)),
        ),
        "expired": (
            ec_key,
            _identity(
                "Expired Signer", ec_key, now - dt.timedelta(days=400), now - dt.timedelta(days=35)
            ),
        ),
    }


def _write_p12(path: Path, key, cert, passphrase: str | None = PASSPHRASE, cas=None) -> Path:
    encryption = (
        serialization.NoEncryption()
        if passphrase is None
        else serialization.BestAvailableEncryption(passphrase.encode("utf-8"))
    )
    path.write_bytes(pkcs12.serialize_key_and_certificates(b"ajfar", key, cert, cas, encryption))
    return path


@pytest.fixture
def p12(tmp_path, identities):
    key, cert = identities["rsa"]
    return _write_p12(tmp_path / "signer.p12", key, cert)


@pytest.fixture
def config(p12):
    return SigningConfig(pkcs12_path=p12, passphrase=PASSPHRASE, location="الرياض")


@pytest.fixture(autouse=True)
def fresh_signer_cache():
    clear_signer_cache()
    yield
    clear_signer_cache()


@pytest.fixture
def english():
    i18n.set_language("en")


@pytest.fixture(scope="module")
def pdf() -> bytes:
    buf = io.BytesIO()
    # uncompressed content stream, so the tamper test can find the text
    c = canvas.Canvas(buf, pageCompression=0)
    c.setFont("Helvetica", 14)
    c.drawString(72, 760, PAGE_TEXT.decode())
    for i in range(20):
        c.drawString(72, 720 - 14 * i, f"Line {i}: declaration text")
    c.showPage()
    c.save()
    return buf.getvalue()


# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["rsa", "ec"])
def test_signed_pdf_is_incremental_readable_and_verifies(kind, tmp_path, identities, pdf):
    key, cert = identities[kind]
    path = _write_p12(tmp_path / f"{kind}.p12", key, cert)
    cfg = SigningConfig(pkcs12_path=path, passphrase=PASSPHRASE, location="الرياض")
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)

    signed = sign_pdf(pdf, cfg)

    assert signed.startswith(pdf) and len(signed) > len(pdf)  # incremental update

    reader = PdfReader(io.BytesIO(signed))
    assert len(reader.pages) == 1
    fields = reader.get_fields()
    assert fields["AjfarSignature"]["/FT"] == "/Sig"
    value = fields["AjfarSignature"]["/V"].get_object()
    assert value["/SubFilter"] == "/ETSI.CAdES.detached"  # PAdES
    assert value["/Location"] == "الرياض"
    assert value["/Reason"]
    widget = reader.pages[0]["/Annots"][0].get_object()
    assert [float(v) for v in widget["/Rect"]] == [0, 0, 0, 0]  # invisible

    [info] = describe_signatures(signed, trust_roots=[cert])
    assert info.field_name == "AjfarSignature"
    assert info.signer_name == CN
    assert info.intact and info.valid and info.trusted and info.ok
    assert info.covers_whole_document and info.problem is None
    assert info.signing_time is not None
    assert before - dt.timedelta(seconds=2) <= info.signing_time <= dt.datetime.now(dt.UTC)


def test_chain_from_pkcs12_is_embedded_and_validates_to_the_ca(tmp_path, identities, pdf):
    now = dt.datetime.now(dt.UTC)
    ca_key, _ = identities["ec"]
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Ajfar Test Root CA")])
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=2))
        .not_valid_after(now + dt.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False),
            critical=True,
        )
        .sign(ca_key, hashes.SHA256())
    )
    leaf_key, self_signed = identities["rsa"]
    leaf = (
        x509.CertificateBuilder()
        .subject_name(self_signed.subject)
        .issuer_name(ca_name)
        .public_key(leaf_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=365))
        .add_extension(self_signed.extensions.get_extension_for_class(x509.KeyUsage).value, True)
        .sign(ca_key, hashes.SHA256())
    )
    path = _write_p12(tmp_path / "chain.p12", leaf_key, leaf, cas=[ca])

    signed = sign_pdf(pdf, SigningConfig(pkcs12_path=path, passphrase=PASSPHRASE))

    from pyhanko.pdf_utils.reader import PdfFileReader

    embedded = PdfFileReader(io.BytesIO(signed)).embedded_signatures[0]
    names = sorted(
        c.chosen.subject.native["common_name"] for c in embedded.signed_data["certificates"]
    )
    assert names == sorted(["Ajfar Test Root CA", CN])  # leaf + CA travel with the signature
    [info] = describe_signatures(signed, trust_roots=[ca])  # only the CA is trusted
    assert info.ok and info.signer_name == CN


def test_without_trust_roots_signature_is_sound_but_not_trusted(config, pdf, identities):
    signed = sign_pdf(pdf, config)
    [info] = describe_signatures(signed)
    assert info.intact and info.valid and not info.trusted

    _key, other = identities["ec"]
    [info] = describe_signatures(
        signed, trust_roots=[other.public_bytes(serialization.Encoding.PEM)]
    )
    assert info.intact and info.valid and not info.trusted


def test_custom_field_name_and_reason(config, pdf):
    cfg = SigningConfig(config.pkcs12_path, config.passphrase, reason="Membership letter")
    signed = sign_pdf(pdf, cfg, field_name="Letter7")
    value = PdfReader(io.BytesIO(signed)).get_fields()["Letter7"]["/V"].get_object()
    assert value["/Reason"] == "Membership letter"
    assert [i.field_name for i in describe_signatures(signed)] == ["Letter7"]


def test_unsigned_pdf_has_no_signatures(pdf):
    assert describe_signatures(pdf) == []


def test_tampered_content_is_not_intact(config, pdf, identities):
    signed = sign_pdf(pdf, config)
    at = signed.index(PAGE_TEXT)
    assert at < len(pdf)  # inside the original, signed bytes
    tampered = bytearray(signed)
    tampered[at] = ord("E")  # "Ajfar" -> "Ejfar": same length, structure untouched
    [info] = describe_signatures(bytes(tampered), trust_roots=[identities["rsa"][1]])
    assert not info.intact and not info.ok


def test_unreadable_pdf_raises(english):
    with pytest.raises(SigningError, match="could not be read"):
        describe_signatures(b"%PDF-1.7\nnot really a pdf")


def test_signing_inside_a_running_event_loop(config, pdf):
    async def main():
        return sign_pdf(pdf, config)

    signed = asyncio.run(main())
    assert describe_signatures(signed)[0].valid


# --------------------------------------------------------------------------------------------
# Certificate problems


def test_wrong_passphrase(english, p12):
    with pytest.raises(SigningError, match="(?i)wrong passphrase") as err:
        load_signer(SigningConfig(pkcs12_path=p12, passphrase="not it"))
    assert str(p12) in str(err.value)


def test_missing_passphrase(english, p12):
    with pytest.raises(SigningError, match="passphrase"):
        load_signer(SigningConfig(pkcs12_path=p12, passphrase=None))


def test_missing_file(english, tmp_path):
    path = tmp_path / "nowhere" / "signer.p12"
    with pytest.raises(SigningError, match="not found") as err:
        load_signer(SigningConfig(pkcs12_path=path, passphrase=PASSPHRASE))
    assert str(path) in str(err.value)


def test_not_a_pkcs12_file(english, tmp_path):
    path = tmp_path / "signer.p12"
    path.write_bytes(b"-----BEGIN CERTIFICATE-----\nnope\n")
    with pytest.raises(SigningError, match="not a PKCS#12"):
        load_signer(SigningConfig(pkcs12_path=path, passphrase=PASSPHRASE))


def test_expired_certificate(english, tmp_path, identities, pdf):
    key, cert = identities["expired"]
    path = _write_p12(tmp_path / "old.p12", key, cert)
    with pytest.raises(SigningError, match="expired") as err:
        sign_pdf(pdf, SigningConfig(pkcs12_path=path, passphrase=PASSPHRASE))
    assert "Expired Signer" in str(err.value)


def test_no_private_key(english, tmp_path, identities):
    _key, cert = identities["rsa"]
    path = _write_p12(tmp_path / "certonly.p12", None, None, cas=[cert])
    with pytest.raises(SigningError, match="no private key"):
        load_signer(SigningConfig(pkcs12_path=path, passphrase=PASSPHRASE))


def test_key_not_matching_certificate(english, tmp_path, identities, monkeypatch):
    # cryptography refuses to write such a file, so feed the loader a mismatched pair directly
    rsa_key, rsa_cert = identities["rsa"]
    _ec_key, ec_cert = identities["ec"]
    path = _write_p12(tmp_path / "mismatch.p12", rsa_key, rsa_cert)
    monkeypatch.setattr(
        pkcs12, "load_key_and_certificates", lambda data, pw: (rsa_key, ec_cert, [])
    )
    with pytest.raises(SigningError, match="does not belong"):
        load_signer(SigningConfig(pkcs12_path=path, passphrase=PASSPHRASE))


def test_unencrypted_pkcs12_needs_no_passphrase(tmp_path, identities, pdf):
    key, cert = identities["ec"]
    path = _write_p12(tmp_path / "plain.p12", key, cert, passphrase=None)
    signed = sign_pdf(pdf, SigningConfig(pkcs12_path=path, passphrase=None))
    assert describe_signatures(signed, [cert])[0].ok


def test_error_messages_are_translated_through_gettext(tmp_path):
    path = tmp_path / "missing.p12"
    with pytest.raises(SigningError) as err:
        load_signer(SigningConfig(pkcs12_path=path, passphrase=None))
    expected = i18n._("The signing certificate file was not found: {path}").format(path=path)
    assert str(err.value) == expected


# --------------------------------------------------------------------------------------------
# Cache


def test_signer_is_cached_per_file_version_and_passphrase(p12, identities):
    cfg = SigningConfig(pkcs12_path=p12, passphrase=PASSPHRASE)
    first = load_signer(cfg)
    assert load_signer(cfg) is first

    with pytest.raises(SigningError):  # a wrong passphrase never rides on the cached signer
        load_signer(SigningConfig(pkcs12_path=p12, passphrase="wrong"))

    key, cert = identities["ec"]
    _write_p12(p12, key, cert)
    stat = p12.stat()
    os.utime(p12, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))
    replaced = load_signer(cfg)
    assert replaced is not first
    assert replaced.signing_cert.dump() == cert.public_bytes(serialization.Encoding.DER)


# --------------------------------------------------------------------------------------------
# Configuration


def test_from_mapping_reads_env_and_resolves_relative_path(tmp_path, monkeypatch):
    monkeypatch.setenv("AJFAR_TEST_SIGNING_PASS", PASSPHRASE)
    cfg = SigningConfig.from_mapping(
        {
            "pkcs12": "certs/association.p12",
            "passphrase_env": "AJFAR_TEST_SIGNING_PASS",
            "reason": "Official declaration",
            "location": "Riyadh",
        },
        base_dir=tmp_path,
    )
    assert cfg.pkcs12_path == tmp_path / "certs" / "association.p12"
    assert cfg.passphrase == PASSPHRASE
    assert (cfg.reason, cfg.location, cfg.contact) == ("Official declaration", "Riyadh", "")
    assert PASSPHRASE not in repr(cfg)

    absolute = tmp_path / "elsewhere.p12"
    cfg = SigningConfig.from_mapping({"pkcs12": str(absolute)}, base_dir=Path("/unused"))
    assert cfg.pkcs12_path == absolute and cfg.passphrase is None
    assert cfg.reason == DEFAULT_REASON


def test_from_mapping_unset_env_variable(english, tmp_path, monkeypatch):
    monkeypatch.delenv("AJFAR_TEST_SIGNING_PASS", raising=False)
    with pytest.raises(SigningError, match="AJFAR_TEST_SIGNING_PASS.*not set"):
        SigningConfig.from_mapping(
            {"pkcs12": "a.p12", "passphrase_env": "AJFAR_TEST_SIGNING_PASS"}, base_dir=tmp_path
        )


def test_from_mapping_refuses_inline_passphrase_and_missing_path(english, tmp_path):
    with pytest.raises(SigningError, match="passphrase_env"):
        SigningConfig.from_mapping({"pkcs12": "a.p12", "passphrase": "oops"}, base_dir=tmp_path)
    with pytest.raises(SigningError, match="pkcs12"):
        SigningConfig.from_mapping({"passphrase_env": "X"}, base_dir=tmp_path)


def test_an_installation_with_signing_toml_signs_every_printed_paper(
    identities, monkeypatch, tmp_path
):
    """The desk path: DATA/signing.toml names the certificate; printed papers carry a valid
    signature, and a paper printed without it has none."""
    from ajfar_desk.domain import documents as paper
    from ajfar_desk.printing.issue import paper_pdf, save_paper
    from ajfar_desk.services.papers import documents
    from ajfar_desk.services.store.store import Store
    from ajfar_desk.services.users import setup

    from .scenario import submitted_request

    store = Store.open(tmp_path / "data")
    try:
        ctx = setup.init_store(store, "aman", None, "admin", "password123", "Admin")
        _a, request = submitted_request(ctx)
        doc = documents.issue(ctx, request.id, paper.DECLARATION)
        assert describe_signatures(paper_pdf(ctx, doc.number)[1]) == []
        key, cert = identities["ec"]
        _write_p12(store.data_dir / "signer.p12", key, cert)
        monkeypatch.setenv("AJFAR_TEST_SIGNING", PASSPHRASE)
        (store.data_dir / "signing.toml").write_text(
            'pkcs12 = "signer.p12"\npassphrase_env = "AJFAR_TEST_SIGNING"\nlocation = "الرياض"\n',
            encoding="utf-8",
        )
        out = tmp_path / "signed.pdf"
        save_paper(ctx, doc.number, out)
        (info,) = describe_signatures(out.read_bytes(), [cert])
        assert info.ok and info.signer_name == CN and info.covers_whole_document
        assert PdfReader(out).metadata["/Subject"] == doc.sha256
    finally:
        store.close()
