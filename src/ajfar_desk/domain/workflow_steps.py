"""The journey's steps as people and scripts name them (``ajfar-desk requests step REF NAME``), one
row per workflow action, and the service that records each.

``by`` names the service that records the step: "step" the generic one (a status event),
"submission", "decision" and "delivery" record more than a status (the checklist and declaration,
the committee's decision in a meeting, the delivered service); ``takes`` the options the step
uses besides ``reason`` (which ``workflow.NEEDS_REASON`` requires).  An action added to
``workflow.ACTIONS`` and ``workflow.STEPS`` without a row here is a generic step under its own
name; a row names it otherwise or sends it to another service.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..i18n import _
from . import workflow as wf

BY_STEP, BY_SUBMISSION, BY_DECISION, BY_DELIVERY = "step", "submission", "decision", "delivery"
BY_IMMEDIATE, BY_APPEAL = "immediate", "appeal"  # delivered at the desk; an appeal's grounds
SERVICE_OPTIONS = frozenset({"service", "amount"})


@dataclass(frozen=True)
class StepSpec:
    name: str  # the public name
    action: str  # the workflow action it applies (in ``workflow.ACTIONS``)
    by: str = BY_STEP
    takes: frozenset[str] = frozenset()

    @property
    def needs_reason(self) -> bool:
        return self.action in wf.NEEDS_REASON

    @property
    def label(self) -> str:
        return _(wf.ACTION_LABELS[self.action]) if self.action in wf.ACTION_LABELS else self.name

    @property
    def roles(self) -> frozenset[str]:
        """Who may take this step from some state."""
        return frozenset(role for (action, _src), (_dst, who) in wf.TRANSITIONS.items()
                         if action == self.action for role in who)

    @property
    def moves(self) -> tuple[tuple[str, str], ...]:
        """(from, to) for each state the step starts from."""
        return tuple((src, dst) for (action, src), (dst, _who) in wf.TRANSITIONS.items()
                     if action == self.action)


STEPS_TABLE = (
    StepSpec(wf.SUBMIT, wf.SUBMIT, BY_SUBMISSION),
    StepSpec(wf.REFER_TO_RESEARCHER, wf.REFER_TO_RESEARCHER),
    StepSpec(wf.RETURN_TO_DESK, wf.RETURN_TO_DESK),
    StepSpec(wf.FORWARD_TO_COMMITTEE, wf.FORWARD_TO_COMMITTEE),
    StepSpec(wf.APPROVE, wf.APPROVE, BY_DECISION, SERVICE_OPTIONS),
    StepSpec(wf.REJECT, wf.REJECT, BY_DECISION),
    StepSpec(wf.REQUEST_MORE_INFO, wf.REQUEST_MORE_INFO, BY_DECISION),
    StepSpec(wf.DEFER, wf.DEFER, BY_DECISION),
    StepSpec(wf.DELIVER, wf.DELIVER, BY_DELIVERY, SERVICE_OPTIONS),
    StepSpec(wf.CLOSE, wf.CLOSE),
    StepSpec(wf.CANCEL, wf.CANCEL),
    StepSpec(wf.REOPEN, wf.REOPEN),
    StepSpec(wf.DELIVER_IMMEDIATELY, wf.DELIVER_IMMEDIATELY, BY_IMMEDIATE, SERVICE_OPTIONS),
    StepSpec(wf.APPEAL, wf.APPEAL, BY_APPEAL),
)


def steps() -> tuple[StepSpec, ...]:
    """Every step, in ``workflow.ACTIONS`` order (read when called): the table's rows, and a
    generic step for an action it lacks."""
    named = {spec.action: spec for spec in STEPS_TABLE}
    return tuple(named.get(action) or StepSpec(action, action) for action in wf.ACTIONS)


def step_named(name: str) -> StepSpec:
    for spec in steps():
        if spec.name == name:
            return spec
    raise wf.WorkflowError("action", _("Unknown step “{name}”: one of {names}").format(
        name=name, names=", ".join(spec.name for spec in steps())))
