"""The citizen page and the record: create and edit a citizen, visits on earlier days,
expectation talks, consent given and withdrawn."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.safestring import SafeString
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET

from astnet import access
from astnet.audit import shows_personal_data
from astnet.formats import format_date
from astnet.forms import add_service_error
from astnet.models import Role
from citizens import cpr, selectors, services
from citizens.courses.selectors import courses_for_citizen
from citizens.forms import (
    CitizenForm,
    ConsentForm,
    ExpectationTalkForm,
    VisitForm,
)
from citizens.models import Challenge
from citizens.rights.selectors import consent_to_withdraw


@require_GET
@access.require_role(Role.STAFF, Role.LEADER)
@shows_personal_data("citizens.citizen")
def citizen_detail(request: HttpRequest, pk: int) -> HttpResponse:
    citizen = selectors.citizen_for_detail(request.user, pk)
    request.audited_object = citizen
    user = request.user
    # Every list is read here, not lazily while the template renders, and only if the citizen
    # has such rows at all (issue 22). The months are read whole and paged here: one query, no
    # COUNT (a few years of months at a few offers).
    visits = Paginator(list(selectors.visits_by_month(citizen=citizen, user=user)), 24)
    visit_page = visits.get_page(request.GET.get("side"))
    context = {
        "citizen": citizen,
        "can_change": citizen.may_change,
        "challenge_labels": [Challenge(value).label for value in citizen.challenges],
        "cpr_masked": cpr.mask(cpr.decrypt(citizen.cpr_encrypted)) if citizen.has_cpr else "",
        "visit_page": visit_page,
        "visit_rows": _month_rows(visit_page),
        "talks": list(selectors.talks_for(citizen=citizen, user=user)) if citizen.has_talks else [],
        "consents": (
            list(selectors.consents_for(citizen=citizen, user=user)) if citizen.has_consents else []
        ),
        "outreaches": (
            list(selectors.outreach_for(citizen=citizen, user=user)[:20])
            if citizen.has_outreach
            else []
        ),
        "courses": courses_for_citizen(
            user, citizen, has_enrollments=citizen.has_enrollments, has_goals=citizen.has_goals
        ),
    }
    return render(request, "citizens/citizen_detail.html", context)


def _month_rows(page) -> SafeString:
    """The table rows of the citizen page's visits per month: month, offer, days. Made here, not
    by a template loop: the loop's three variables and two filters took 210 Python calls a row,
    a quarter of the page's template (issue 22)."""
    return format_html_join(
        "",
        '<tr><td>{}</td><td>{}</td><td class="text-align-right">{}</td></tr>',
        (
            (capfirst(format_date(row["month"], month=True)), row["offer__name"], row["visits"])
            for row in page
        ),
    )


def _citizen_fields(form: CitizenForm) -> dict:
    data = dict(form.cleaned_data)
    data["cpr_number"] = data.pop("cpr_number", "")
    return data


@sensitive_post_parameters("cpr_number")
@access.require_role(Role.STAFF)
def citizen_create(request: HttpRequest) -> HttpResponse:
    form = CitizenForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            citizen = services.citizen_create(
                by=request.user, request=request, **_citizen_fields(form)
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Borgeren er oprettet."))
            return redirect("citizens:detail", citizen.pk)
    return render(
        request, "citizens/citizen_form.html", {"form": form}, status=400 if form.errors else 200
    )


@sensitive_post_parameters("cpr_number")
@access.require_role(Role.STAFF)
@shows_personal_data("citizens.citizen")
def citizen_edit(request: HttpRequest, pk: int) -> HttpResponse:
    citizen = selectors.citizen_for_page(request.user, pk, "change")
    form = CitizenForm(request.POST or None, instance=citizen, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.citizen_update(
                citizen=selectors.citizen_for_page(request.user, pk, "change"),
                by=request.user,
                request=request,
                **_citizen_fields(form),
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Oplysningerne er gemt."))
            return redirect("citizens:detail", pk)
    return render(
        request,
        "citizens/citizen_form.html",
        {"form": form, "citizen": citizen},
        status=400 if form.errors else 200,
    )


@access.require_role(Role.STAFF)
@shows_personal_data("citizens.citizen")
def visit_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a visit on an earlier day (the "I dag" page covers today)."""
    citizen = selectors.citizen_for_page(request.user, pk, "change")
    form = VisitForm(
        request.POST or None,
        offers=selectors.attendance_offers(request.user),
        initial={"day": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            _visit, created = services.visit_check_in(
                citizen=citizen, by=request.user, request=request, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("Fremmødet er registreret.")
                if created
                else _("Fremmødet var allerede registreret."),
            )
            return redirect("citizens:detail", citizen.pk)
    return render(
        request,
        "citizens/visit_form.html",
        {"form": form, "citizen": citizen},
        status=400 if form.errors else 200,
    )


@access.require_role(Role.STAFF)
@shows_personal_data("citizens.citizen")
def talk_create(request: HttpRequest, pk: int) -> HttpResponse:
    citizen = selectors.citizen_for_page(request.user, pk, "change")
    form = ExpectationTalkForm(
        request.POST or None,
        offers=selectors.attendance_offers(request.user),
        user=request.user,
        initial={"held_on": timezone.localdate(), "contact_person": citizen.contact_person_id},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.talk_record(
                citizen=citizen, by=request.user, request=request, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Forventningssamtalen er gemt."))
            return redirect("citizens:detail", citizen.pk)
    return render(
        request,
        "citizens/talk_form.html",
        {"form": form, "citizen": citizen},
        status=400 if form.errors else 200,
    )


@access.require_role(Role.STAFF)
@shows_personal_data("citizens.citizen")
def consent_create(request: HttpRequest, pk: int) -> HttpResponse:
    citizen = selectors.citizen_for_page(request.user, pk, "change")
    form = ConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.consent_give(
                citizen=citizen, by=request.user, request=request, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Samtykket er registreret."))
            return redirect("citizens:detail", citizen.pk)
    return render(
        request,
        "citizens/consent_form.html",
        {"form": form, "citizen": citizen},
        status=400 if form.errors else 200,
    )


@access.require_role(Role.STAFF, Role.DATA_PROTECTION_OFFICER)
def consent_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    """A confirmation page, then the withdrawal; it takes effect at once everywhere. The one view
    behind both links: from the citizen page (`citizens:`) and from the consent overview
    (`rights:`), each leading back where it came from. Who may withdraw: `rights_consents`."""
    consent = consent_to_withdraw(request.user, pk)
    if request.resolver_match.namespace == "rights":
        back = reverse("rights:consents")
    else:
        back = reverse("citizens:detail", args=[consent.citizen_id])
    if request.method == "POST":
        services.consent_withdraw(consent=consent, by=request.user, request=request)
        messages.success(request, _("Samtykket er trukket tilbage. Det gælder fra nu."))
        return redirect(back)
    return render(request, "citizens/consent_withdraw.html", {"consent": consent, "back": back})
