"""identity types: an applicant is known by a document type, its country and its number

Every file before this revision is a Saudi national ID or an iqama, as its ``id_kind`` said (from
the number's first digit): ``citizen`` becomes ``national_id``, ``resident`` ``iqama``.  The number
column grows to 20 characters (passports, GCC IDs) and the unique key becomes the number, the type
and the country.  On SQLite the applicant table is rebuilt, so the full-text triggers are created
again afterwards (``search_index.create``).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07 06:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from ajfar_desk.db import search_index

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("applicant", schema=None) as batch_op:
        batch_op.drop_constraint("uq_applicant_national_id", type_="unique")
        batch_op.alter_column("id_kind", new_column_name="id_type",
                              existing_type=sa.String(length=16), existing_nullable=False)
        batch_op.alter_column("national_id", type_=sa.String(length=20),
                              existing_type=sa.String(length=10), existing_nullable=False)
        batch_op.add_column(
            sa.Column("id_country", sa.String(length=2), server_default="", nullable=False)
        )
    with op.batch_alter_table("applicant", schema=None) as batch_op:  # over the columns above
        batch_op.create_unique_constraint(
            "uq_applicant_identity", ["national_id", "id_type", "id_country"]
        )
    op.execute(
        "UPDATE applicant SET id_type = CASE id_type WHEN 'citizen' THEN 'national_id' "
        "ELSE 'iqama' END"
    )
    with op.batch_alter_table("sync_duplicate", schema=None) as batch_op:
        batch_op.alter_column("national_id", type_=sa.String(length=20),
                              existing_type=sa.String(length=10), existing_nullable=False)
    search_index.create(op.get_bind())


def downgrade() -> None:
    # Only Saudi identities fit the old key: any other file is refused by the narrower column
    # or the old unique index, as it should be (nothing is cut silently).
    op.execute(
        "UPDATE applicant SET id_type = CASE id_type WHEN 'national_id' THEN 'citizen' "
        "ELSE 'resident' END"
    )
    with op.batch_alter_table("sync_duplicate", schema=None) as batch_op:
        batch_op.alter_column("national_id", type_=sa.String(length=10),
                              existing_type=sa.String(length=20), existing_nullable=False)
    with op.batch_alter_table("applicant", schema=None) as batch_op:
        batch_op.drop_constraint("uq_applicant_identity", type_="unique")
        batch_op.drop_column("id_country")
        batch_op.alter_column("national_id", type_=sa.String(length=10),
                              existing_type=sa.String(length=20), existing_nullable=False)
        batch_op.alter_column("id_type", new_column_name="id_kind",
                              existing_type=sa.String(length=16), existing_nullable=False)
        batch_op.create_unique_constraint("uq_applicant_national_id", ["national_id"])
    search_index.create(op.get_bind())
