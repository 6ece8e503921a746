"""`{% row_url %}`: what `{% url %}` renders with the same positional arguments, from one reverse
per list instead of one per row (issue 22)."""

import uuid
from unittest import mock

import pytest
from django.http import HttpResponse
from django.template import Context, Template, TemplateSyntaxError
from django.urls import NoReverseMatch, get_resolver, path, reverse
from django.urls.resolvers import URLResolver


def _view(request, **kwargs):
    return HttpResponse()


# Routes whose last argument the marker does not fit, for the test that switches to this URLconf.
urlpatterns = [
    path("ting/<uuid:key>/", _view, name="thing"),
    path("ting/<uuid:key>/del/<int:pk>/", _view, name="thing_part"),
]


def _render(source: str, *, autoescape: bool = True, **context) -> str:
    return Template(source).render(Context(context, autoescape=autoescape))


def _outcome(source: str, **context) -> str | type[NoReverseMatch]:
    try:
        return _render(source, **context)
    except NoReverseMatch:
        return NoReverseMatch


def _same_as_url(source: str, **context) -> str | type[NoReverseMatch]:
    """What `source` renders with `{% row_url %}` (or NoReverseMatch), after asserting that
    `{% url %}` in its place renders the same."""
    with_row_url = _outcome(source, **context)
    assert with_row_url == _outcome(source.replace("{% row_url ", "{% url "), **context)
    return with_row_url


def _reverses(source: str, **context) -> tuple[int, str]:
    """How many URLs rendering `source` reversed, and what it rendered."""
    original = URLResolver._reverse_with_prefix
    with mock.patch.object(
        URLResolver, "_reverse_with_prefix", autospec=True, side_effect=original
    ) as counted:
        rendered = _render(source, **context)
    return counted.call_count, rendered


@pytest.mark.parametrize(
    ("source", "context"),
    [
        ("{% row_url 'courses:detail' pk %}", {"pk": 7}),
        ("{% row_url 'courses:detail' pk %}", {"pk": 0}),
        ("{% row_url 'courses:detail' pk %}", {"pk": "12"}),
        ("{% row_url 'offers_public:offer_detail' slug %}", {"slug": "cafe-noerrebro_2"}),
        ("{% row_url 'citizens:satisfaction_survey' offer kind %}", {"offer": 3, "kind": "x"}),
        ("{% row_url 'workshops:table_edit' workshop table %}", {"workshop": 2, "table": 15}),
        ("{% row_url 'workshops:ballot' code %}", {"code": "æ ø"}),
        ("{% row_url 'mentors:placement_create' %}", {}),
    ],
)
def test_it_renders_what_url_renders(source, context):
    assert _same_as_url(source, **context).startswith("/")


@pytest.mark.parametrize(
    ("source", "context"),
    [
        ("{% row_url 'courses:detail' pk %}", {"pk": "cafe"}),
        ("{% row_url 'courses:detail' pk %}", {"pk": -1}),
        ("{% row_url 'courses:detail' pk %}", {"pk": None}),
        ("{% row_url 'courses:detail' pk %}", {"pk": True}),
        ("{% row_url 'offers_public:offer_detail' slug %}", {"slug": "café"}),
        ("{% row_url 'courses:no_such_view' pk %}", {"pk": 1}),
        ("{% row_url 'courses:detail' %}", {}),
    ],
)
def test_it_refuses_what_url_refuses(source, context):
    assert _same_as_url(source, **context) is NoReverseMatch


def test_every_row_of_a_list_gets_what_url_gives_it():
    ids = "{% for pk in values %}{% row_url 'courses:detail' pk %}|{% endfor %}"
    slugs = "{% for slug in values %}{% row_url 'offers_public:offer_detail' slug %}|{% endfor %}"
    codes = "{% for code in values %}{% row_url 'workshops:ballot' code %}|{% endfor %}"
    pairs = (
        "{% for offer in offers %}{% for kind in values %}"
        "{% row_url 'citizens:satisfaction_survey' offer kind %}|{% endfor %}{% endfor %}"
    )

    assert _same_as_url(ids, values=[1, 22, "333", 0, 2**40]).count("|") == 5
    assert _same_as_url(slugs, values=["a-b", "c_d", "1", "E9"]).count("|") == 4
    assert _same_as_url(codes, values=["ab", "12", "a b", "a&b", "æ"]).count("|") == 5
    assert _same_as_url(pairs, offers=[1, 2], values=["a", "b", "3"]).count("|") == 6
    # An int converter takes digits, not letters: the row with letters fails as with {% url %}.
    assert _same_as_url(ids, values=[1, "2", "x3"]) is NoReverseMatch
    assert _same_as_url(codes, values=["ab", "x/y"]) is NoReverseMatch


def test_as_sets_the_url_and_renders_nothing():
    source = (
        "{% for pk in values %}{% row_url 'courses:detail' pk as link %}<{{ link }}>{% endfor %}"
    )

    assert _same_as_url(source, values=[4, 5]) == (
        f"<{reverse('courses:detail', args=[4])}><{reverse('courses:detail', args=[5])}>"
    )


def test_as_sets_nothing_where_url_would_fail():
    source = (
        "{% for pk in values %}{% row_url 'courses:detail' pk as link %}[{{ link }}]{% endfor %}"
    )

    assert _same_as_url(source, values=[1, "x"]).endswith("[]")


def test_it_escapes_as_url_does_unless_autoescape_is_off():
    source = "{% for code in values %}{% row_url 'workshops:ballot' code %} {% endfor %}"
    escaped = _same_as_url(source, values=["ab", "a&b"])

    assert "a&amp;b" in escaped
    assert "a&b" in _render(source, autoescape=False, values=["ab", "a&b"])
    assert escaped == _render(
        "{% for code in values %}{% row_url 'workshops:ballot' code as link %}{{ link }} {% endfor %}",
        values=["ab", "a&b"],
    )


def test_a_list_reverses_once_however_many_rows():
    source = "{% for pk in values %}{% row_url 'courses:detail' pk %}{% endfor %}"

    assert _reverses(source, values=[1])[0] == 1
    assert _reverses(source, values=list(range(1, 101)))[0] == 1


def test_a_list_of_slugs_reverses_twice_however_many_rows():
    """The marker is digits; the first row with letters is reversed as it is, to learn that the
    converter takes letters (an int converter does not)."""
    source = "{% for slug in values %}{% row_url 'offers_public:offer_detail' slug %}{% endfor %}"

    assert _reverses(source, values=["a", "b"])[0] == 2
    assert _reverses(source, values=[f"tilbud-{n}" for n in range(100)])[0] == 2


def test_each_leading_argument_reverses_once():
    source = (
        "{% for workshop in workshops %}{% for table in tables %}"
        "{% row_url 'workshops:table_edit' workshop table %}{% endfor %}{% endfor %}"
    )

    assert _reverses(source, workshops=[1, 2, 3], tables=list(range(1, 21)))[0] == 3


def test_the_tags_of_a_render_share_their_reverses():
    """A form's action and hx-post; a partial or an included row rendered per row, each of which
    Django renders with a fresh render context; a URL without arguments."""
    source = (
        "{% load partials %}{% partialdef card %}"
        "<form action='{% row_url 'peers:vote' pk %}' hx-post='{% row_url 'peers:vote' pk %}'>"
        "<a href='{% row_url 'mentors:placement_create' %}'>{% endpartialdef %}"
        "{% for pk in values %}{% partial card %}{% endfor %}"
    )

    count, rendered = _reverses(source, values=list(range(1, 31)))

    assert count == 2
    assert rendered.count("<form") == 30


def test_a_row_the_marker_does_not_fit_is_reversed_as_it_is(settings):
    """No route of ours takes a uuid; this module's URLconf does."""
    settings.ROOT_URLCONF = __name__
    keys = [uuid.uuid4() for _ in range(3)]
    source = "{% for key in values %}{% row_url 'thing' key %}|{% endfor %}"
    parts = "{% for pk in values %}{% row_url 'thing_part' key pk %}|{% endfor %}"

    assert _same_as_url(source, values=keys) == "".join(f"/ting/{key}/|" for key in keys)
    assert _same_as_url(source, values=[str(key) for key in keys]).count("|") == 3
    assert _same_as_url(source, values=["1", "x"]) is NoReverseMatch
    assert _reverses(source, values=keys)[0] == 3
    assert _same_as_url(parts, key=keys[0], values=[1, 2]).count("|") == 2
    assert _reverses(parts, key=keys[0], values=[1, 2, 3])[0] == 1


def test_keyword_arguments_are_refused_when_the_template_is_read():
    with pytest.raises(TemplateSyntaxError, match="positional arguments only"):
        Template("{% row_url 'courses:detail' pk=1 %}")
    with pytest.raises(TemplateSyntaxError, match="URL pattern name"):
        Template("{% row_url %}")


def test_no_application_namespace_has_two_instances():
    """{% row_url %} reverses its marker without the current application, which only chooses
    among several instances of one application namespace: our URLconf has none."""

    def instances(resolver):
        yield from resolver.app_dict.values()
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                yield from instances(pattern)

    assert all(len(set(names)) == 1 for names in instances(get_resolver()))
