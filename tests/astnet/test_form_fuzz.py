"""Bad input, at random: every form reachable without parameters gets posted random data by
hypothesis, as a role that may use it. No answer may be a 500, and a refused form changes nothing."""

from html.parser import HTMLParser

import pytest
from django.apps import apps
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.astnet.test_access_matrix import ROUTES, _url_for


class _FormFields(HTMLParser):
    """The names of the fields of the page's POST forms (not the logout and language forms)."""

    def __init__(self):
        super().__init__()
        self.in_post_form = False
        self.fields: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form":
            action = attributes.get("action") or ""
            self.in_post_form = (attributes.get("method") or "").lower() == "post" and not any(
                skip in action for skip in ("/logout/", "/i18n/")
            )
        elif self.in_post_form and tag in {"input", "select", "textarea"}:
            name = attributes.get("name")
            if name and name != "csrfmiddlewaretoken" and attributes.get("type") != "hidden":
                self.fields.add(name)

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_post_form = False


def _row_counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


# Random values of the shapes a form sees: text, numbers, dates and times, right or wrong.
VALUES = st.one_of(
    st.text(max_size=300),
    st.integers(min_value=-(10**12), max_value=10**12).map(str),
    st.dates().map(lambda d: d.isoformat()),
    st.sampled_from(
        [
            "",
            "0",
            "-1",
            # Ids no column holds: 2**31, 2**63 and below -2**63.
            "2147483648",
            "9223372036854775808",
            "-9223372036854775809",
            "2999-12-31",
            "31-02-2024",
            "25:61",
            "on",
            "<script>",
            "ø" * 2000,
        ]
    ),
)

FORM_ROUTES = [
    route
    for route in ROUTES
    if getattr(route[2], "allowed_roles", None) and not _url_for(route[0], route[1])[1]
]


@pytest.mark.parametrize(("name", "pattern", "view"), FORM_ROUTES, ids=[r[0] for r in FORM_ROUTES])
def test_random_posts_never_crash_and_refusals_change_nothing(client, world, name, pattern, view):
    url, _has_params = _url_for(name, pattern)
    client.force_login(world.persona(sorted(view.allowed_roles)[0]))
    page = client.get(url)
    if page.status_code != 200:
        pytest.skip(f"{name} is not a page ({page.status_code})")
    parser = _FormFields()
    parser.feed(page.content.decode())
    if not parser.fields:
        pytest.skip(f"{name} has no form")

    @settings(
        max_examples=15,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(data=st.fixed_dictionaries({field: VALUES for field in sorted(parser.fields)}))
    def post_random(data):
        before = _row_counts()
        response = client.post(url, {k: v.replace("\x00", "") for k, v in data.items()})
        assert response.status_code < 500, (name, data)
        if response.status_code == 200:
            after = _row_counts()
            changed = {k: (before[k], after[k]) for k in before if before[k] != after[k]}
            changed.pop("astnet.AuditEvent", None)
            changed.pop("sessions.Session", None)
            assert changed == {}, (name, data, changed)

    post_random()
