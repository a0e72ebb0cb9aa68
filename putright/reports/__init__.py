"""Reports and governance from live data: read-only selectors, dashboards and exports."""
