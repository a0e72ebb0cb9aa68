"""A believable demo council: services, teams, officers, personas and complaint texts."""
