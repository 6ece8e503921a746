"""What the peer-mentor pages share: page sizes, the coordinator's gate, the form page and paging."""

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from astnet import access
from astnet.models import Role
from peers.mentors import access as mentor_access

PAGE_SIZE = 25
OFFERS_PAGE_SIZE = 10
GET_POST = require_http_methods(["GET", "POST"])


def coordinator_required(view: Callable) -> Callable:
    """The training coordinator's pages (the role, issue 21).

    A leader without the role asking for a list page is sent to the peer-mentor hub; asking for one object
    (a cohort, a session) they get 404 from the scope, as for anything outside it.
    """

    @access.require_role(Role.LEADER, Role.TRAINING_COORDINATOR)
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs):
        if not kwargs and not mentor_access.is_training_coordinator(request.user):
            messages.info(request, _("Siden er for uddannelseskoordinatoren for peer-vejledere."))
            return redirect("mentors:index")
        return view(request, *args, **kwargs)

    return wrapper


def form_page(
    request: HttpRequest, form, *, title: str, cancel_url: str, intro: str = "", submit: str = ""
) -> HttpResponse:
    """One form on the shared peer-mentor form page, with its title, intro and cancel link."""
    context = {
        "form": form,
        "title": title,
        "cancel_url": cancel_url,
        "intro": intro,
        "submit_label": submit,
    }
    return render(request, "peers/mentors/form_page.html", context)


def paginate(request: HttpRequest, rows, size: int = PAGE_SIZE):
    """The page of `rows` asked for by `?side=` (the first for a bad number)."""
    return Paginator(rows, size).get_page(request.GET.get("side"))
