"""The refusals that name who may act (``domain.workflow``'s «who may», ``permissions``'
«a role may not»): said to a man or a woman employee alike, so they name the role as a role
(«من صلاحية الاستقبال أو الإدارة»), never a man doing it («إلا موظف الاستقبال أو المدير»)."""

from __future__ import annotations

import re

import pytest

from ajfar_desk.domain import permissions, workflow
from ajfar_desk.i18n import gettext, set_language

# a man named as the one who acts: «موظف الاستقبال», «المدير», «الباحث», «عضو في اللجنة», «لصاحب دور»
MASCULINE_ACTOR = re.compile(r"موظف\b|المدير\b|الباحث\b|عضو\b|لصاحب")

WHO_MAY_ACT = sorted({*workflow._NOT_YOU.values(), *(workflow._NOT_NOW_BECAUSE[(None, s)]
                                                     for s in (workflow.CLOSED, workflow.CANCELLED))})


@pytest.mark.parametrize("msgid", WHO_MAY_ACT)
def test_who_may_act_is_named_as_a_role(msgid):
    said = gettext(msgid, "ar")
    assert said != msgid and not MASCULINE_ACTOR.search(said), said
    assert "صلاحية" in said


def test_a_refusal_by_role_names_the_role_as_a_role():
    for operation in permissions.LABELS:
        for role in (permissions.FRONT_DESK, permissions.RESEARCHER, None):
            said = permissions.PermissionDenied(role, operation).message
            unquoted = re.sub("«[^»]*»", "", said)  # the role's own name, quoted, is a name
            assert not MASCULINE_ACTOR.search(unquoted) and ("صلاحية" in said or role is None), said
    said = permissions.PermissionDenied(permissions.FRONT_DESK, permissions.DECIDE).message
    assert said.startswith("ليس من صلاحية دور «موظف علاقات المستفيدين» أن") and "أعضاء اللجنة" in said


def test_the_refusal_still_names_the_step_and_the_roles():
    with pytest.raises(workflow.WorkflowError) as info:
        workflow.apply(workflow.AWAITING_COMMITTEE, workflow.APPROVE, role=permissions.FRONT_DESK)
    assert "الموافقة على الطلب من صلاحية أعضاء لجنة البحث" in info.value.message
    set_language("en")
    with pytest.raises(workflow.WorkflowError) as info:
        workflow.apply(workflow.AWAITING_COMMITTEE, workflow.APPROVE, role=permissions.FRONT_DESK)
    assert info.value.message == "Only a member of the research committee can approve a request"
