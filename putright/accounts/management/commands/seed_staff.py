"""`manage.py seed_staff`: the demo council's signed-in personas, one per role.

Run after seed_demo (make seed does). Each persona gets a staff role, a confirmed
authenticator (its key is printed, to add to an authenticator app) and five one-time backup
codes (printed; used ones are topped up on the next run), so `make run` users can sign in.
"""

from __future__ import annotations

import base64
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from putright.accounts.services import staff_account_save
from putright.accounts.signin import AUTHENTICATOR_NAME, backup_codes_ensure
from putright.cases.demo.council import DEMO_PASSWORD, STAFF_PERSONAS
from putright.cases.models import Service


class Command(BaseCommand):
    help = "Give the demo personas their staff roles, authenticators and backup codes."

    def handle(self, *args: Any, **options: Any) -> None:
        services = {s.code: s for s in Service.objects.all()}
        users = get_user_model()
        self.stdout.write(
            f"Sign in at /staff/login/ with password {DEMO_PASSWORD}, then a backup code "
            "(each works once) or a code from an authenticator app set up with the key:"
        )
        for username, name, role, service_code in STAFF_PERSONAS:
            with transaction.atomic():
                exists = users.objects.filter(username=username).exists()
                user = staff_account_save(
                    username=username,
                    role=role,
                    name=name,
                    email=f"{username}@northfield.example.gov.uk",
                    password=None if exists else DEMO_PASSWORD,
                    service=services.get(service_code) if service_code else None,
                )
                device, _ = TOTPDevice.objects.get_or_create(
                    user=user, name=AUTHENTICATOR_NAME, defaults={"confirmed": True}
                )
                codes = backup_codes_ensure(user)
            key = base64.b32encode(device.bin_key).decode()
            where = f", {service_code}" if service_code else ""
            self.stdout.write(f"  {username:<16} {name} ({role.replace('_', ' ')}{where})")
            self.stdout.write(f"  {'':<16} backup codes: {' '.join(codes)}")
            self.stdout.write(f"  {'':<16} authenticator key: {key}")
