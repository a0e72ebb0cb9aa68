"""`python -m putright.policy`: the policy core's command line (see putright.policy.cli)."""

from putright.policy.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
