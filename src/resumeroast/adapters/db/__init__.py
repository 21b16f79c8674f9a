"""The database: SQLAlchemy 2 tables, one repository, Alembic migrations."""
