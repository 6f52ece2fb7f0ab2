"""The migrations, one file a revision, oldest first (Alembic reads them; a package so they ship with the engine)."""
