"""Staff sign-in: Argon2 passwords, django-axes throttling, a TOTP second factor for every
account, and sessions that end when idle and after a fixed time."""

from __future__ import annotations

import time

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from pytest_django.fixtures import Settings as SettingsWrapper

from config.settings import base
from putright.accounts.middleware import SEEN_AT, SIGNED_IN_AT
from tests.staff.personas import PASSWORD, Council, backup_code, signed_in


def password_step(client: Client, username: str, password: str = PASSWORD, **extra: str):
    return client.post("/staff/login/", {"username": username, "password": password, **extra})


class TestPasswords:
    def test_they_are_hashed_with_argon2_outside_the_tests(self) -> None:
        assert base.PASSWORD_HASHERS[0] == "putright.accounts.hashers.OwaspArgon2PasswordHasher"

    def test_the_tests_keep_a_fast_hasher(self) -> None:
        assert settings.PASSWORD_HASHERS == ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.mark.django_db
class TestSignIn:
    def test_the_form_asks_for_a_username_and_a_password(self, client: Client) -> None:
        content = client.get("/staff/login/").content.decode()

        assert 'name="username"' in content
        assert 'name="password"' in content

    def test_a_right_password_answers_302_to_the_code_step(
        self, client: Client, council: Council
    ) -> None:
        response = password_step(client, "priya.shah")

        assert response.status_code == 302
        assert response["Location"] == "/staff/login/code/"

    def test_a_password_alone_does_not_open_the_back_office(
        self, client: Client, council: Council
    ) -> None:
        password_step(client, "priya.shah")

        response = client.get("/staff/cases/")

        assert response.status_code == 302
        assert response["Location"].startswith("/staff/login/")

    def test_a_backup_code_completes_the_sign_in(self, client: Client, council: Council) -> None:
        password_step(client, "priya.shah", next="/staff/cases/")

        response = client.post("/staff/login/code/", {"code": backup_code(council["priya"])})

        assert response.status_code == 302
        assert response["Location"] == "/staff/cases/"
        assert client.get("/staff/cases/").status_code == 200

    def test_an_authenticator_code_completes_the_sign_in(
        self, client: Client, council: Council
    ) -> None:
        device = TOTPDevice.objects.get(user=council["priya"].user)
        password_step(client, "priya.shah")

        response = client.post("/staff/login/code/", {"code": f"{totp(device.bin_key):06d}"})

        assert response.status_code == 302
        assert client.get("/staff/cases/").status_code == 200

    def test_a_backup_code_works_only_once(self, client: Client, council: Council) -> None:
        code = backup_code(council["priya"])
        password_step(client, "priya.shah")
        client.post("/staff/login/code/", {"code": code})
        client.post("/staff/logout/")
        other = Client()
        password_step(other, "priya.shah")

        response = other.post("/staff/login/code/", {"code": code})

        assert response.status_code == 200
        assert "The security code is not right" in response.content.decode()

    def test_a_wrong_code_is_refused(self, client: Client, council: Council) -> None:
        password_step(client, "priya.shah")

        response = client.post("/staff/login/code/", {"code": "000000"})

        assert response.status_code == 200
        assert "The security code is not right" in response.content.decode()
        assert client.get("/staff/cases/").status_code == 302

    def test_a_wrong_password_signs_nobody_in(self, client: Client, council: Council) -> None:
        response = password_step(client, "priya.shah", password="wrong")

        assert response.status_code == 200
        assert "Enter a correct username and password" in response.content.decode()
        assert client.get("/staff/login/code/").status_code == 302

    def test_a_user_without_a_staff_role_cannot_sign_in(self, client: Client, db: None) -> None:
        get_user_model().objects.create_user(username="someone", password=PASSWORD)

        response = password_step(client, "someone")

        assert response.status_code == 200
        assert "Enter a correct username and password" in response.content.decode()

    def test_staff_without_an_authenticator_set_one_up(
        self, client: Client, council: Council
    ) -> None:
        TOTPDevice.objects.filter(user=council["tom"].user).delete()
        client.raise_request_exception = True
        assert password_step(client, "tom.okafor")["Location"] == "/staff/login/set-up/"
        page = client.get("/staff/login/set-up/")
        assert "Set up your authenticator app" in page.content.decode()
        device = TOTPDevice.objects.get(user=council["tom"].user, confirmed=False)

        response = client.post("/staff/login/set-up/", {"code": f"{totp(device.bin_key):06d}"})

        assert response.status_code == 302
        device.refresh_from_db()
        assert device.confirmed
        assert client.get("/staff/cases/").status_code == 200

    def test_it_never_redirects_to_another_site(self, client: Client, council: Council) -> None:
        password_step(client, "priya.shah", next="https://evil.example/")

        response = client.post("/staff/login/code/", {"code": backup_code(council["priya"])})

        assert response["Location"] == "/staff/"

    def test_signing_out_ends_the_session(self, client: Client, council: Council) -> None:
        signed_in(client, council["priya"])

        client.post("/staff/logout/")

        assert client.get("/staff/cases/").status_code == 302


@pytest.mark.django_db
class TestThrottling:
    def test_five_wrong_passwords_pause_sign_in_even_with_the_right_one(
        self, client: Client, council: Council
    ) -> None:
        for _ in range(5):
            password_step(client, "priya.shah", password="wrong")

        response = password_step(client, "priya.shah")

        assert response.status_code == 429
        assert "Sign-in paused" in response.content.decode()

    def test_one_password_sprayed_over_many_usernames_is_paused(
        self, client: Client, council: Council
    ) -> None:
        for name in ("tom.okafor", "sam.patel", "complaints.team", "insight.lead", "governance"):
            password_step(client, name, password="Winter2026!")

        response = password_step(client, "priya.shah")

        assert response.status_code == 429
        assert "Sign-in paused" in response.content.decode()

    def test_one_username_guessed_from_many_addresses_is_paused(
        self, client: Client, council: Council
    ) -> None:
        for n in range(5):
            Client(REMOTE_ADDR=f"192.0.2.{n + 1}").post(
                "/staff/login/", {"username": "priya.shah", "password": "wrong"}
            )

        assert password_step(client, "priya.shah").status_code == 429

    def test_signing_in_resets_the_count(self, client: Client, council: Council) -> None:
        for _ in range(4):
            password_step(client, "priya.shah", password="wrong")
        password_step(client, "priya.shah")
        client.post("/staff/login/code/", {"code": backup_code(council["priya"])})
        client.post("/staff/logout/")
        for _ in range(4):
            password_step(client, "priya.shah", password="wrong")

        assert password_step(client, "priya.shah").status_code == 302


@pytest.mark.django_db
class TestWithoutTheSecondFactor:
    """The benchmark settings switch the second factor off; production never does."""

    def test_production_settings_keep_it_on(self) -> None:
        assert base.PUTRIGHT_STAFF_OTP_REQUIRED is True
        assert base.PUTRIGHT_ADMIN_OTP_REQUIRED is True

    def test_a_password_alone_signs_in_when_it_is_off(
        self, client: Client, council: Council, settings: SettingsWrapper
    ) -> None:
        settings.PUTRIGHT_STAFF_OTP_REQUIRED = False

        response = password_step(client, "complaints.team")

        assert response.status_code == 302
        assert response["Location"] == "/staff/"
        assert client.get("/staff/cases/").status_code == 200


@pytest.mark.django_db
class TestSessionTimeOuts:
    def test_a_session_ends_after_30_minutes_without_a_request(
        self, client: Client, council: Council
    ) -> None:
        signed_in(client, council["priya"])
        assert client.get("/staff/cases/").status_code == 200
        session = client.session
        session[SEEN_AT] = int(time.time()) - 31 * 60
        session.save()

        response = client.get("/staff/cases/")

        assert response.status_code == 302
        page = client.get(response["Location"]).content.decode()
        assert "signed out after 30 minutes without activity" in page

    def test_a_session_ends_10_hours_after_sign_in_however_busy(
        self, client: Client, council: Council
    ) -> None:
        signed_in(client, council["priya"])
        client.get("/staff/cases/")
        session = client.session
        session[SIGNED_IN_AT] = int(time.time()) - 10 * 60 * 60 - 1
        session.save()

        response = client.get("/staff/cases/")

        assert response.status_code == 302
        assert "time limit" in client.get(response["Location"]).content.decode()

    def test_an_active_session_goes_on(self, client: Client, council: Council) -> None:
        signed_in(client, council["priya"])
        client.get("/staff/cases/")
        session = client.session
        session[SEEN_AT] = int(time.time()) - 29 * 60
        session.save()

        assert client.get("/staff/cases/").status_code == 200


@pytest.mark.django_db
class TestTheAdmin:
    def test_it_needs_the_second_factor(
        self, client: Client, council: Council, settings: SettingsWrapper
    ) -> None:
        settings.PUTRIGHT_ADMIN_OTP_REQUIRED = True
        user = council["complaints"].user
        user.is_staff = user.is_superuser = True
        user.save()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")

        without = client.get("/admin/", follow=True)
        signed_in(client, council["complaints"])
        with_code = client.get("/admin/")

        assert without.redirect_chain[-1][0].startswith("/staff/login/")
        assert with_code.status_code == 200
