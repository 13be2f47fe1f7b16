"""SMS segments (GSM-7 160/153, UCS-2 70/67), the profile's message templates checked like the
paper templates, and messaging.toml refusing a secret written in the file."""

from __future__ import annotations

import shutil

import pytest

from ajfar_desk.domain import messages as dm
from ajfar_desk.domain.errors import ValidationError
from ajfar_desk.domain.profile import ProfileError, load_profile, profiles_dir
from ajfar_desk.services.messages import channels
from ajfar_desk.services.messages.segments import GSM7, UCS2, sms_count


@pytest.mark.parametrize("text, encoding, units, segments", [
    ("", GSM7, 0, 0),
    ("a" * 160, GSM7, 160, 1),
    ("a" * 161, GSM7, 161, 2),
    ("a" * 306, GSM7, 306, 2),
    ("a" * 307, GSM7, 307, 3),
    ("{" * 80, GSM7, 160, 1),  # an extended character takes two
    ("ب" * 70, UCS2, 70, 1),
    ("ب" * 71, UCS2, 71, 2),
    ("ب" * 134, UCS2, 134, 2),
    ("ب" * 135, UCS2, 135, 3),
    ("a" * 69 + "😀", UCS2, 71, 2),  # outside the BMP: two units
])
def test_sms_segments(text, encoding, units, segments):
    got = sms_count(text)
    assert (got.encoding, got.units, got.segments) == (encoding, units, segments)


def test_one_arabic_letter_turns_a_latin_text_into_ucs2():
    assert sms_count("Hello " * 20).segments == 1
    assert sms_count("Hello " * 20 + "م").encoding == UCS2 and sms_count("Hello " * 20 + "م").segments == 2


def _profile_with(tmp_path, block: str):
    source = (profiles_dir() / "ajfar.toml").read_text(encoding="utf-8")
    start = source.index("\n# Messages to applicants")  # the shipped [messages] tables, left out
    head = source[:start] + source[source.index("\n[[branches]]", start):]
    shutil.copytree(profiles_dir() / "policies", tmp_path / "policies", dirs_exist_ok=True)
    path = tmp_path / "ajfar.toml"
    path.write_text(head + block, encoding="utf-8")
    return path


def test_the_shipped_profiles_have_every_template_in_both_languages():
    for name in ("ajfar", "alhuda", "aman", "baraa", "najran"):
        settings = load_profile(profiles_dir() / f"{name}.toml").messages
        assert set(settings.templates) == set(dm.KINDS)
        for t in settings.templates.values():
            assert t.text_ar and t.text_en and dm.fields_of(t.text_ar) <= dm.PLACEHOLDERS


def test_an_unknown_placeholder_is_a_profile_error_naming_the_template(tmp_path):
    path = _profile_with(tmp_path, '\n[messages.receipt]\ntext_ar = "مرحبا {nme}"\ntext_en = "Hi {name}"\n')
    with pytest.raises(ProfileError) as err:
        load_profile(path)
    assert "messages.receipt.text_ar" in str(err.value) and "nme" in str(err.value)
    path = _profile_with(tmp_path, '\n[messages]\noff = ["receipts"]\n')
    with pytest.raises(ProfileError, match=r"messages\.off\[1\]"):
        load_profile(path)


def test_a_switched_off_kind_is_not_enabled(tmp_path):
    block = ('\n[messages]\noff = ["receipt"]\n[messages.receipt]\ntext_ar = "{name}"\ntext_en = "{name}"\n'
             '[messages.decision]\ntext_ar = "{decision}"\ntext_en = "{decision}"\n')
    settings = load_profile(_profile_with(tmp_path, block)).messages
    assert not settings.enabled("receipt") and settings.enabled("decision")
    assert not settings.enabled("more_info")  # no template: not sent


def test_render_leaves_a_missing_value_blank():
    t = dm.Template("receipt", "{name}، طلبكم {reference}", "{name}, request {reference}")
    assert dm.render(t, "en", {"name": "Khalid"}) == ("", "Khalid, request")


@pytest.mark.parametrize("text, ok", [("a@b.sa", True), (" Khalid@Example.ORG ", True), ("a@b", False),
                                      ("a b@c.sa", False), ("@c.sa", False), ("", True)])
def test_email_addresses(text, ok):
    if ok:
        assert dm.normalize_email(text) == ("Khalid@example.org" if "Khalid" in text else text.strip())
    else:
        with pytest.raises(ValidationError):
            dm.normalize_email(text)


@pytest.mark.parametrize("block, key", [
    ('[email]\nhost = "h"\nfrom = "a@b.sa"\npassword = "hunter2"\n', "email.password"),
    ('[sms]\nurl = "https://g.sa"\n[sms.form]\napiKey = "abc123"\n', "sms.form.apiKey"),
    ('[sms]\nurl = "https://g.sa"\n[sms.headers]\nAuthorization = "Bearer abc"\n', "sms.headers.Authorization"),
])
def test_a_secret_written_in_messaging_toml_is_refused_naming_the_key(tmp_path, block, key):
    (tmp_path / channels.FILE).write_text(block, encoding="utf-8")
    with pytest.raises(channels.MessagingConfigError) as err:
        channels.load(tmp_path)
    assert err.value.key == key and "messaging.toml" in err.value.message


def test_a_token_named_by_its_environment_variable_is_accepted(tmp_path, monkeypatch):
    (tmp_path / channels.FILE).write_text(
        '[whatsapp]\nurl = "https://graph.facebook.com/v21.0/123/messages"\ntoken_env = "WA_TOKEN"\n'
        'success_pattern = "messages"\n[whatsapp.headers]\nAuthorization = "Bearer {token}"\n'
        '[whatsapp.body]\nmessaging_product = "whatsapp"\nto = "{to_digits}"\ntype = "text"\n'
        '[whatsapp.body.text]\nbody = "{text}"\n[email]\nhost = "smtp.example.org"\nsecurity = "ssl"\n'
        'from = "desk@example.org"\nuser = "desk"\npassword_env = "MAIL_PASSWORD"\n', encoding="utf-8")
    monkeypatch.setenv("WA_TOKEN", "EAAG-secret")
    monkeypatch.setenv("MAIL_PASSWORD", "pw")
    got = channels.load(tmp_path)
    assert got.whatsapp is not None and got.whatsapp.token() == "EAAG-secret"
    assert got.email is not None and (got.email.port, got.email.password()) == (465, "pw")
    assert got.sms is None and channels.load(tmp_path / "nowhere") == channels.Channels()


@pytest.mark.parametrize("block, key", [
    ('[email]\nhost = "h"\nfrom = "a@b.sa"\nsecurity = "tls"\n', "email.security"),
    ('[sms]\nurl = "ftp://g.sa"\n', "sms.url"),
    ('[sms]\nurl = "https://g.sa"\nsuccess_pattern = "("\n', "sms.success_pattern"),
    ('[fax]\nurl = "https://g.sa"\n', "/.fax"),
])
def test_a_wrong_key_is_named(tmp_path, block, key):
    (tmp_path / channels.FILE).write_text(block, encoding="utf-8")
    with pytest.raises(channels.MessagingConfigError) as err:
        channels.load(tmp_path)
    assert err.value.key == key
