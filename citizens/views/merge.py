"""Merging a duplicate citizen into the record that stays: choose the duplicate, see what moves,
confirm (issue 19). Staff of the citizen's offers only; both records must be in their scope."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from astnet import access
from astnet.audit import Action, audit_record, shows_personal_data
from astnet.models import Role
from citizens import merging, selectors

CANDIDATES_PER_PAGE = 20


@require_http_methods(["GET", "POST"])
@access.require_role(Role.STAFF)
@shows_personal_data("citizens.citizen")
def citizen_merge(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the candidates (search by name), or with `dublet` the confirmation page; POST with
    `dublet`: merge that duplicate into this citizen."""
    keep = selectors.citizen_for_page(request.user, pk, "change")
    duplicate_id = request.POST.get("dublet") or request.GET.get("dublet", "")
    if not duplicate_id.isdigit():
        query = request.GET.get("q", keep.chosen_name).strip()
        candidates = selectors.merge_candidates(user=request.user, keep=keep, query=query)
        page = Paginator(candidates, CANDIDATES_PER_PAGE).get_page(request.GET.get("side"))
        return render(
            request, "citizens/citizen_merge.html", {"citizen": keep, "query": query, "page": page}
        )
    duplicate = selectors.citizen_for_page(request.user, int(duplicate_id), "change")
    if request.method == "POST":
        try:
            merging.citizen_merge(keep=keep, duplicate=duplicate, by=request.user, request=request)
        except ValidationError as refusal:
            messages.error(request, refusal.messages[0])
        else:
            messages.success(
                request,
                _("%(duplicate)s er lagt sammen med %(name)s. Intet er gået tabt.")
                % {"duplicate": duplicate.chosen_name, "name": keep.chosen_name},
            )
            return redirect("citizens:detail", keep.pk)
    # Showing both records side by side is a view of personal data.
    audit_record(actor=request.user, action=Action.VIEW, target=duplicate, request=request)
    context = {
        "citizen": keep,
        "duplicate": duplicate,
        "refusal": merging.merge_refusal(keep=keep, duplicate=duplicate),
        "moves": merging.merge_preview(keep=keep, duplicate=duplicate),
    }
    return render(request, "citizens/citizen_merge_confirm.html", context)
