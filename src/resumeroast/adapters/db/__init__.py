"""The database: SQLAlchemy 2 tables, a store per concern (jobs, review cache, dead letters,
leases), Alembic migrations."""
