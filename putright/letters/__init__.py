"""Letters: every letter the codes require, from versioned templates the complaints team
edits, rendered in a sandbox to an accessible tagged PDF, an email body and large print.

An interface layer: it reads and writes the case record only through putright.cases
(services and selectors) and asks the policy core; putright.cases never imports it.
See docs/letters.md.
"""
