"""Trigram indexes for the order search's substring matches (respondent name, description) on
PostgreSQL. Without them a "contains" search reads every row; with them it stays fast at millions of
orders. Skipped on SQLite, and skipped with a notice where the database user may not create the
pg_trgm extension (ask the DBA to run CREATE EXTENSION pg_trgm, then migrate again from 0002)."""

from django.db import migrations

INDEXES = {
    "order_respondent_trgm": "UPPER(respondent_name::text) gin_trgm_ops",
    "order_description_trgm": "UPPER(description) gin_trgm_ops",
}


def create(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        if cursor.fetchone() is None:
            cursor.execute("SELECT rolsuper OR rolcreatedb FROM pg_roles WHERE rolname = current_user")
            row = cursor.fetchone()
            if not (row and row[0]):
                print("\n  pg_trgm is not installed and this user may not create it: search indexes skipped")
                return
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for name, expression in INDEXES.items():
            cursor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON orders_workorder USING gin ({expression})")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for name in INDEXES:
            cursor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("orders", "0002_initial")]

    operations = [migrations.RunPython(create, drop)]
