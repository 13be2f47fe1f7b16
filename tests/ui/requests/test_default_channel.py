"""A branch representative's new request comes through the branch representatives (trial: on a
branch laptop the request form said «المقابلة»); the desk's comes through the interview."""

from __future__ import annotations

from ajfar_desk.domain.requests import default_channel
from ajfar_desk.services.users import setup, users
from ajfar_desk.ui.requests.request_form import RequestForm

from ..conftest import register


def test_the_channel_a_new_request_starts_on(qtbot, app, store):
    ctx = setup.init_store(store, "najran", None, "admin", "password123", "مدير النظام")
    users.create_user(ctx, "rep", "مندوب شرورة", "branch_rep", "password123")
    users.create_user(ctx, "desk", "موظفة الاستقبال", "front_desk", "password123")
    person = register(ctx, 81, category="consumer")
    for username, channel in (("rep", "branch_representatives"), ("desk", "interview")):
        setup.sign_in(ctx, username, "password123")
        form = RequestForm(ctx, person.id)
        qtbot.addWidget(form)
        assert form.channel.code() == channel, username


def test_an_association_without_representatives_starts_on_the_interview():
    assert default_channel("branch_rep", ("interview", "phone")) == "interview"
    assert default_channel("front_desk", ("phone", "letters")) == "phone"
