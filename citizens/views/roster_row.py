"""A citizen's row on "I dag" (the roster, the search results, the same-name list, and the row a
check-in or undo sends back to htmx), made as HTML in Python.

A roster shows a hundred rows. Through the template engine a row cost about 35 µs: looking up,
localising and escaping its dozen values one node at a time, 3.5 ms of the page (issue 22). Here
what every row of a list shares is escaped once (`RowMaker`), and a row escapes only its own name,
links and times, then fills one string. The markup is the template's, unchanged; every value is
escaped as the template escaped it (tests/citizens/test_roster_row.py).
"""

import datetime

from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

_NOT_IN = (
    '<li class="roster-row"><a class="roster-name" href="{detail_url}">{name}</a>'
    ' <span class="roster-status">{not_in}</span> <form method="post" action="{check_in_url}"'
    ' hx-post="{check_in_url}" hx-target="closest li" hx-swap="outerHTML">{form_fields}'
    '<button type="submit" class="button button-primary" id="{list_name}-{key}">{check_in}'
    '<span class="visually-hidden"> {name}</span></button></form>{error}</li>'
)
_IN = (
    '<li class="roster-row roster-row--in"><a class="roster-name" href="{detail_url}">{name}</a>'
    ' <span class="roster-status"><span aria-hidden="true">✓</span> {checked_in}</span>{undo}'
    "{error}</li>"
)
_UNDO = (
    ' <form method="post" action="{undo_url}" data-undo-until="{undo_until}"'
    ' data-server-now="{server_now}" hx-post="{undo_url}" hx-target="closest li"'
    ' hx-swap="outerHTML">{form_fields}<button type="submit" class="button button-secondary"'
    ' id="{list_name}-{key}">{undo_label}<span class="visually-hidden"> {undo_for}</span></button></form>'
)
_ERROR = ' <p class="form-error-message roster-error">{}</p>'


class RowMaker:
    """Makes the rows of one list in one response.

    `list_name` is "roster", "search" or "same-name": it names the buttons' ids and the `list`
    field a row's form sends back. `csrf_token` is the request's token (one for every row's form:
    the forms work without JavaScript too). `now` (aware) is the server's clock: the undo
    countdown starts from it (static/js/citizens.js) and a check-in older than `undo_window`
    shows no undo button (services.UNDO_WINDOW)."""

    def __init__(
        self,
        *,
        list_name: str,
        csrf_token: str,
        now: datetime.datetime,
        undo_window: datetime.timedelta,
    ):
        self.undo_since = now - undo_window
        self.undo_seconds = int(undo_window.total_seconds())
        list_name = escape(list_name)
        self.shared = {
            "list_name": list_name,
            "form_fields": (
                f'<input type="hidden" name="csrfmiddlewaretoken" value="{escape(csrf_token)}">'
                f'<input type="hidden" name="list" value="{list_name}">'
            ),
            "server_now": str(int(now.timestamp())),
            "not_in": escape(_("Ikke tjekket ind")),
            "check_in": escape(_("Tjek ind")),
            "undo_label": escape(_("Fortryd")),
        }
        self.checked_in_at = _("Tjekket ind kl. %(time)s")
        self.undo_for = _("fremmøde for %(name)s")

    def __call__(self, citizen, error: str = "") -> SafeString:
        """The `<li>` of one citizen: `citizen` carries `pk`, `chosen_name`, the row's links
        (`detail_url`, `check_in_url`, `undo_url`: `selectors.with_row_links`) and, when checked
        in today, `visit_id` and `visit_created_at` (aware). `error` is a refusal shown under
        the row."""
        own = {
            "key": int(citizen.pk),
            "name": escape(citizen.chosen_name),
            "detail_url": escape(citizen.detail_url),
            "error": _ERROR.format(escape(error)) if error else "",
        }
        if getattr(citizen, "visit_id", None) is None:
            html = _NOT_IN.format(check_in_url=escape(citizen.check_in_url), **own, **self.shared)
        else:
            created_at = citizen.visit_created_at
            time = timezone.localtime(created_at).strftime("%H.%M")
            undo = ""
            if created_at > self.undo_since:
                undo = _UNDO.format(
                    undo_url=escape(citizen.undo_url),
                    undo_until=int(created_at.timestamp()) + self.undo_seconds,
                    undo_for=escape(self.undo_for % {"name": citizen.chosen_name}),
                    **own,
                    **self.shared,
                )
            html = _IN.format(
                checked_in=escape(self.checked_in_at % {"time": time}),
                undo=undo,
                **own,
                **self.shared,
            )
        # Every value above was escaped (or is a number) before it went into the markup.
        return mark_safe(html)  # noqa: S308  # nosec B308 B703
