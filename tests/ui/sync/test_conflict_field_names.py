"""A conflict names its field as the forms do: every field of a file, a household member or a
document that a person types (an income said or not among them, 0023/0024) has a label in the
review, never the column's code («income_given», «expiry_date»)."""

from __future__ import annotations

from ajfar_desk.db import synced as sv
from ajfar_desk.ui.sync.sync_dialogs import FIELD_LABELS

# what no form types: the row's bookkeeping, the search columns, the moments recorded by the
# program, the scan's bytes (its file name is labelled)
NOT_TYPED = {"id", "branch", "created_at", "updated_at", "name_norm", "name_key", "consent_at",
             "anonymised_at", "coordination_consent", "scan"}


def test_every_typed_field_of_a_file_has_a_label():
    for table in ("applicant", "household_member", "document"):
        unnamed = [c for c in sv.columns(table) if c not in FIELD_LABELS and c not in NOT_TYPED]
        assert unnamed == [], table
