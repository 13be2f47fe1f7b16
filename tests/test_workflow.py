from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ajfar_desk.domain import requests
from ajfar_desk.domain.errors import ValidationError
from ajfar_desk.domain.workflow import (
    ACCEPT,
    ACTION_LABELS,
    ACTIONS,
    ADMIN,
    APPEAL,
    APPROVE,
    APPROVED,
    AWAITING_COMMITTEE,
    CANCEL,
    CANCELLED,
    CLOSE,
    CLOSED,
    COMMITTEE,
    DEFER,
    DELIVER,
    DELIVER_IMMEDIATELY,
    DELIVERED,
    DRAFT,
    FORWARD_TO_COMMITTEE,
    FRONT_DESK,
    MANAGER,
    MORE_INFO,
    NEEDS_REASON,
    REFER_TO_RESEARCHER,
    REJECT,
    REJECTED,
    REOPEN,
    REQUEST_MORE_INFO,
    RESEARCHER,
    RETURN_TO_DESK,
    ROLES,
    STATE_LABELS,
    STATES,
    SUBMIT,
    SUBMITTED,
    TERMINAL,
    WITH_RESEARCHER,
    Event,
    WorkflowError,
    allowed_actions,
    apply,
    is_overdue,
    replay,
)


@pytest.fixture(autouse=True)
def english_messages(arabic_by_default):
    """These tests read the English msgids; the Arabic catalog is checked in test_i18n."""
    from ajfar_desk import i18n

    i18n.set_language("en")


def walk(steps, start=DRAFT):
    """Apply (action, role, reason) steps; the events, or WorkflowError at the first refusal."""
    state, events = start, []
    for action, role, reason in steps:
        events.append(apply(state, action, role=role, reason=reason, history=events))
        state = events[-1].to_state
    return events


HAPPY_PATH = [
    (SUBMIT, FRONT_DESK, ""),
    (REFER_TO_RESEARCHER, FRONT_DESK, "home visit needed"),
    (FORWARD_TO_COMMITTEE, RESEARCHER, ""),
    (DEFER, COMMITTEE, "quorum not reached"),
    (REQUEST_MORE_INFO, COMMITTEE, "latest salary certificate"),
    (FORWARD_TO_COMMITTEE, FRONT_DESK, ""),
    (APPROVE, COMMITTEE, ""),
    (DELIVER, FRONT_DESK, ""),
    (CLOSE, MANAGER, ""),
]


def reached(state, via=()):
    """Events taking a fresh draft to ``state`` (through ``via`` first, if given)."""
    routes = {
        DRAFT: [],
        SUBMITTED: HAPPY_PATH[:1],
        WITH_RESEARCHER: HAPPY_PATH[:2],
        AWAITING_COMMITTEE: HAPPY_PATH[:3],
        MORE_INFO: HAPPY_PATH[:5],
        APPROVED: HAPPY_PATH[:7],
        DELIVERED: HAPPY_PATH[:8],
        CLOSED: HAPPY_PATH,
        REJECTED: [*HAPPY_PATH[:3], (REJECT, COMMITTEE, "income above the limit")],
    }
    if state == CANCELLED:
        return walk([*routes[via or SUBMITTED], (CANCEL, FRONT_DESK, "applicant withdrew")])
    return walk(routes[state])


# -- tables ------------------------------------------------------------------------------------


def test_labels_cover_every_state_and_action():
    assert set(STATE_LABELS) == set(STATES) and len(STATES) == 11
    assert set(ACTION_LABELS) == set(ACTIONS) and len(ACTIONS) == 15
    assert STATE_LABELS[DRAFT] == requests.STATUS_LABELS[requests.DRAFT]
    assert STATE_LABELS[SUBMITTED] == requests.STATUS_LABELS[requests.SUBMITTED]
    assert TERMINAL == {CLOSED}


def test_allowed_actions_in_actions_order():
    assert allowed_actions(AWAITING_COMMITTEE) == [
        REFER_TO_RESEARCHER, APPROVE, REJECT, REQUEST_MORE_INFO, DEFER, CANCEL
    ]
    assert allowed_actions(AWAITING_COMMITTEE, COMMITTEE) == [APPROVE, REJECT, REQUEST_MORE_INFO, DEFER]
    assert allowed_actions(AWAITING_COMMITTEE, MANAGER) == [REFER_TO_RESEARCHER, CANCEL]
    assert allowed_actions(WITH_RESEARCHER, RESEARCHER) == [RETURN_TO_DESK, FORWARD_TO_COMMITTEE]
    assert allowed_actions(WITH_RESEARCHER, FRONT_DESK) == [CANCEL]
    assert allowed_actions(REJECTED) == [CLOSE, REOPEN, APPEAL]
    assert allowed_actions(CLOSED, FRONT_DESK) == [] and allowed_actions(CLOSED, MANAGER) == [REOPEN]
    assert all(allowed_actions(state, ADMIN) == [] for state in STATES)
    for state in STATES:
        by_role = {a for role in ROLES for a in allowed_actions(state, role)}
        assert by_role == set(allowed_actions(state))


def test_unknown_state_or_action_is_refused():
    with pytest.raises(WorkflowError):
        allowed_actions("lost")
    with pytest.raises(WorkflowError):
        apply(DRAFT, "teleport", role=MANAGER)


def _history_for(state):
    return reached(state) if state == CANCELLED else ()


@pytest.mark.parametrize("state", STATES)
def test_role_matrix(state):
    """apply succeeds exactly when allowed_actions says so; refusals name the right field."""
    history = _history_for(state)
    for action in ACTIONS:
        for role in (*ROLES, "", "volunteer"):
            if action in allowed_actions(state, role):
                event = apply(state, action, role=role, reason=" why ", history=history)
                assert (event.action, event.from_state, event.actor_role) == (action, state, role)
                assert event.reason == "why" and event.to_state in STATES
            else:
                with pytest.raises(WorkflowError) as info:
                    apply(state, action, role=role, reason="why", history=history)
                expected = "role" if action in allowed_actions(state) else "status"
                assert info.value.field == expected, (state, action, role)
                assert info.value.message


# -- examples ----------------------------------------------------------------------------------


def test_happy_path_to_closed():
    events = walk(HAPPY_PATH)
    assert [e.to_state for e in events] == [
        SUBMITTED, WITH_RESEARCHER, AWAITING_COMMITTEE, AWAITING_COMMITTEE, MORE_INFO,
        AWAITING_COMMITTEE, APPROVED, DELIVERED, CLOSED,
    ]
    assert replay(events) == CLOSED
    assert events[3] == Event(DEFER, AWAITING_COMMITTEE, AWAITING_COMMITTEE, "quorum not reached",
                              COMMITTEE)


def test_researcher_returns_request_to_the_desk_saying_what_to_complete():
    events = walk([*HAPPY_PATH[:2], (RETURN_TO_DESK, RESEARCHER, "ينقص صك الإعالة")])
    assert events[-1].to_state == SUBMITTED and events[-1].reason == "ينقص صك الإعالة"
    # trial 11: sent back from the timeline with no word of why
    for blank in ("", "  \n "):
        with pytest.raises(WorkflowError) as info:
            apply(WITH_RESEARCHER, RETURN_TO_DESK, role=RESEARCHER, reason=blank)
        assert info.value.field == "reason"


def refusal(state, action, role, reason="why", history=()):
    with pytest.raises(WorkflowError) as info:
        apply(state, action, role=role, reason=reason, history=history)
    assert isinstance(info.value, ValidationError)
    return info.value.field, info.value.message


def test_refusals_say_why():
    assert refusal(AWAITING_COMMITTEE, DELIVER, FRONT_DESK) == (
        "status",
        "A request whose status is “Awaiting the committee” cannot be delivered: "
        "it has not been approved",
    )
    assert refusal(AWAITING_COMMITTEE, APPROVE, MANAGER) == (
        "role", "Only a member of the research committee can approve a request")
    assert refusal(AWAITING_COMMITTEE, REJECT, COMMITTEE, reason="  \n ") == (
        "reason", "Give a reason for rejecting the request")
    assert refusal(AWAITING_COMMITTEE, REQUEST_MORE_INFO, COMMITTEE, reason="") == (
        "reason", "Say what information the committee needs")
    assert refusal(AWAITING_COMMITTEE, DEFER, COMMITTEE, reason="") == (
        "reason", "Give a reason for postponing the decision")
    assert refusal(SUBMITTED, CANCEL, FRONT_DESK, reason=" ") == (
        "reason", "Give a reason for cancelling the request")
    assert refusal(CLOSED, REOPEN, MANAGER, reason="") == (
        "reason", "Give a reason for reopening the request")
    assert refusal(WITH_RESEARCHER, FORWARD_TO_COMMITTEE, FRONT_DESK)[1].startswith(
        "While a request is with the social researcher, only the researcher")
    assert refusal(SUBMITTED, FORWARD_TO_COMMITTEE, RESEARCHER)[1] == (
        "Only the front desk or a manager can send a request to the committee")
    assert refusal(CLOSED, REOPEN, FRONT_DESK)[1] == "Only a manager can reopen a request"
    assert "administrator manages users" in refusal(SUBMITTED, CANCEL, ADMIN)[1]
    assert refusal(DELIVERED, DELIVER, MANAGER)[1].startswith(
        "The service for this request has already been delivered: a new delivery needs a new")
    assert "close it instead" in refusal(REJECTED, CANCEL, FRONT_DESK)[1]
    assert refusal(CLOSED, SUBMIT, FRONT_DESK) == (
        "status", "This request is closed: only a manager can reopen it")
    assert refusal(CANCELLED, APPROVE, COMMITTEE)[1] == (
        "This request was cancelled: only a manager can reopen it")
    assert refusal(DRAFT, APPROVE, COMMITTEE)[1] == (
        "A request whose status is “Draft” cannot be approved: it is not awaiting the committee")
    assert "only a draft can be" in refusal(SUBMITTED, SUBMIT, FRONT_DESK)[1]


def test_state_is_refused_before_role_and_reason():
    assert refusal(DRAFT, REJECT, FRONT_DESK, reason="")[0] == "status"
    assert refusal(AWAITING_COMMITTEE, REJECT, FRONT_DESK, reason="")[0] == "role"


@pytest.mark.parametrize("before", [DRAFT, SUBMITTED, WITH_RESEARCHER, AWAITING_COMMITTEE,
                                    MORE_INFO, APPROVED])
def test_reopen_after_cancel_returns_to_the_previous_state(before):
    events = reached(CANCELLED, via=before)
    assert events[-1].from_state == before
    event = apply(CANCELLED, REOPEN, role=MANAGER, reason="cancelled by mistake", history=events)
    assert event.to_state == before
    assert replay([*events, event]) == before


@pytest.mark.parametrize("state", [CLOSED, REJECTED])
def test_reopen_closed_or_rejected_goes_back_to_submitted(state):
    event = apply(state, REOPEN, role=MANAGER, reason="appeal", history=reached(state))
    assert event.to_state == SUBMITTED


def test_reopen_cancelled_needs_a_consistent_history():
    good = reached(CANCELLED, via=APPROVED)
    broken = [good[0], *good[2:]]
    not_a_cancel = [*good[:-1], Event(CANCEL, APPROVED, CLOSED, "x", FRONT_DESK)]
    for history in ([], good[:-1], broken, not_a_cancel):
        field, message = refusal(CANCELLED, REOPEN, MANAGER, history=history)
        assert field == "status" and ("cannot be reopened" in message or "broken" in message)


def test_replay_detects_a_broken_chain():
    assert replay([]) == DRAFT
    assert replay([], start=APPROVED) == APPROVED
    events = walk(HAPPY_PATH[:3])
    assert replay(events) == AWAITING_COMMITTEE
    assert replay(events[1:], start=SUBMITTED) == AWAITING_COMMITTEE
    with pytest.raises(WorkflowError) as info:
        replay([events[0], events[2]])
    assert info.value.field == "status"
    assert info.value.message == (
        "The request's history is broken at step 2: it starts from “With the social researcher” "
        "but the request was “Submitted”")
    with pytest.raises(WorkflowError):
        replay([Event(SUBMIT, DRAFT, "somewhere")])


DUE = date(2025, 3, 10)


@pytest.mark.parametrize(
    ("state", "due", "today", "overdue"),
    [
        (SUBMITTED, DUE, DUE + timedelta(days=1), True),
        (WITH_RESEARCHER, DUE, DUE + timedelta(days=30), True),
        (AWAITING_COMMITTEE, DUE, DUE + timedelta(days=1), True),
        (MORE_INFO, DUE, DUE + timedelta(days=1), True),
        (SUBMITTED, DUE, DUE, False),
        (SUBMITTED, DUE, DUE - timedelta(days=1), False),
        (SUBMITTED, None, DUE, False),
        (DRAFT, DUE, DUE + timedelta(days=1), False),
        (APPROVED, DUE, DUE + timedelta(days=1), False),
        (REJECTED, DUE, DUE + timedelta(days=1), False),
        (CLOSED, DUE, DUE + timedelta(days=1), False),
        (CANCELLED, DUE, DUE + timedelta(days=1), False),
    ],
)
def test_is_overdue(state, due, today, overdue):
    assert is_overdue(state, due, today) is overdue


# -- property: any sequence of attempts keeps the journey consistent -------------------------

ATTEMPT = st.tuples(
    st.integers(0, 3),  # guided (most of the time): pick an action the current state allows
    st.integers(0, 99),
    st.sampled_from(ACTIONS),
    st.sampled_from((*ROLES, "")),
    st.sampled_from(("", "   ", "reason", " padded reason ")),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(ATTEMPT, max_size=60))
def test_random_journeys_keep_their_invariants(attempts):
    state, events, accepted = DRAFT, [], 0
    for guided, pick, action, role, reason in attempts:
        if guided and (choices := allowed_actions(state)):
            action = choices[(ACTIONS.index(action) + pick) % len(choices)]
            roles = [r for r in ROLES if action in allowed_actions(state, r)]
            role = roles[pick % len(roles)]
        accept = action in allowed_actions(state, role) and (
            action not in NEEDS_REASON or reason.strip())
        try:
            event = apply(state, action, role=role, reason=reason, history=tuple(events))
        except WorkflowError as exc:
            assert not accept, (state, action, role, reason, exc.message)
            assert exc.field in {"status", "role", "reason"} and exc.message
            continue
        assert accept, (state, action, role, reason)
        accepted += 1
        assert event.from_state == state and event.reason == reason.strip()
        events.append(event)
        state = event.to_state

        assert state in STATES
        assert replay(events) == state
    assert len(events) == accepted
    for before, after in zip(events, events[1:], strict=False):
        assert after.from_state == before.to_state
    for i, event in enumerate(events):
        if event.to_state == CLOSED:
            assert event.action == CLOSE and event.from_state in {DELIVERED, REJECTED}
        if event.to_state == DELIVERED:  # approved, accepted at the desk, or an immediate service
            assert event.action == DELIVER_IMMEDIATELY or any(
                e.action in (APPROVE, ACCEPT) for e in events[:i])
        if event.action == REOPEN and event.from_state == CANCELLED:
            assert events[i - 1].action == CANCEL
            assert event.to_state == events[i - 1].from_state
