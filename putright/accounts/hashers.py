"""Argon2id with OWASP's recommended parameters.

Django's default Argon2 settings ask for 100 MiB of memory per hash (memory_cost=102400
KiB, parallelism=8), so every sign-in briefly makes a web worker 100 MiB larger. OWASP's
Password Storage Cheat Sheet recommends Argon2id with 19 MiB, 2 iterations, 1 degree of
parallelism as the baseline; we take that, which keeps workers small under load. Hashes made
with other parameters still verify, and are upgraded on the next sign-in.
"""

from django.contrib.auth.hashers import Argon2PasswordHasher


class OwaspArgon2PasswordHasher(Argon2PasswordHasher):
    algorithm = "argon2"  # same identifier: existing argon2 hashes verify and are upgraded
    time_cost = 2
    memory_cost = 19 * 1024
    parallelism = 1
