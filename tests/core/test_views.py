import pytest
from django.test import Client


@pytest.mark.django_db
class TestHomePage:
    def test_it_serves_the_start_page(self, client: Client) -> None:
        response = client.get("/")
        assert response.status_code == 200
        assert b"Give feedback about a council service" in response.content

    def test_health_check_proves_the_database_answers(self, client: Client) -> None:
        response = client.get("/healthz")
        assert response.json() == {"status": "ok"}
