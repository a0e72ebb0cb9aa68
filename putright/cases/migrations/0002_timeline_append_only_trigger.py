"""On PostgreSQL, refuse UPDATE and DELETE of timeline events in SQL as well as in the ORM.

The one exception is the retention job, which anonymises personal data in place: it sets the
transaction-local setting `putright.timeline_redaction` to 'on' before its UPDATE.
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION putright_timeline_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND current_setting('putright.timeline_redaction', true) = 'on' THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'Timeline events cannot be changed or deleted.'
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER cases_timelineevent_append_only
    BEFORE UPDATE OR DELETE ON cases_timelineevent
    FOR EACH ROW EXECUTE FUNCTION putright_timeline_append_only();
"""

DROP = """
DROP TRIGGER IF EXISTS cases_timelineevent_append_only ON cases_timelineevent;
DROP FUNCTION IF EXISTS putright_timeline_append_only();
"""


def create_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_case_record")]
    operations = [migrations.RunPython(create_trigger, drop_trigger)]
