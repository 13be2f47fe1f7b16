"""Alembic environment: run with the connection the application hands over."""

from __future__ import annotations

from alembic import context

from ajfar_desk.db import models  # noqa: F401 - registers the tables
from ajfar_desk.db.base import Base
from ajfar_desk.db.search_index import include_name

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    connection = config.attributes["connection"]
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        include_name=include_name,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
