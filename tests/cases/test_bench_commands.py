"""The commands the performance harness calls print the JSON it reads."""

import json
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def _json(command: str, *args: str) -> dict[str, object]:
    out = StringIO()
    call_command(command, *args, stdout=out)
    return json.loads(out.getvalue().strip().splitlines()[-1])


class TestBenchCommands:
    def test_setup_seed_count_and_agg_print_the_harness_json(self) -> None:
        setup = _json("bench_setup")
        assert setup["user"] == "benchstaff"
        assert get_user_model().objects.get(username="benchstaff").check_password("bench-pass-1")
        seed = _json("bench_seed", "--n", "120", "--batch", "50")
        assert seed["n"] == 120 and float(seed["tickets_per_s"]) > 0  # type: ignore[arg-type]
        assert _json("bench_count") == {"count": 120}
        agg = _json("bench_agg", "--runs", "2", "--warmup", "1")
        assert agg["total"] == 120 and agg["runs"] == 2
        assert int(agg["groups"]) >= 5  # type: ignore[call-overload]
