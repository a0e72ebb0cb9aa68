"""Staff users: roles, the services they work in, named access to restricted cases, saved
work-queue views, two-factor sign-in and session time-outs."""
