"""Project-wide glue for Django: the policy core's configuration, the clock, the home page."""
