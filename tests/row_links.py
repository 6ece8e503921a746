"""For tests of pages with a form per row: how many URLs a page reversed, and where its row
forms post (issue 22: a `{% url %}` per row cost about 40 Python calls each)."""

import re
from unittest import mock

from django.urls.resolvers import URLResolver


def reverses_and_page(client, url: str) -> tuple[int, str]:
    """GET `url` (expecting 200); returns how many URLs were reversed and the page's HTML. A GET
    before the counted one does what is done once per process (the menu's URLs, say)."""
    client.get(url)
    original = URLResolver._reverse_with_prefix
    with mock.patch.object(
        URLResolver, "_reverse_with_prefix", autospec=True, side_effect=original
    ) as counted:
        response = client.get(url)
    assert response.status_code == 200
    return counted.call_count, response.content.decode()


def row_form_actions(page: str) -> list[str]:
    """The URLs of the row forms that post to the same URL with and without htmx, in order."""
    return re.findall(r'<form method="post" action="([^"]+)"\s+hx-post="\1"', page)
