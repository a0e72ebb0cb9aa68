"""The back office: triage inbox, work queues, case pages and counts. Views and templates
only; every write goes through putright.cases.services."""
