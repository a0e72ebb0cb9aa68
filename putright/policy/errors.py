"""The named errors of the policy core. Each carries a plain-English message for a person."""


class PolicyError(Exception):
    """Base of every error the policy core raises."""


class PolicyConfigError(PolicyError):
    """A policy configuration file is broken; the message names the file and the key."""

    def __init__(self, source: str, key: str, problem: str) -> None:
        self.source = source
        self.key = key
        self.problem = problem
        super().__init__(f"{source}: {key}: {problem}")


class UnknownProcess(PolicyError):
    """A process name that the configuration does not define."""

    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__(f"There is no complaints process called {name!r}.")
