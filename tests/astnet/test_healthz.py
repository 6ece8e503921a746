import pytest
from django.urls import reverse

from astnet import health


def test_healthz_reports_database_and_broker(client, db, settings):
    response = client.get(reverse("healthz"))
    body = response.json()

    assert response.status_code == 200
    assert body["database"] == "ok"
    assert body["broker"] == ("ok" if settings.REDIS_URL else "in-process")


@pytest.mark.parametrize(
    ("database_ok", "broker", "status"),
    [(False, "ok", 503), (True, "down", 200), (True, "in-process", 200)],
)
def test_healthz_answers_503_only_when_the_database_is_down(
    client, db, monkeypatch, database_ok, broker, status
):
    monkeypatch.setattr(health, "database_ok", lambda: database_ok)
    monkeypatch.setattr(health, "broker_state", lambda: broker)
    assert client.get(reverse("healthz")).status_code == status


def test_an_unreachable_redis_is_down(settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    assert health.broker_state() == "down"


def test_database_health_makes_exactly_one_query(client, db, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get(reverse("healthz_database"))
    assert response.json() == {"database": "ok"}
