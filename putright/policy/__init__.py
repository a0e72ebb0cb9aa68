"""PutRight's policy core: processes, working-day clocks and rules, in pure Python.

Standard library plus `holidays` only. No Django, no I/O at import, no clock: callers
pass today's date in. Every view, task, letter and report asks this package.
"""
