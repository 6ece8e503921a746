"""Goals (indsatsmål) with their ratings, and the outcome summary of the courses."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from astnet import access, privacy
from astnet.audit import shows_personal_data
from astnet.forms import add_service_error
from astnet.models import Role
from citizens.courses import selectors, services
from citizens.courses.access import COURSE_READERS
from citizens.courses.forms import (
    GoalForm,
    GoalRatingForm,
)
from citizens.courses.models import Course, Enrollment
from citizens.models import Citizen

PAGE_SIZE = 25


@require_http_methods(["GET", "POST"])
@access.require_role(Role.STAFF)
@shows_personal_data("citizens.citizen", id_kwarg="citizen_id")
def goal_create(request: HttpRequest, citizen_id: int) -> HttpResponse:
    """A goal for a citizen the user works with, or a participant on a course the user runs."""
    run_enrollments = access.scope(request.user, Enrollment, "change").filter(citizen_id=citizen_id)
    own_citizens = access.scope(request.user, Citizen, "change").filter(pk=citizen_id)
    if not own_citizens.exists() and not run_enrollments.exists():
        raise Http404
    citizen = Citizen.objects.get(pk=citizen_id)
    enrollments = (
        access.scope(request.user, Enrollment, "view")
        .filter(citizen=citizen)
        .select_related("course")
    )
    initial = {}
    if request.GET.get("tilmelding", "").isdigit():
        initial["enrollment"] = request.GET["tilmelding"]
    form = GoalForm(request.POST or None, choices=enrollments, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            goal = services.goal_create(
                citizen=citizen,
                enrollment=data["enrollment"],
                text=data["text"],
                vum_reference=data["vum_reference"],
                by=request.user,
                request=request,
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Målet er gemt."))
            return redirect("courses:goal", goal.pk)
    return render(request, "citizens/courses/goal_form.html", {"form": form, "citizen": citizen})


def _goal_page(request: HttpRequest, goal, form, status: int = 200) -> HttpResponse:
    ratings = list(goal.ratings.all())
    return render(
        request,
        "citizens/courses/goal_detail.html",
        {
            "goal": goal,
            "ratings": ratings,
            "chart": selectors.progress_chart(goal, ratings, request.csp_nonce) if ratings else "",
            "form": form,
            "can_rate": access.scope(request.user, type(goal), "change")
            .filter(pk=goal.pk)
            .exists(),
        },
        status=status,
    )


@require_GET
@access.require_role(*COURSE_READERS)
@shows_personal_data("citizens.goal")
def goal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    goal = selectors.goal_for_page(request.user, pk)
    request.audited_object = goal
    return _goal_page(request, goal, GoalRatingForm())


@require_POST
@access.require_role(Role.STAFF)
def goal_rate(request: HttpRequest, pk: int) -> HttpResponse:
    goal = selectors.goal_for_page(request.user, pk, "change")
    form = GoalRatingForm(request.POST)
    if form.is_valid():
        try:
            services.goal_rating_create(
                goal=goal,
                score=form.cleaned_data["score"],
                rated_on=form.cleaned_data["rated_on"],
                note=form.cleaned_data["note"],
                by=request.user,
                request=request,
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Vurderingen er gemt."))
            return redirect("courses:goal", goal.pk)
    return _goal_page(request, goal, form, status=400)


@require_GET
@access.require_role(*COURSE_READERS)
def outcomes(request: HttpRequest) -> HttpResponse:
    courses = access.scope(request.user, Course, "view").select_related("track")
    page = Paginator(courses.order_by("-start_date", "title", "pk"), PAGE_SIZE).get_page(
        request.GET.get("side")
    )
    return render(
        request,
        "citizens/courses/outcomes.html",
        {
            "page": page,
            "per_course": selectors.outcomes_per_course(list(page.object_list)),
            "per_track": selectors.outcomes_per_track(request.user),
            "method_note": privacy.method_note(),
        },
    )
