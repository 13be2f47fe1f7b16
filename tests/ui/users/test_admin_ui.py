"""The administrator's screens: the audit log (and its chain check), the user accounts."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ajfar_desk.domain.digits import localize_digits
from ajfar_desk.services.users import setup, users
from ajfar_desk.ui.users.audit_view import AuditView
from ajfar_desk.ui.users.users_view import PasswordDialog, RoleDialog, UserDialog, UsersView

from ..conftest import pick_code, register, type_text


def _click(qtbot, button) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_audit_log_is_filtered_verified_and_an_edit_is_found(qtbot, window, ctx):
    person = register(ctx, 41)
    register(ctx, 42)
    window.open_applicant(person.id)  # opening a file is audited too
    window.audit_action.trigger()
    view = window.stack.currentWidget()
    assert isinstance(view, AuditView)
    assert {r.action for r in view.model.rows} == {"create", "open"}
    assert view.model.rows[0].seq == max(r.seq for r in view.model.rows)  # newest first

    type_text(qtbot, view.filter, str(person.id))  # one record's entries
    qtbot.waitUntil(lambda: {r.entity_id for r in view.model.rows} == {str(person.id)})
    view.filter.clear()
    type_text(qtbot, view.filter, "create")  # one kind of action
    qtbot.waitUntil(lambda: view.model.rows and {r.action for r in view.model.rows} == {"create"})

    _click(qtbot, view.verify_button)
    assert view.intact.isVisible() and not view.broken.isVisible()
    assert "✓" in view.intact.message.text()

    # Someone edits an entry in the database directly, behind the application's back.
    with ctx.store.engine.begin() as conn:
        seq = conn.exec_driver_sql(
            "SELECT min(seq) FROM audit_log WHERE action = 'create' AND entity = 'applicant'").scalar()
        conn.exec_driver_sql(
            "UPDATE audit_log SET details = '{\"note\": \"changed\"}' WHERE seq = ?", (seq,))
    _click(qtbot, view.verify_button)
    assert view.broken.isVisible() and not view.intact.isVisible()
    text = view.broken.message.text()
    assert "✗" in text and localize_digits(str(seq), ctx.profile.digits) in text

    window.language_action.trigger()  # and in English
    _click(qtbot, view.verify_button)
    assert f"Entry {seq} of branch {ctx.branch.name('en')}" in view.broken.message.text()


def test_users_are_added_disabled_and_given_a_new_role_and_password(qtbot, window, ctx, answers):
    window.users_action.trigger()
    view = window.stack.currentWidget()
    assert isinstance(view, UsersView)
    assert [u.username for u in view.model.rows] == ["admin"]

    _click(qtbot, view.add_button)
    dialog = view.dialog
    assert isinstance(dialog, UserDialog) and dialog.isVisible()
    type_text(qtbot, dialog.username, "huda")
    type_text(qtbot, dialog.full_name, "هدى الباحثة")
    dialog.role.set_code("researcher")
    pick_code(qtbot, dialog.gender, "female")
    type_text(qtbot, dialog.password, "short")
    type_text(qtbot, dialog.confirmation, "short")
    _click(qtbot, dialog.ok_button)
    assert dialog.isVisible() and dialog.boxes["password"].error.isVisible()
    assert dialog.username.text() == "huda"  # nothing typed is lost

    dialog.password.clear()
    type_text(qtbot, dialog.password, "long enough 1")
    _click(qtbot, dialog.ok_button)  # the confirmation differs
    assert dialog.isVisible() and dialog.boxes["confirmation"].error.isVisible()
    assert not dialog.boxes["password"].error.isVisible()
    dialog.confirmation.clear()
    type_text(qtbot, dialog.confirmation, "long enough 1")
    _click(qtbot, dialog.ok_button)
    assert not dialog.isVisible()
    assert [u.username for u in view.model.rows] == ["admin", "huda"]
    assert view.selected().username == "huda" and view.result.isVisible()
    assert view.model.data(view.model.index(1, 2)).strip("\u200f") == "مسؤولة البحث الاجتماعي"  # she is one

    _click(qtbot, view.active_button)  # disable huda
    assert not users.list_users(ctx)[1].active
    assert "⛔" in view.model.data(view.model.index(1, 3))
    _click(qtbot, view.active_button)  # and enable again
    assert users.list_users(ctx)[1].active

    _click(qtbot, view.role_button)
    assert isinstance(view.dialog, RoleDialog)
    view.dialog.role.set_code("committee")
    _click(qtbot, view.dialog.ok_button)
    assert users.list_users(ctx)[1].role == "committee"

    _click(qtbot, view.password_button)
    assert isinstance(view.dialog, PasswordDialog)
    type_text(qtbot, view.dialog.password, "123")
    type_text(qtbot, view.dialog.confirmation, "123")
    _click(qtbot, view.dialog.ok_button)
    assert view.dialog.boxes["password"].error.isVisible()
    for box in (view.dialog.password, view.dialog.confirmation):
        box.clear()
        type_text(qtbot, box, "another password")
    _click(qtbot, view.dialog.ok_button)
    assert not view.dialog.isVisible()

    # The administrator cannot disable their own account: said on the page, not a crash.
    view.table.setCurrentIndex(view.model.index(0, 0))
    _click(qtbot, view.active_button)
    assert view.error.isVisible() and users.list_users(ctx)[0].active

    admin = ctx.user
    assert setup.sign_in(ctx, "huda", "another password").role == "committee"
    ctx.user = admin
