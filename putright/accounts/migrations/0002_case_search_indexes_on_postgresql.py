"""Full-text search indexes for the staff work queues, on PostgreSQL only.

The back office searches case summaries and people's names (putright.staff.queries); at a
million cases that needs GIN indexes on exactly the expressions the search uses. They live
here, with the search's owner, and SQLite (which searches with LIKE) gets none.
"""

from django.db import migrations

CREATE = [
    "CREATE INDEX IF NOT EXISTS staff_case_summary_fts ON cases_case "
    "USING gin (to_tsvector('english', summary))",
    "CREATE INDEX IF NOT EXISTS staff_person_name_fts ON cases_person "
    "USING gin (to_tsvector('simple', name))",
]
DROP = [
    "DROP INDEX IF EXISTS staff_case_summary_fts",
    "DROP INDEX IF EXISTS staff_person_name_fts",
]


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in CREATE:
            schema_editor.execute(sql)


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in DROP:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_staff_profiles_case_access_saved_views"),
        ("cases", "0001_case_record"),
    ]
    operations = [migrations.RunPython(create_indexes, drop_indexes)]
