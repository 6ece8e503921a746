"""Satisfaction and outreach figures (issue 21 parts 3–4) on the district dashboard, the overview
of the whole municipality and in the report: shares per offer, area and question never from fewer
than five answers, consultation counts per offer and partner suppressed like every other count."""

import datetime

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from astnet.models import Report
from astnet.municipality import current
from astnet.reporting import reports
from astnet.reporting.dashboards import cached
from citizens.models import (
    CaseworkHours,
    CaseworkPartner,
    Consultation,
    SurveyAnswer,
    SurveyQuestion,
    SurveyResponse,
)
from tests import factories as f

PERIOD = {"period_from": "2026-01-05", "period_to": "2026-03-29"}
DAY = datetime.date(2026, 2, 3)  # a Tuesday inside PERIOD
A_YEAR_BEFORE = datetime.date(2025, 2, 4)


@pytest.fixture(autouse=True)
def fresh_figures(monkeypatch):
    monkeypatch.setattr(cached, "CACHE_SECONDS", 0)


def answer(offer, scores: list[int], *, times: int = 1, day=DAY) -> None:
    """`times` responses at `offer`, each scoring the active questions in order with `scores`."""
    questions = list(SurveyQuestion.objects.filter(active=True))
    for _ in range(times):
        response = SurveyResponse.objects.create(offer=offer, day=day, kind="talk")
        SurveyAnswer.objects.bulk_create(
            SurveyAnswer(response=response, question=q, score=s)
            for q, s in zip(questions, scores, strict=False)
        )


def rows(response, key):
    figure = response.context["dashboard"].figure(key)
    return {row[0]: row[1:] for row in figure.display_rows()}


def district_url(district):
    return reverse("dashboards:district", args=[district.pk])


@pytest.fixture
def surveyed(world):
    answer(world.nabo, [5, 5, 4, 2, 1], times=6)  # 3 of 5 positive per response
    answer(world.kompasset, [5, 5, 5, 5, 5], times=3)
    answer(world.griffen, [1, 1, 1, 1, 1], times=5)
    answer(world.nabo, [5, 5, 5, 5, 5], times=5, day=A_YEAR_BEFORE)
    return world


def test_the_district_dashboard_shows_satisfaction_per_offer_question_and_in_all(client, surveyed):
    client.force_login(surveyed.leader)
    response = client.get(district_url(surveyed.amager), PERIOD)

    per_offer = rows(response, "tilfredshed")
    # Nabo's 6 is hidden too, or 9 − 6 would give Kompasset's 3; its shares stand behind 6.
    assert per_offer["Nabo"][:4] == ["x", "60,0", "100,0", "100,0"]
    assert per_offer["Nabo"][5:] == ["0,0", "0,0"]
    # Three answers: the count is "<5" and no share is given, said in words.
    assert per_offer["Kompasset"][:3] == ["<5", "færre end 5 svar", "færre end 5 svar"]
    # The district in all: 9 responses, 45 answers, 18 + 15 of them positive.
    assert per_offer["I alt"][0] == "9"
    assert per_offer["I alt"][1] == "73,3"  # (6 × 3 + 3 × 5) positive of 45 answers
    assert "Spm. 1:" in response.context["dashboard"].figure("tilfredshed").description


def test_a_small_response_count_cannot_be_worked_out_from_the_total(client, world):
    answer(world.nabo, [5], times=7)
    answer(world.kompasset, [5], times=2)
    client.force_login(world.leader)
    per_offer = rows(client.get(district_url(world.amager), PERIOD), "tilfredshed")
    assert per_offer["Kompasset"][0] == "<5"
    assert per_offer["Nabo"][0] == "x"  # else 9 − 7 would give Kompasset's 2
    assert per_offer["I alt"][0] == "9"


def test_satisfaction_where_known_is_among_the_key_figures(client, surveyed):
    client.force_login(surveyed.leader)
    response = client.get(district_url(surveyed.amager), PERIOD)
    summary = rows(response, "tilfredshed-i-alt")
    assert summary["Tilfredshed: positive svar (%)"] == ["73,3", "100,0"]
    body = response.content.decode()
    assert "Tilfredshed: positive svar (%)" in body.split("dashboard-sections-hint")[0]


def test_the_key_figure_says_fewer_than_five_answers_as_such(client, world):
    answer(world.nabo, [5, 5, 5, 5, 5], times=4)
    client.force_login(world.leader)
    response = client.get(district_url(world.amager), PERIOD)
    assert rows(response, "tilfredshed-i-alt")["Tilfredshed: positive svar (%)"] == [
        "færre end 5 svar",
        "–",
    ]


def test_the_city_overview_shows_satisfaction_per_area(client, surveyed):
    client.force_login(surveyed.administration)
    per_area = rows(client.get(reverse("dashboards:city"), PERIOD), "tilfredshed-omraader")
    assert per_area["Center Amager"][:2] == ["9", "73,3"]
    assert per_area["Center Nørrebro"][:2] == ["5", "0,0"]
    assert per_area["I alt"][:2] == ["14", "47,1"]  # 33 of 70


@pytest.fixture
def consulted(world):
    jobs = CaseworkPartner.objects.get(name="Jobcentret")
    benefits = CaseworkPartner.objects.get(name="Ydelsescentret")
    slot = {"weekday": 1, "starts_at": datetime.time(10), "ends_at": datetime.time(12)}
    nabo_jobs = CaseworkHours.objects.create(offer=world.nabo, partner=jobs, **slot)
    nabo_benefits = CaseworkHours.objects.create(offer=world.nabo, partner=benefits, **slot)
    griffen_jobs = CaseworkHours.objects.create(offer=world.griffen, partner=jobs, **slot)
    for hours, count in ((nabo_jobs, 8), (nabo_benefits, 2), (griffen_jobs, 6)):
        for index in range(count):
            citizen = f.CitizenFactory(chosen_name=f"Borger {hours.pk}-{index}")
            Consultation.objects.create(
                hours=hours, day=DAY, citizen=citizen, consent_given=True, booked_by=world.staff
            )
    return world


def test_the_district_dashboard_counts_consultations_per_offer_and_partner(client, consulted):
    client.force_login(consulted.leader)
    response = client.get(district_url(consulted.amager), PERIOD)
    figure = response.context["dashboard"].figure("fremskudt-sagsbehandling")
    assert figure.columns == ["Jobcentret", "Ydelsescentret"]
    counted = rows(response, "fremskudt-sagsbehandling")
    assert counted["Nabo"] == ["x", "<5", "10"]
    assert "Griffenfeldsgade 35" not in counted
    body = response.content.decode()
    assert "Fremskudt sagsbehandling pr. tilbud" in body
    assert "Borger 1" not in body and "Borger 2" not in body


def test_the_city_overview_counts_consultations_per_area(client, consulted):
    client.force_login(consulted.administration)
    counted = rows(client.get(reverse("dashboards:city"), PERIOD), "fremskudt-omraader")
    assert counted["Center Nørrebro"] == ["6", "0", "6"]
    assert counted["I alt"][-1] == "16"


def test_the_consultation_figure_exports_as_csv(client, consulted):
    client.force_login(consulted.leader)
    url = district_url(consulted.amager) + "eksport/fremskudt-sagsbehandling.csv"
    response = client.get(url, PERIOD)
    assert response.status_code == 200
    assert "Jobcentret" in response.content.decode("utf-8-sig")


def test_the_report_holds_satisfaction_and_consultations(surveyed, consulted):
    report = Report.objects.create(
        district=None, period_start=datetime.date(2026, 1, 5), period_end=datetime.date(2026, 3, 29)
    )
    context = reports.report_context(report)
    city_keys = {panel["figure"].key for panel in context["city"]}
    assert {"tilfredshed-omraader", "fremskudt-omraader"} <= city_keys
    amager = next(s for s in context["districts"] if s["district"] == surveyed.amager)
    keys = {panel["figure"].key for panel in amager["panels"]}
    assert {"tilfredshed", "tilfredshed-i-alt", "fremskudt-sagsbehandling"} <= keys
    html = render_to_string("reports/report.html", {**context, "municipality": current()})
    assert "Tilfredshed pr. tilbud" in html
    assert "færre end 5 svar" in html
    assert "Fremskudt sagsbehandling i" in html
