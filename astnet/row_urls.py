"""URLs for long lists from one reverse each, not one per row (issue 22: ≈ 208 reverses, ≈ 5 ms,
on a roster of 100 rows)."""

from collections.abc import Callable
from urllib.parse import quote

from django.urls import reverse

# A value no real id or slug takes, reversed once and replaced per row.
_MARK = "2147483647"


def row_url(view_name: str, *args) -> Callable[[object], str]:
    """A function from the URL's last argument (an id or a slug) to the URL: `view_name` is
    reversed once with `args` and a marker for the last argument. Raises NoReverseMatch as
    `reverse` does. The value is percent-quoted, as `reverse` would."""
    head, _mark, tail = reverse(view_name, args=[*args, int(_MARK)]).rpartition(_MARK)
    return lambda value: f"{head}{quote(str(value), safe='')}{tail}"
