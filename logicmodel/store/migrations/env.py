"""Alembic's environment: always given an open connection by ``logicmodel.store.migrate`` (no alembic.ini)."""

from alembic import context

from logicmodel.store.tables import metadata


def run_migrations() -> None:
    """Run the migrations Alembic asked for, on the connection ``logicmodel.store.migrate`` opened."""
    connection = context.config.attributes["connection"]
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


if getattr(context, "config", None) is not None:  # run by Alembic; a plain import (doctests) does nothing
    run_migrations()
