"""`{% row_url %}`: `{% url %}` for a row of a list, from one reverse per list instead of one per row
(issue 22: a reverse costs ≈ 25 µs and ≈ 40 Python calls; a list of 100 rows with two links spent
≈ 5 ms on them). A builtin (settings.TEMPLATES), so no `{% load %}`."""

import re
from collections.abc import Callable

from django import template
from django.template.base import kwarg_re
from django.urls import NoReverseMatch, reverse
from django.utils.html import conditional_escape

from astnet import row_urls

register = template.Library()

# A last argument whose URL text is these characters is written unchanged by every built-in
# converter that takes it and by `row_url`'s quoting, so the marker's URL stands for its URL.
_DIGITS = re.compile(r"[0-9]+")
_SLUG = re.compile(r"[-a-zA-Z0-9_]+")


class _Route:
    """What a render has learnt about one view and number of arguments: the URL function per
    leading arguments (None where the last argument cannot take the marker), whether the last
    argument takes letters (None until a row has shown it) and, for a view without arguments,
    its URL."""

    def __init__(self) -> None:
        self.urls: dict[tuple, Callable[[object], str] | None] = {}
        self.takes_letters: bool | None = None
        self.bare_url: str | None = None


class RowURLNode(template.Node):
    """Renders as `URLNode` does with the same positional arguments (escaped unless `as`;
    NoReverseMatch raised, or "" set with `as`), reversing once per view name and leading
    arguments during a render (for all its `{% row_url %}`) and filling each row's last argument
    into that URL."""

    child_nodelists = ()

    def __init__(self, view_name, args, asvar):
        self.view_name = view_name
        self.args = args
        self.asvar = asvar

    def __repr__(self):
        return f"<RowURLNode view_name='{self.view_name}' args={self.args!r} as={self.asvar!r}>"

    def render(self, context):
        view_name = self.view_name.resolve(context)
        args = [arg.resolve(context) for arg in self.args]
        url = ""
        try:
            url = self._url(context, view_name, args)
        except NoReverseMatch:
            if self.asvar is None:
                raise
        if self.asvar:
            context[self.asvar] = url
            return ""
        return conditional_escape(url) if context.autoescape else url

    def _url(self, context, view_name, args) -> str:
        """The URL `reverse(view_name, args=args)` gives, from this render's cache where it is
        sure to be the same; raises NoReverseMatch as `reverse` does."""

        def reversed_here() -> str:
            return reverse(view_name, args=args, current_app=_current_app(context))

        if not isinstance(view_name, str):
            return reversed_here()
        # The render's first layer outlives the isolated layers an {% include %} or a
        # {% partial %} pushes per row, so a list of included rows still reverses once (Django's
        # own IncludeNode keeps its templates there for the same reason). One cache for every
        # {% row_url %} of the render: a form's action and hx-post share their reverse.
        routes = context.render_context.dicts[0].setdefault(RowURLNode, {})
        route = routes.setdefault((view_name, len(args)), _Route())
        if not args:
            if route.bare_url is None:
                route.bare_url = reversed_here()
            return route.bare_url
        *leading, last = args
        text = _plain_text(last)
        if text is None:
            return reversed_here()
        digits = _DIGITS.fullmatch(text) is not None
        if not digits and route.takes_letters is False:
            return reversed_here()
        # The type too, as reverse writes True as "True" where 1 == True.
        key = tuple((type(arg), arg) for arg in leading)
        try:
            known = key in route.urls
        except TypeError:  # an unhashable leading argument
            return reversed_here()
        if not known:
            try:
                route.urls[key] = row_urls.row_url(view_name, *leading)
            except NoReverseMatch:  # e.g. a uuid converter, which the marker does not fit
                route.urls[key] = None
        url_for = route.urls[key]
        if url_for is None:
            return reversed_here()
        if not digits and route.takes_letters is None:
            # The marker showed the converter takes digits; an int converter refuses a slug,
            # so the first row with letters is reversed and tells whether the others may be filled in.
            url = reversed_here()
            route.takes_letters = url == url_for(text)
            return url
        return url_for(text)


def _plain_text(value) -> str | None:
    """The URL text of a last argument when it is digits or slug characters written the same by
    `reverse` and `row_url` (a non-negative int, or a str of those characters); else None."""
    if type(value) is int:
        return str(value) if value >= 0 else None
    if isinstance(value, str):
        text = str(value)
        return text if _SLUG.fullmatch(text) else None
    return None


def _current_app(context) -> str | None:
    """The current application namespace as `{% url %}` finds it. `row_url` reverses without it,
    which matters only for an application namespace with several instances (none here; a test
    says so)."""
    try:
        return context.request.current_app
    except AttributeError:
        try:
            return context.request.resolver_match.namespace
        except AttributeError:
            return None


@register.tag
def row_url(parser, token):
    """`{% row_url 'ns:view_name' arg1 … last_arg %}` or `… as varname`: the output of
    `{% url %}` with the same positional arguments, from one reverse per view name and leading
    arguments per render; the place for any URL inside `{% for %}` (issue 22). Keyword
    arguments are a TemplateSyntaxError."""
    bits = token.split_contents()
    tag_name = bits[0]
    if len(bits) < 2:
        raise template.TemplateSyntaxError(
            f"'{tag_name}' takes at least one argument, a URL pattern name."
        )
    view_name = parser.compile_filter(bits[1])
    bits = bits[2:]
    asvar = None
    if len(bits) >= 2 and bits[-2] == "as":
        asvar = bits[-1]
        bits = bits[:-2]
    args = []
    for bit in bits:
        name, value = kwarg_re.match(bit).groups()
        if name:
            raise template.TemplateSyntaxError(
                f"'{tag_name}' takes positional arguments only, not {bit!r}: the last one is filled "
                f"in per row. Use {{% url %}} for a URL with keyword arguments."
            )
        args.append(parser.compile_filter(value))
    return RowURLNode(view_name, args, asvar)
