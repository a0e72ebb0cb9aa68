"""The case record: models, services (writes), selectors (reads) and the timeline."""
