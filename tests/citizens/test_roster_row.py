"""A row on "I dag", made in Python (citizens/views/roster_row.py): every state a row can be in,
every value escaped, and a form that works with and without JavaScript."""

import datetime
from html.parser import HTMLParser
from types import SimpleNamespace

import pytest
from django.utils import timezone

from citizens.views.roster_row import RowMaker

NOW = datetime.datetime(2026, 12, 2, 10, 0, tzinfo=datetime.UTC)
WINDOW = datetime.timedelta(seconds=60)
# Markup, quotes, and what str.format and %-formatting would read as their own fields.
NASTY = "<b>Bo</b> & \"Ib\" 'Ole' {name} {0} %(name)s"


class _Elements(HTMLParser):
    """The start tags of a fragment, as (tag, attributes), and its text."""

    def __init__(self, html: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text = ""
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text += data

    def all(self, tag):
        return [attrs for name, attrs in self.tags if name == tag]


def _citizen(*, checked_in_at=None, name="Bodil"):
    return SimpleNamespace(
        pk=7,
        chosen_name=name,
        detail_url="/borgere/7/",
        check_in_url="/borgere/tilbud/1/i-dag/7/tjek-ind/",
        undo_url="/borgere/tilbud/1/i-dag/7/fortryd/",
        visit_id=None if checked_in_at is None else 99,
        visit_created_at=checked_in_at,
    )


def _make(list_name="roster"):
    return RowMaker(list_name=list_name, csrf_token="t" * 64, now=NOW, undo_window=WINDOW)


def test_a_citizen_not_yet_in_gets_a_check_in_form_that_works_without_javascript():
    row = _Elements(_make()(_citizen()))

    (item,) = row.all("li")
    assert item["class"] == "roster-row"
    (form,) = row.all("form")
    assert form["method"] == "post"
    assert form["action"] == form["hx-post"] == "/borgere/tilbud/1/i-dag/7/tjek-ind/"
    assert form["hx-target"] == "closest li"
    fields = {attrs["name"]: attrs["value"] for attrs in row.all("input")}
    assert fields == {"csrfmiddlewaretoken": "t" * 64, "list": "roster"}
    (button,) = row.all("button")
    assert button["id"] == "roster-7"
    assert "Ikke tjekket ind" in row.text and "Tjek ind Bodil" in row.text


def test_a_citizen_checked_in_within_the_window_can_undo_until_a_time_the_server_gives():
    checked_in = NOW - datetime.timedelta(seconds=20)

    row = _Elements(_make("search")(_citizen(checked_in_at=checked_in)))

    assert row.all("li")[0]["class"] == "roster-row roster-row--in"
    (form,) = row.all("form")
    assert form["action"] == form["hx-post"] == "/borgere/tilbud/1/i-dag/7/fortryd/"
    assert form["data-undo-until"] == str(int(checked_in.timestamp()) + 60)
    assert form["data-server-now"] == str(int(NOW.timestamp()))
    assert row.all("button")[0]["id"] == "search-7"
    assert {attrs["name"]: attrs["value"] for attrs in row.all("input")}["list"] == "search"
    time = timezone.localtime(checked_in).strftime("%H.%M")
    assert f"Tjekket ind kl. {time}" in row.text
    assert "Fortryd fremmøde for Bodil" in row.text


def test_a_check_in_older_than_the_window_shows_no_undo():
    row = _Elements(_make()(_citizen(checked_in_at=NOW - datetime.timedelta(minutes=5))))

    assert row.all("form") == [] and row.all("button") == []
    assert "Tjekket ind kl." in row.text


@pytest.mark.parametrize("checked_in", [False, True])
def test_every_value_is_escaped(checked_in):
    citizen = _citizen(name=NASTY, checked_in_at=NOW if checked_in else None)

    html = _make()(citizen, error="<i>nej</i>")

    assert "<b>" not in html and "<i>" not in html
    row = _Elements(html)
    assert NASTY in row.text and "<i>nej</i>" in row.text
    assert [tag for tag, _attrs in row.tags if tag in {"b", "i", "script"}] == []


def test_a_refusal_stands_under_the_row():
    row = _Elements(_make()(_citizen(checked_in_at=NOW), error="For sent at fortryde."))

    (error,) = row.all("p")
    assert error["class"] == "form-error-message roster-error"
    assert row.text.endswith("For sent at fortryde.")
