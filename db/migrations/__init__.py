"""Alembic migrations of the LaunchGraph schema (`launchgraph initdb` applies them)."""
