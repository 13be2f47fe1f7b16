"""An account's gender: the role names a woman in the feminine («موظفة علاقات المستفيدين»),
in Arabic (English has one form); the administrator corrects a full name and gender, checked
(the field named), audited, refused to anyone else."""

from __future__ import annotations

import pytest

from ajfar_desk import i18n
from ajfar_desk.domain.audit import details_text
from ajfar_desk.domain.errors import ValidationError
from ajfar_desk.domain.gendered import ROLE_TITLES
from ajfar_desk.domain.permissions import PermissionDenied
from ajfar_desk.domain.role_titles import role_title
from ajfar_desk.services.users import audit, setup, users


@pytest.mark.parametrize("role", sorted(ROLE_TITLES.feminine))
def test_every_role_has_a_feminine_title_in_arabic_and_the_same_title_in_english(role):
    he, she = role_title(role, "male"), role_title(role, "female")
    assert he != she and "(" not in she  # the catalog's marker never shows
    assert role_title(role, "female", "en") == role_title(role, "male", "en")
    assert "woman" not in role_title(role, "female", "en")


def test_a_woman_is_named_in_the_feminine_everywhere_her_role_is_said(ctx):
    made = users.create_user(ctx, "huda", "هدى الحربي", "front_desk", "password123", "female")
    assert made.gender == "female" and made.title == "موظفة علاقات المستفيدين"
    man = users.create_user(ctx, "fahad", "فهد العتيبي", "front_desk", "password123", "male")
    assert man.title == "موظف علاقات المستفيدين"
    [entry] = audit.entries(ctx, entity_id=str(made.id))
    assert "موظفة علاقات المستفيدين" in details_text(entry.details, "arabic")
    admin = ctx.user
    assert setup.sign_in(ctx, "huda", "password123").gender == "female"
    ctx.user = admin
    i18n.set_language("en")
    assert made.title == man.title == "Front-desk employee"


def test_the_administrator_corrects_a_full_name_and_gender_audited(ctx):
    made = users.create_user(ctx, "huda", "هدى", "manager", "password123")
    assert made.title == "المدير"  # given as a man by mistake
    fixed = users.update_user(ctx, made.id, full_name="  هدى سعد الحربي ", gender="female")
    assert (fixed.full_name, fixed.gender, fixed.title) == ("هدى سعد الحربي", "female", "المديرة")
    assert users.list_users(ctx)[1].full_name == "هدى سعد الحربي"
    entry = audit.entries(ctx, entity_id=str(made.id), action="update")[0]
    assert entry.details == {"full_name": "هدى سعد الحربي", "gender": "female"}
    assert entry.user == "admin"


def test_a_wrong_full_name_or_gender_is_refused_naming_the_field(ctx, english_messages):
    made = users.create_user(ctx, "huda", "هدى", "manager", "password123")
    for name, message in (("   ", "Full name is required"), ("ن" * 201, "Full name")):
        with pytest.raises(ValidationError) as err:
            users.update_user(ctx, made.id, full_name=name)
        assert err.value.field == "full_name" and message in err.value.message
    with pytest.raises(ValidationError) as err:
        users.update_user(ctx, made.id, gender="other")
    assert err.value.field == "gender"
    with pytest.raises(ValidationError) as err:
        users.create_user(ctx, "sara", "سارة", "manager", "password123", "")
    assert {f for f, _m in err.value.errors} == {"gender"}
    assert users.list_users(ctx)[1].full_name == "هدى"  # nothing changed


def test_only_an_administrator_edits_a_name(ctx):
    made = users.create_user(ctx, "clerk", "موظف", "front_desk", "password123")
    setup.sign_in(ctx, "clerk", "password123")
    with pytest.raises(PermissionDenied):
        users.update_user(ctx, made.id, full_name="اسم آخر")


def test_her_own_name_and_gender_reach_the_signed_in_account_at_once(ctx):
    users.update_user(ctx, ctx.user.id, full_name="سعاد الحربي", gender="female")
    assert (ctx.user.full_name, ctx.user.gender) == ("سعاد الحربي", "female")
    assert role_title(ctx.role, ctx.user.gender) == "مديرة النظام"
