"""`manage.py seed_demo`: a believable council with about 500 cases in every state."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from putright.cases.demo.build import demo_build
from putright.cases.demo.council import DEMO_PASSWORD, STAFF_PERSONAS
from putright.cases.models import Case


class Command(BaseCommand):
    help = "Load the demo council (services, officers, personas, about 500 cases)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--cases", type=int, default=500)
        parser.add_argument("--if-empty", action="store_true", help="do nothing if cases exist")
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["if_empty"] and Case.objects.exists():
            self.stdout.write("Demo data already loaded.")
        else:
            made = demo_build(cases=options["cases"], seed=options["seed"])
            self.stdout.write(self.style.SUCCESS(f"Demo council loaded: {made} cases."))
        self.stdout.write(f"Staff personas (password {DEMO_PASSWORD}):")
        for username, name, role, service in STAFF_PERSONAS:
            where = f", {service}" if service else ""
            self.stdout.write(f"  {username:<18} {name} ({role.replace('_', ' ')}{where})")
