"""Alembic migrations of the library's own schema; ``logicmodel.store.migrate`` runs them on open."""
