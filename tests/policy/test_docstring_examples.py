"""The examples in the policy core's docstrings are tests too.

`pytest --doctest-modules` is not switched on for the whole project (the Django apps'
modules need settings at import); the policy core is pure, so its modules are imported and
their examples run here, one test per module.
"""

import doctest
import importlib
import pkgutil

import pytest

import putright.policy

# `__main__` runs the command line when imported; it has no examples.
MODULES = sorted(
    f"putright.policy.{info.name}"
    for info in pkgutil.iter_modules(putright.policy.__path__)
    if info.name != "__main__"
)


@pytest.mark.parametrize("name", MODULES)
def test_the_examples_in_the_docstrings_pass(name: str) -> None:
    module = importlib.import_module(name)
    finder = doctest.DocTestFinder(exclude_empty=True)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    for test in finder.find(module, name):
        runner.run(test)
    failed, _ = runner.summarize(verbose=False)
    assert failed == 0, f"{failed} docstring example(s) of {name} failed: see the output above"


@pytest.mark.parametrize("name", ["putright.policy.calendar", "putright.policy.deadlines"])
def test_the_clock_modules_have_examples(name: str) -> None:
    finder = doctest.DocTestFinder(exclude_empty=True)
    examples = sum(len(test.examples) for test in finder.find(importlib.import_module(name)))
    assert examples > 0
