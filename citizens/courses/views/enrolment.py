"""Enrolment on a course, the waiting list and ending an enrolment."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from astnet import access
from astnet.audit import shows_personal_data
from astnet.forms import add_service_error
from astnet.models import Role
from citizens.access import attendance_offer_ids
from citizens.courses import selectors, services
from citizens.courses.forms import (
    EnrollmentEndForm,
    EnrollmentForm,
)
from citizens.courses.models import Enrollment


def announce_moved_up(request: HttpRequest, moved_up: list[Enrollment]) -> None:
    """Tell the staff member who freed a place whom it went to, so the citizen is told too."""
    for enrollment in moved_up:
        messages.info(
            request,
            _(
                "%(name)s var nr. 1 på ventelisten og har fået den ledige plads. "
                "Husk at give %(name)s besked."
            )
            % {"name": enrollment.citizen.chosen_name},
        )


@require_http_methods(["GET", "POST"])
@access.require_role(Role.STAFF)
@shows_personal_data("citizens.course")
def enroll(request: HttpRequest, pk: int) -> HttpResponse:
    """Staff enrol citizens of their own offers on any course in the city."""
    course = selectors.course_for_page(request.user, pk)
    query = request.GET.get("q", "").strip()
    citizens = selectors.enrollable_citizens(request.user)
    initial = {}
    if request.GET.get("borger", "").isdigit():
        initial["citizen"] = request.GET["borger"]
    offers = attendance_offer_ids(request.user)
    if len(offers) == 1:
        initial["referring_offer"] = next(iter(offers))
    form = EnrollmentForm(request.POST or None, choices=citizens, initial=initial)
    if request.method == "GET" and query:
        form.fields["citizen"].queryset = selectors.enrollable_citizens(request.user, query)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            enrollment = services.enrollment_create(
                course=course,
                citizen=data["citizen"],
                by=request.user,
                referral_source=data["referral_source"],
                referring_offer=data["referring_offer"],
                referral_date=data["referral_date"],
                goal_text=data["goal_text"],
                vum_reference=data["vum_reference"],
                request=request,
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            name = enrollment.citizen.chosen_name
            if enrollment.is_waiting:
                messages.warning(
                    request,
                    _("Forløbet er fuldt. %(name)s står som nr. %(position)s på ventelisten.")
                    % {"name": name, "position": enrollment.waiting_position},
                )
            else:
                messages.success(request, _("%(name)s har fået en plads.") % {"name": name})
            if "another" in request.POST:
                return redirect("courses:enroll", course.pk)
            return redirect("courses:detail", course.pk)
    return render(
        request,
        "citizens/courses/enroll.html",
        {"form": form, "course": course, "query": query},
    )


@require_POST
@access.require_role(Role.STAFF)
def move_up(request: HttpRequest, pk: int) -> HttpResponse:
    enrollment = access.get_in_scope(
        request.user, Enrollment.objects.select_related("citizen"), "change", pk=pk
    )
    try:
        services.enrollment_move_up(enrollment=enrollment, by=request.user, request=request)
    except ValidationError as refusal:
        messages.error(request, refusal.messages[0])
    else:
        messages.success(
            request,
            _("%(name)s er rykket op fra ventelisten og har fået en plads.")
            % {"name": enrollment.citizen.chosen_name},
        )
    return redirect("courses:detail", enrollment.course_id)


@require_http_methods(["GET", "POST"])
@access.require_role(Role.STAFF)
@shows_personal_data("citizens.enrollment")
def enrollment_end(request: HttpRequest, pk: int) -> HttpResponse:
    enrollment = access.get_in_scope(
        request.user, Enrollment.objects.select_related("citizen", "course"), "change", pk=pk
    )
    if enrollment.outcome:
        messages.error(request, _("Tilmeldingen er allerede afsluttet."))
        return redirect("courses:detail", enrollment.course_id)
    form = EnrollmentEndForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            _ended, moved_up = services.enrollment_end(
                enrollment=enrollment,
                outcome=data["outcome"],
                end_date=data["end_date"],
                stop_reason=data["stop_reason"],
                moved_on_to=data["moved_on_to"],
                moved_on_to_other=data["moved_on_to_other"],
                by=request.user,
                request=request,
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("Forløbet for %(name)s er afsluttet.") % {"name": enrollment.citizen.chosen_name},
            )
            announce_moved_up(request, moved_up)
            return redirect("courses:detail", enrollment.course_id)
    return render(
        request,
        "citizens/courses/enrollment_end.html",
        {"form": form, "enrollment": enrollment, "course": enrollment.course},
    )
