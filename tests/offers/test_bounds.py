"""Issue 18, point 3: bounded public work and no 500 on odd input — weeks outside the window
get a Danish message (and no PDF), dashboard periods out of range a Danish form error, and random
dates, weeks and filters on every public and dashboard URL never a 500."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from offers.selectors import week_window
from tests.astnet.test_access_matrix import ROUTES
from tests.offers.factories import ActivityFactory

PROGRAMME = reverse("offers_public:programme")
OUT_OF_WINDOW = ["0001-W01", "0001-01-01", "9999-W52", "9999-12-31", "1970-01-05"]


@pytest.mark.parametrize("week", OUT_OF_WINDOW)
def test_a_week_outside_the_window_shows_this_week_with_a_danish_message(client, world, week):
    response = client.get(PROGRAMME, {"uge": week})

    assert response.status_code == 200
    assert "Programmet kan vises for ugerne fra" in response.content.decode()
    this_monday = timezone.localdate() - datetime.timedelta(days=timezone.localdate().weekday())
    assert response.context["monday"] == this_monday


def test_the_window_is_two_years_each_way(client, world):
    first, last = week_window()
    today = timezone.localdate()

    assert 730 <= (today - first).days <= 740
    assert 725 <= (last - today).days <= 732
    assert client.get(PROGRAMME, {"uge": last.isoformat()}).context["week_error"] is None
    later = (last + datetime.timedelta(days=7)).isoformat()
    assert client.get(PROGRAMME, {"uge": later}).context["week_error"]


def test_the_week_links_stop_at_the_edge_of_the_window(client, world):
    _first, last = week_window()

    response = client.get(PROGRAMME, {"uge": last.isoformat()})

    assert response.context["next_week"] is None
    assert "Næste uge" not in response.content.decode()
    assert response.context["previous_week"]


@pytest.mark.parametrize("week", OUT_OF_WINDOW)
def test_no_pdf_is_made_for_a_week_outside_the_window(client, world, week, monkeypatch):
    ActivityFactory(offer=world.nabo)
    monkeypatch.setattr("offers.public_views.render_pdf", pytest.fail)

    offer = client.get(reverse("offers_public:offer_pdf", args=["nabo"]), {"uge": week})
    district = client.get(reverse("offers_public:district_pdf", args=["amager"]), {"uge": week})

    assert offer.status_code == district.status_code == 400
    assert "Programmet kan vises for ugerne fra" in offer.content.decode()


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "1899-12-31"])
def test_dashboard_periods_out_of_range_are_a_danish_form_error(client, world, day):
    client.force_login(world.administration)
    url = reverse("dashboards:city")

    response = client.get(url, {"period_from": day, "period_to": "2026-06-30"})

    assert response.status_code in {200, 400}
    assert "Vælg en dato mellem" in response.content.decode()
    district = client.get(
        reverse("dashboards:district", args=[world.amager.pk]),
        {"period_from": "2026-01-01", "period_to": day},
    )
    assert district.status_code in {200, 400}
    assert "Vælg en dato mellem" in district.content.decode()


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_the_omstilling_refuses_dates_far_out_in_danish(client, world, day):
    client.force_login(world.leader)

    response = client.get(reverse("offers:transition"), {"dato": day, "til": day})

    assert response.status_code == 200
    assert "Vælg en dato mellem" in response.content.decode()


# --- random input on every public and dashboard URL ------------------------------------------

_WALKED_NAMESPACES = ("offers_public:", "dashboards:", "offers:transition")
WALKED = [route for route in ROUTES if route[0].startswith(_WALKED_NAMESPACES)]
_PARAM = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")

EXTREME_DATES = st.sampled_from(
    ["0001-01-01", "9999-12-31", "2026-02-29", "2024-02-29", "1970-01-01", "", "-1", "x" * 300]
)
DATES = st.one_of(
    st.dates(datetime.date(1, 1, 1), datetime.date(9999, 12, 31)).map(datetime.date.isoformat),
    EXTREME_DATES,
    st.text(max_size=20),
)
WEEKS = st.one_of(
    st.builds(
        lambda year, week: f"{year:04d}-W{week:02d}",
        st.integers(0, 10000),
        st.integers(0, 60),
    ),
    DATES,
)
CHOICES = st.one_of(
    st.sampled_from(["amager", "norrebro", "social", "motion", "0", "6", "7", "-1", "1e9"]),
    st.text(max_size=12),
)
QUERIES = st.fixed_dictionaries(
    {},
    optional={
        "uge": WEEKS,
        "dato": DATES,
        "til": DATES,
        "period_from": DATES,
        "period_to": DATES,
        "bydel": CHOICES,
        "spor": CHOICES,
        "profil": CHOICES,
        "slags": CHOICES,
        "ugedag": CHOICES,
        "maalgruppe": CHOICES,
        "track": CHOICES,
        "offer": CHOICES,
        "side": CHOICES,
        "aaben_nu": st.sampled_from(["on", "true", "x"]),
    },
)


def _url(name: str, pattern: str, world) -> str:
    kwargs = {}
    for match in _PARAM.finditer(pattern):
        converter, param = match["converter"] or "str", match["name"]
        if param == "slug":
            kwargs[param] = "amager" if "district" in name else "nabo"
        elif param == "district_id":
            kwargs[param] = world.amager.pk
        elif param == "key":
            kwargs[param] = "bydele"
        elif param == "file_format":
            kwargs[param] = "csv"
        else:
            kwargs[param] = 1 if converter == "int" else "x"
    return reverse(name, kwargs=kwargs or None)


@pytest.mark.parametrize(("name", "pattern", "view"), WALKED, ids=[r[0] for r in WALKED])
def test_random_dates_weeks_and_filters_never_give_a_500(client, world, name, pattern, view):
    assert len(WALKED) >= 10
    url = _url(name, pattern, world)
    roles = getattr(view, "allowed_roles", None)
    if roles:
        client.force_login(world.persona(sorted(roles)[0]))
    ActivityFactory(offer=world.nabo)

    @settings(
        max_examples=25,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(query=QUERIES)
    def get_random(query):
        response = client.get(url, {k: v.replace("\x00", "") for k, v in query.items()})
        assert response.status_code < 500, (url, query)

    get_random()
