"""Pages for the citizens' rights (databeskyttelse): find a citizen, export their data (art. 15),
read the correction history (art. 16), anonymise (art. 17), legal hold, retention dry run, and
the consent overview."""

import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from astnet import access
from astnet.audit import shows_personal_data
from astnet.forms import add_service_error
from astnet.models import Role
from citizens.rights import selectors, services
from citizens.rights.access import is_data_protection_officer, uses_rights_pages
from citizens.rights.forms import AnonymiseForm, CitizenSearchForm, ConsentFilterForm, LegalHoldForm

PAGE_SIZE = 25
DPO = Role.DATA_PROTECTION_OFFICER


@access.require_role(DPO, Role.LEADER)
@shows_personal_data("citizens.citizen", id_kwarg=None)
def index(request: HttpRequest) -> HttpResponse:
    form = CitizenSearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    citizens = selectors.rights_citizen_list(request.user, query)
    page = Paginator(citizens, PAGE_SIZE).get_page(request.GET.get("side"))
    return render(
        request,
        "citizens/rights/index.html",
        {
            "form": form,
            "page": page,
            "query": query,
            "is_dpo": is_data_protection_officer(request.user),
        },
    )


@access.require_role(DPO, Role.LEADER)
@shows_personal_data("citizens.citizen")
def citizen(request: HttpRequest, pk: int) -> HttpResponse:
    found = selectors.rights_citizen(request.user, pk)
    request.audited_object = found
    return render(
        request,
        "citizens/rights/citizen.html",
        {
            "citizen": found,
            "privacy": selectors.privacy_of(found),
            "counts": selectors.stored_counts(found),
            "is_dpo": is_data_protection_officer(request.user),
        },
    )


def _filename(citizen_pk: int, extension: str) -> str:
    return f"indsigt-borger-{citizen_pk}-{timezone.localdate():%Y-%m-%d}.{extension}"


@access.require_role(DPO, Role.LEADER)
def export_json(request: HttpRequest, pk: int) -> HttpResponse:
    found = selectors.rights_citizen(request.user, pk)
    export = services.export_citizen(found)
    services.export_record(citizen=found, by=request.user, file_format="json", request=request)
    response = HttpResponse(
        json.dumps(export, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(found.pk, "json")}"'
    return response


@access.require_role(DPO, Role.LEADER)
def export_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    found = selectors.rights_citizen(request.user, pk)
    pdf = services.export_pdf(found)
    services.export_record(citizen=found, by=request.user, file_format="pdf", request=request)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_filename(found.pk, "pdf")}"'
    return response


@access.require_role(DPO, Role.LEADER)
@shows_personal_data("citizens.citizen", detail="history")
def history(request: HttpRequest, pk: int) -> HttpResponse:
    found = selectors.rights_citizen(request.user, pk)
    page = Paginator(services.revisions_for(found), PAGE_SIZE).get_page(request.GET.get("side"))
    request.audited_object = found
    return render(
        request,
        "citizens/rights/history.html",
        {"citizen": found, "page": page, "rows": services.revision_rows(page.object_list)},
    )


@access.require_role(DPO)
@shows_personal_data("citizens.citizen")
def legal_hold(request: HttpRequest, pk: int) -> HttpResponse:
    found = selectors.rights_citizen(request.user, pk)
    privacy = selectors.privacy_of(found)
    initial = {"legal_hold": privacy.legal_hold, "reason": privacy.legal_hold_reason}
    form = LegalHoldForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.legal_hold_set(
                citizen=found,
                hold=form.cleaned_data["legal_hold"],
                reason=form.cleaned_data["reason"],
                by=request.user,
                request=request,
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            if form.cleaned_data["legal_hold"]:
                messages.success(request, _("Det retlige forbehold er registreret."))
            else:
                messages.success(request, _("Borgeren har ikke længere et retligt forbehold."))
            return redirect("rights:citizen", found.pk)
    return render(request, "citizens/rights/legal_hold.html", {"citizen": found, "form": form})


@access.require_role(DPO)
@shows_personal_data("citizens.citizen")
def anonymise(request: HttpRequest, pk: int) -> HttpResponse:
    """A confirmation page that says what goes and what stays; then the anonymisation."""
    found = selectors.rights_citizen(request.user, pk)
    privacy = selectors.privacy_of(found)
    form = AnonymiseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.anonymise(
                found, by=request.user, reason=form.cleaned_data["reason"], request=request
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _(
                    "Borgeren er anonymiseret. Fremmøder og forløb tælles fortsat med i statistikken."
                ),
            )
            return redirect("rights:index")
    return render(
        request,
        "citizens/rights/anonymise.html",
        {
            "citizen": found,
            "privacy": privacy,
            "form": form,
            "counts": selectors.stored_counts(found),
        },
    )


@access.require_role(DPO)
@shows_personal_data("citizens.citizen", id_kwarg=None)
def retention(request: HttpRequest) -> HttpResponse:
    """The nightly job's dry run: who would be anonymised tonight, and why."""
    today = timezone.localdate()
    candidates = services.retention_candidates(today).select_related("district")
    page = Paginator(candidates, PAGE_SIZE).get_page(request.GET.get("side"))
    services.with_last_activity(list(page.object_list))
    return render(
        request,
        "citizens/rights/retention.html",
        {
            "page": page,
            "cutoff": services.retention_cutoff(today),
            "retention_days": services.retention_days(),
        },
    )


@require_http_methods(["GET", "POST"])
@access.require_role(DPO)
@shows_personal_data("citizens.citizen", id_kwarg=None)
def cpr_duplicates(request: HttpRequest) -> HttpResponse:
    """GET: the records that share a CPR number (citizens/rights/duplicates.py). POST `behold`:
    merge the others of its group into that record, through the one merge service (audited)."""
    keep = request.POST.get("behold", "")
    if request.method == "POST" and keep.isdigit():
        try:
            merged = services.cpr_duplicates_merge(
                keep_pk=int(keep), by=request.user, request=request
            )
        except ValidationError as refusal:
            messages.error(request, refusal.messages[0])
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)d dublet er lagt sammen med borger %(pk)s. Intet er gået tabt.",
                    "%(count)d dubletter er lagt sammen med borger %(pk)s. Intet er gået tabt.",
                    merged,
                )
                % {"count": merged, "pk": keep},
            )
        return redirect("rights:cpr_duplicates")
    groups = selectors.cpr_duplicate_groups(request.user)
    return render(request, "citizens/rights/cpr_duplicates.html", {"groups": groups})


@access.require_role(DPO, Role.LEADER, Role.STAFF)
@shows_personal_data("citizens.consent", id_kwarg=None)
def consents(request: HttpRequest) -> HttpResponse:
    form = ConsentFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    overview = selectors.consent_overview(
        request.user, status=filters.get("status", ""), kind=filters.get("kind", "")
    )
    page = Paginator(overview, PAGE_SIZE).get_page(request.GET.get("side"))
    return render(
        request,
        "citizens/rights/consents.html",
        {
            "form": form,
            "page": page,
            "withdrawable": selectors.withdrawable_ids(
                request.user, [consent.pk for consent in page.object_list]
            ),
            "links_to_rights": uses_rights_pages(request.user),
        },
    )
