"""District dashboard, city overview and their exports: scope, figures, suppression, query counts."""

import csv
import datetime
import io

import pytest
from django.core.cache.backends.locmem import LocMemCache
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from astnet.figures import Period
from astnet.models import AuditEvent, DistrictTargetShare
from astnet.reporting import dashboards, tasks
from astnet.reporting.dashboards import cached
from citizens.models import Citizen, Visit
from offers.models import District, Offer
from tests import factories as f

PERIOD = {"period_from": "2026-01-05", "period_to": "2026-03-29"}


@pytest.fixture(autouse=True)
def fresh_figures(monkeypatch):
    """Dashboards are cached for a few minutes; each test counts its own data afresh."""
    monkeypatch.setattr(cached, "CACHE_SECONDS", 0)


def add_visits(offer, count, *, start=datetime.date(2026, 1, 5), citizens=None):
    """`count` visits at `offer`, one a day from `start`, by `citizens` people (each their own by
    default)."""
    people = [f.CitizenFactory() for _ in range(citizens or count)]
    Visit.objects.bulk_create(
        Visit(
            citizen=people[index % len(people)],
            offer=offer,
            day=start + datetime.timedelta(days=index // len(people)),
        )
        for index in range(count)
    )
    return people


@pytest.fixture
def figures(world):
    add_visits(world.nabo, 12, citizens=6)
    add_visits(world.kompasset, 3)
    world.orsted = f.OfferFactory(name="Ørsted", slug="orsted", district=world.amager)
    add_visits(world.orsted, 7)
    add_visits(world.griffen, 20, citizens=10)
    add_visits(world.nabo, 9, start=datetime.date(2025, 1, 6), citizens=9)
    return world


def dashboard_url(district, **query):
    params = {**PERIOD, **query}
    return (
        reverse("dashboards:district", args=[district.pk])
        + "?"
        + "&".join(f"{key}={value}" for key, value in params.items())
    )


def figure_rows(response, key):
    figure = response.context["dashboard"].figure(key)
    return {row[0]: row[1:] for row in figure.display_rows()}


def test_a_leader_sees_their_own_districts_figures(client, figures):
    client.force_login(figures.leader)
    response = client.get(dashboard_url(figures.amager))
    assert response.status_code == 200
    rows = figure_rows(response, "besoeg-pr-tilbud")
    # 3 shows as "<5"; with a total below, a second figure of 5 or more is hidden too (the first in
    # reading order: every such figure hides the 3 as well as another).
    assert rows["Kompasset"] == ["<5", "0"]
    assert rows["Nabo"] == ["x", "9"]
    assert rows["Ørsted"] == ["7", "0"]
    assert rows["I alt"] == ["22", "9"]
    assert "Griffenfeldsgade 35" not in rows
    assert figure_rows(response, "borgere-pr-tilbud")["Nabo"] == ["6", "9"]


def test_another_districts_dashboard_answers_404_to_a_leader(client, figures):
    client.force_login(figures.leader)
    assert client.get(dashboard_url(figures.norrebro)).status_code == 404


def test_the_administration_sees_any_district(client, figures):
    client.force_login(figures.administration)
    response = client.get(dashboard_url(figures.norrebro))
    assert response.status_code == 200
    assert figure_rows(response, "besoeg-pr-tilbud")["Griffenfeldsgade 35"][0] == "20"


@pytest.mark.parametrize("role", ["staff", "council_member", "peer_mentor", "dpo"])
def test_other_roles_are_refused(client, figures, role):
    client.force_login(getattr(figures, role))
    assert client.get(dashboard_url(figures.amager)).status_code == 403
    assert client.get(reverse("dashboards:city")).status_code == 403


def test_without_login_the_dashboard_asks_for_it(client, figures):
    response = client.get(dashboard_url(figures.amager))
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_the_dashboard_home_takes_a_leader_straight_to_their_district(client, figures):
    client.force_login(figures.leader)
    response = client.get(reverse("dashboards:home"))
    assert response["Location"] == reverse("dashboards:district", args=[figures.amager.pk])


def test_key_figures_count_unique_and_new_citizens(client, figures):
    client.force_login(figures.leader)
    rows = figure_rows(client.get(dashboard_url(figures.amager)), "noegletal")
    assert rows["Besøg"] == ["22", "9"]
    assert rows["Forskellige borgere"] == ["16", "9"]
    # Everyone was created today (outside the period): no new citizens, shown as 0.
    assert rows["Nye borgere"] == ["0", "0"]


def test_new_citizens_are_those_created_in_the_period(client, figures):
    Citizen.objects.filter(visits__offer=figures.nabo, visits__day__year=2026).update(
        created_at=datetime.datetime(2026, 2, 1, 12, tzinfo=datetime.UTC)
    )
    client.force_login(figures.leader)
    rows = figure_rows(client.get(dashboard_url(figures.amager)), "noegletal")
    assert rows["Nye borgere"] == ["6", "0"]


def test_weeks_are_compared_with_the_same_week_a_year_before(client, figures):
    client.force_login(figures.leader)
    rows = figure_rows(client.get(dashboard_url(figures.amager)), "besoeg-pr-uge")
    # 2026-01-05 is the Monday of week 2; 2025-01-06 was too.
    assert rows["Uge 2, 2026"][:2] == ["22", "9"]
    assert rows["Uge 3, 2026"][:2] == ["0", "0"]


def test_filters_narrow_to_one_offer_and_stay_in_the_url(client, figures):
    client.force_login(figures.leader)
    response = client.get(dashboard_url(figures.amager, offer=figures.nabo.pk))
    rows = figure_rows(response, "besoeg-pr-tilbud")
    assert list(rows) == ["Nabo", "I alt"]
    assert rows["Nabo"] == ["12", "9"]
    assert f"offer={figures.nabo.pk}" in response.content.decode()


def test_filter_by_track(client, figures):
    track = f.TrackFactory(name="Sundhed", lead_district=figures.amager)
    figures.kompasset.track = track
    figures.kompasset.save()
    client.force_login(figures.leader)
    rows = figure_rows(
        client.get(dashboard_url(figures.amager, track=track.pk)), "besoeg-pr-tilbud"
    )
    assert list(rows) == ["Kompasset", "I alt"]
    assert rows["Kompasset"] == ["<5", "0"]
    assert rows["I alt"] == ["<5", "0"]


def test_an_offer_of_another_district_cannot_be_chosen(client, figures):
    client.force_login(figures.leader)
    response = client.get(dashboard_url(figures.amager, offer=figures.griffen.pk))
    assert response.status_code == 200
    assert response.context["dashboard"] is None
    assert "offer" in response.context["filter"].form.errors
    assert 'aria-invalid="true"' in response.content.decode()


def test_a_period_ending_before_it_starts_is_refused_in_danish(client, figures):
    client.force_login(figures.leader)
    response = client.get(
        dashboard_url(figures.amager, period_from="2026-03-01", period_to="2026-02-01")
    )
    assert response.context["dashboard"] is None
    assert (
        "Slutdatoen skal være samme dag som eller efter startdatoen." in response.content.decode()
    )


def test_charts_are_svg_with_a_danish_title_and_no_small_bars(client, figures):
    client.force_login(figures.leader)
    html = client.get(dashboard_url(figures.amager)).content.decode()
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in html
    assert 'role="img"' in html
    assert "Besøg pr. tilbud</title>" in html
    assert "<desc" in html
    svg = html.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert "<script" not in svg
    # An inline style attribute would be refused by the CSP (only nonced <style> elements pass).
    assert 'style="' not in svg
    # The chart style is allowed by the page's CSP nonce.
    assert '<style nonce="' in html


def _queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _warm_session(client):
    # The session's renewal (at most once a minute, whatever the page) is not the page's cost.
    client.get(reverse("home"))


def test_the_query_count_does_not_grow_with_the_number_of_visits(client, world):
    client.force_login(world.leader)
    _warm_session(client)
    add_visits(world.nabo, 10)
    few = _queries_for(client, dashboard_url(world.amager))
    add_visits(world.kompasset, 500, citizens=40)
    add_visits(world.nabo, 500, start=datetime.date(2025, 1, 6), citizens=50)
    many = _queries_for(client, dashboard_url(world.amager))
    assert few == many
    # Session, user and memberships, the filter's choices, then one or two queries per section;
    # satisfaction (issue 21) reads its questions and its tallies per period in a few more.
    assert many <= 36


def test_the_city_overview_query_count_is_constant(client, world):
    client.force_login(world.administration)
    _warm_session(client)
    url = reverse("dashboards:city") + "?period_from=2026-01-01&period_to=2026-03-31"
    add_visits(world.nabo, 10)
    few = _queries_for(client, url)
    add_visits(world.griffen, 500, citizens=30)
    assert _queries_for(client, url) == few


# --- the city overview -------------------------------------------------------------------------


def test_the_city_overview_sets_districts_side_by_side(client, figures):
    client.force_login(figures.administration)
    response = client.get(reverse("dashboards:city"), PERIOD)
    rows = figure_rows(response, "bydele")
    assert rows["Center Amager"][:2] == ["22", "9"]
    assert rows["Center Nørrebro"][:2] == ["20", "0"]
    assert rows["Center Amager"][3] == "3"  # open offers are not about citizens: never suppressed


def test_tracks_across_districts_are_suppressed_with_their_totals(client, figures):
    track = f.TrackFactory(name="Sundhed", lead_district=figures.amager)
    figures.kompasset.track = track
    figures.kompasset.save()
    client.force_login(figures.administration)
    rows = figure_rows(client.get(reverse("dashboards:city"), PERIOD), "spor")
    assert rows["Sundhed"] == ["<5", "0", "<5"]
    assert rows["Uden fagligt spor"] == ["x", "20", "x"]
    assert rows["I alt"] == ["22", "20", "42"]


def test_the_spread_shows_the_gap_against_the_target_group(client, figures):
    DistrictTargetShare.objects.create(district=figures.amager, share_permille=500, year=2025)
    DistrictTargetShare.objects.create(district=figures.norrebro, share_permille=500, year=2025)
    client.force_login(figures.administration)
    rows = figure_rows(client.get(reverse("dashboards:city"), PERIOD), "fordeling")
    # Amager has three of the four open offers: 75 % against a target of 50 %.
    assert rows["Center Amager"] == ["50,0", "75,0", "25,0"]
    assert rows["Center Nørrebro"] == ["50,0", "25,0", "-25,0"]


def test_the_spread_without_target_shares_shows_a_dash(client, figures):
    client.force_login(figures.administration)
    rows = figure_rows(client.get(reverse("dashboards:city"), PERIOD), "fordeling")
    assert rows["Center Amager"][0] == "–"


def test_a_leader_cannot_see_the_city_overview(client, figures):
    client.force_login(figures.leader)
    assert client.get(reverse("dashboards:city")).status_code == 403


# --- exports -----------------------------------------------------------------------------------


def export_url(district, key, file_format):
    return (
        reverse("dashboards:district_export", args=[district.pk, key, file_format])
        + "?period_from=2026-01-05&period_to=2026-03-29"
    )


def test_csv_export_has_the_published_figures_and_is_audited(client, figures):
    client.force_login(figures.leader)
    response = client.get(export_url(figures.amager, "besoeg-pr-tilbud", "csv"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert ["Kompasset", "<5", "0"] in rows
    assert ["Nabo", "x", "9"] in rows
    assert ["Ørsted", "7", "0"] in rows
    event = AuditEvent.objects.get(action=AuditEvent.Action.EXPORT)
    assert event.actor == figures.leader
    assert event.object_id == str(figures.amager.pk)
    assert "besoeg-pr-tilbud.csv" in event.detail


def test_xlsx_export_keeps_numbers_as_numbers(client, figures):
    client.force_login(figures.leader)
    response = client.get(export_url(figures.amager, "besoeg-pr-tilbud", "xlsx"))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert ["Ørsted", 7, 0] in values
    assert ["Kompasset", "<5", 0] in values


def test_every_city_table_can_be_exported(client, figures):
    client.force_login(figures.administration)
    for key in ["bydele", "spor", "fordeling"]:
        for file_format in ["csv", "xlsx"]:
            url = reverse("dashboards:city_export", args=[key, file_format])
            assert client.get(url, PERIOD).status_code == 200
    assert AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).count() == 6


def test_exports_respect_scope(client, figures):
    client.force_login(figures.leader)
    assert client.get(export_url(figures.norrebro, "besoeg-pr-tilbud", "csv")).status_code == 404
    assert client.get(export_url(figures.amager, "ukendt", "csv")).status_code == 404
    assert client.get(export_url(figures.amager, "noegletal", "pdf")).status_code == 404
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).exists()


def test_a_cell_that_looks_like_a_formula_is_defused_in_csv(client, figures):
    figures.nabo.name = "=HYPERLINK(1)"
    figures.nabo.save()
    client.force_login(figures.leader)
    response = client.get(export_url(figures.amager, "besoeg-pr-tilbud", "csv"))
    assert "'=HYPERLINK(1)" in response.content.decode("utf-8-sig")


# --- sections that read other apps' data -------------------------------------------------------


def test_anonymous_head_counts_are_shown_per_offer_with_suppression(client, figures):
    from citizens.models import AnonymousVisits

    AnonymousVisits.objects.create(offer=figures.nabo, day=datetime.date(2026, 1, 5), count=30)
    AnonymousVisits.objects.create(offer=figures.orsted, day=datetime.date(2026, 1, 6), count=8)
    AnonymousVisits.objects.create(offer=figures.kompasset, day=datetime.date(2026, 1, 7), count=2)
    AnonymousVisits.objects.create(offer=figures.nabo, day=datetime.date(2025, 1, 7), count=25)
    client.force_login(figures.leader)
    rows = figure_rows(client.get(dashboard_url(figures.amager)), "anonymt-fremmoede")
    assert rows["Nabo"] == ["x", "25"]
    assert rows["Kompasset"] == ["<5", "0"]
    assert rows["Ørsted"] == ["8", "0"]
    assert rows["I alt"] == ["40", "25"]


def test_expectation_talks_and_follow_ups_are_counted(client, figures):
    from citizens.models import ExpectationTalk, FollowUp

    people = list(Citizen.objects.filter(visits__offer=figures.nabo).distinct()[:6])
    for person in people:
        ExpectationTalk.objects.create(
            citizen=person,
            offer=figures.nabo,
            held_on=datetime.date(2026, 2, 2),
            staff=figures.staff,
            wishes_and_goals="Komme ud blandt andre",
            follow_up_consent_asked=True,
            follow_up_consent_given=True,
        )
        FollowUp.objects.create(
            citizen=person, offer=figures.nabo, opened_on=datetime.date(2026, 2, 10)
        )
    client.force_login(figures.leader)
    response = client.get(dashboard_url(figures.amager))
    assert figure_rows(response, "forventningssamtaler")["Nabo"] == ["6", "0", "6"]
    assert figure_rows(response, "opfoelgning")["Nabo"] == ["6", "0", "6"]


def test_council_budgets_are_shown_in_kroner(client, figures):
    from peers.models import Budget

    Budget.objects.create(council=figures.council, year=2026, amount_ore=1_250_000)
    client.force_login(figures.leader)
    rows = figure_rows(client.get(dashboard_url(figures.amager)), "raadsbudgetter")
    assert rows["Brugerrådet i Nabo"] == ["12.500", "0"]


def test_a_section_whose_app_is_missing_stays_out(monkeypatch, figures):
    from astnet.figures import Period
    from astnet.reporting import dashboards
    from astnet.reporting.dashboards import other_apps, survey_and_outreach

    monkeypatch.setattr(other_apps, "optional_model", lambda app_label, model_name: None)
    monkeypatch.setattr(survey_and_outreach, "optional_model", lambda app_label, model_name: None)
    board = dashboards.district_dashboard(
        district=figures.amager,
        offers=figures.amager.offers.all(),
        period=Period(datetime.date(2026, 1, 5), datetime.date(2026, 3, 29)),
    )
    keys = [figure.key for figure in board.figures]
    assert keys == ["noegletal", "besoeg-pr-tilbud", "borgere-pr-tilbud", "besoeg-pr-uge"]


def test_courses_show_running_and_finished_and_how_enrollments_ended(client, figures):
    from citizens.models import Course, Enrollment

    track = f.TrackFactory(name="Livsmestring", lead_district=figures.amager)
    course = Course.objects.create(
        title="Søvn og hverdag",
        kind=Course.Kind.UNREFERRED,
        track=track,
        lead=figures.staff,
        capacity=12,
        start_date=datetime.date(2026, 1, 12),
        end_date=datetime.date(2026, 3, 2),
    )
    course.host_offers.set([figures.nabo, figures.kompasset])
    for person in Citizen.objects.filter(visits__offer=figures.nabo).distinct()[:6]:
        Enrollment.objects.create(
            citizen=person,
            course=course,
            start_date=datetime.date(2026, 1, 12),
            end_date=datetime.date(2026, 3, 2),
            outcome=Enrollment.Outcome.COMPLETED,
        )
    client.force_login(figures.leader)
    rows = figure_rows(client.get(dashboard_url(figures.amager)), "forloeb")
    # Courses are not people: one course is shown as 1; six participants completed it.
    assert rows["Uvisiteret forløb"] == ["1", "1", "6", "0", "0"]
    assert rows["I alt"] == ["1", "1", "6", "0", "0"]


def test_peer_mentors_are_counted_by_status_with_suppression(client, figures):
    from peers.models import PeerMentor

    for number in range(7):
        PeerMentor.objects.create(
            user=f.UserFactory(username=f"peer{number}"),
            district=figures.amager,
            status=PeerMentor.Status.ACTIVE if number < 5 else PeerMentor.Status.IN_TRAINING,
        )
    client.force_login(figures.leader)
    rows = figure_rows(client.get(dashboard_url(figures.amager)), "peer-vejledere")
    assert rows["Under uddannelse"] == ["<5"]
    assert rows["Aktiv"] == ["x"]
    assert rows["I alt"] == ["7"]


def test_a_dashboard_seen_again_within_minutes_is_read_from_the_cache(client, figures, monkeypatch):
    monkeypatch.setattr(cached, "CACHE_SECONDS", 300)
    monkeypatch.setattr(cached, "cache", LocMemCache("test-dashboards", {}))
    client.force_login(figures.leader)
    first = _queries_for(client, dashboard_url(figures.amager))
    again = _queries_for(client, dashboard_url(figures.amager))
    assert again < first
    rows = figure_rows(client.get(dashboard_url(figures.amager)), "besoeg-pr-tilbud")
    assert rows["Ørsted"] == ["7", "0"]


def test_a_period_over_a_year_keeps_each_years_weeks_apart(client, figures):
    client.force_login(figures.leader)
    url = dashboard_url(figures.amager, period_from="2025-01-01", period_to="2026-03-29")
    rows = figure_rows(client.get(url), "besoeg-pr-uge")
    assert rows["Uge 2, 2025"][:2] == ["9", "0"]
    assert rows["Uge 2, 2026"][:2] == ["22", "9"]


def _visit_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return sum("citizens_visit" in query["sql"] for query in queries.captured_queries)


@pytest.fixture
def cache_kept(monkeypatch):
    monkeypatch.setattr(cached, "CACHE_SECONDS", 300)
    monkeypatch.setattr(cached, "cache", LocMemCache("test-dashboards-refresh", {}))


def test_the_refresh_counts_every_districts_dashboard_before_a_leader_asks(
    client, figures, cache_kept
):
    period = Period(datetime.date(2026, 1, 5), datetime.date(2026, 3, 29))
    client.force_login(figures.leader)
    assert _visit_queries(client, dashboard_url(figures.amager)) > 0
    cached.cache.clear()

    cached.refresh_defaults(period=period)

    assert _visit_queries(client, dashboard_url(figures.amager)) == 0
    rows = figure_rows(client.get(dashboard_url(figures.amager)), "besoeg-pr-tilbud")
    assert rows["Ørsted"] == ["7", "0"]


def test_the_refresh_replaces_figures_the_register_has_moved_past(client, figures, cache_kept):
    period = Period(datetime.date(2026, 1, 5), datetime.date(2026, 3, 29))
    client.force_login(figures.leader)
    assert figure_rows(client.get(dashboard_url(figures.amager)), "besoeg-pr-tilbud")["I alt"] == [
        "22",
        "9",
    ]
    add_visits(figures.nabo, 3, start=datetime.date(2026, 2, 2))

    cached.refresh_defaults(period=period)

    rows = figure_rows(client.get(dashboard_url(figures.amager)), "besoeg-pr-tilbud")
    assert rows["I alt"] == ["25", "9"]


def test_the_refresh_counts_the_city_overview_too(client, figures, cache_kept):
    period = Period(datetime.date(2026, 1, 5), datetime.date(2026, 3, 29))
    client.force_login(figures.administration)
    cached.refresh_defaults(period=period)
    url = reverse("dashboards:city") + "?" + "&".join(f"{k}={v}" for k, v in PERIOD.items())
    assert _visit_queries(client, url) == 0


def test_the_refresh_runs_every_few_minutes_as_a_periodic_task(world, cache_kept):
    from django_celery_beat.models import PeriodicTask

    task = PeriodicTask.objects.get(task="astnet.refresh_dashboards")
    assert task.enabled
    assert task.interval.every * 60 < cached.CACHE_SECONDS
    assert tasks.refresh_dashboards() == District.objects.count() + 1


def test_cached_charts_carry_this_pages_nonce_and_no_placeholder(client, figures, cache_kept):
    """The charts are drawn once into the cache with a placeholder; each page fills in its own
    CSP nonce (issue 22), so a chart's <style> passes the policy on every view."""
    client.force_login(figures.leader)
    for _view in range(2):  # counted and cached, then read from the cache
        response = client.get(dashboard_url(figures.amager))
        page = response.content.decode()
        nonce = response["Content-Security-Policy"].split("'nonce-")[1].split("'")[0]
        assert page.count("<style") >= 1
        assert page.count("<style") == page.count(f'<style nonce="{nonce}"')
        assert "__csp_nonce__" not in page


@pytest.mark.django_db(transaction=True)
def test_the_weeks_counted_on_a_second_connection_are_the_same_figures(world):
    """Outside a transaction the weekly section runs beside the others on its own connection
    (issue 22); the dashboard has the same figures, in the same order, as counted in turn."""
    add_visits(world.nabo, 12, citizens=6)
    add_visits(world.nabo, 9, start=datetime.date(2025, 1, 6), citizens=9)
    period = Period(datetime.date(2026, 1, 5), datetime.date(2026, 3, 29))
    offers = Offer.objects.filter(district=world.nabo.district)

    def counted():
        dashboard = dashboards.district_dashboard(
            district=world.nabo.district, offers=offers, period=period
        )
        return [(figure.key, figure.values) for figure in dashboard.figures]

    assert not connection.in_atomic_block
    beside = counted()
    with transaction.atomic():
        in_turn = counted()
    assert beside == in_turn
    weeks = dict(beside)["besoeg-pr-uge"]
    assert sum(row[0] for row in weeks) == 12
    assert sum(row[1] for row in weeks) == 9
