"""Opening the store: where it lives, its engine, and its schema brought up to date."""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from ..db import migrate
from ..db.engine import make_engine, session_factory, sqlite_url
from ..db.models import StoreMeta
from ..paths import default_data_dir


@dataclass
class Store:
    url: str
    data_dir: Path
    engine: Engine
    sessions: sessionmaker[Session]
    migration: migrate.MigrationResult | None = field(default=None)

    @classmethod
    def open(cls, data_dir: Path | str | None = None, db_url: str | None = None) -> Store:
        data = Path(data_dir) if data_dir else default_data_dir()
        data.mkdir(parents=True, exist_ok=True)
        url = db_url or sqlite_url(data)
        engine = make_engine(url)
        result = migrate.upgrade(engine, backup_dir=data / "backups")
        return cls(url, data, engine, session_factory(engine), result)

    @contextmanager
    def transaction(self):
        """One unit of work: commits on success, rolls back everything on any error."""
        with self.sessions.begin() as session:
            yield session

    @contextmanager
    def reading(self):
        with self.sessions() as session:
            yield session

    def meta(self) -> dict[str, str]:
        with self.reading() as s:
            return {row.key: row.value for row in s.scalars(select(StoreMeta))}

    def close(self) -> None:
        self.engine.dispose()
