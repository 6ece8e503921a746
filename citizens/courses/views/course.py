"""The course catalogue, a course's page, and creating and changing a course."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from astnet import access
from astnet.audit import shows_personal_data
from astnet.forms import add_service_error
from astnet.models import Role
from citizens.courses import selectors, services
from citizens.courses.access import COURSE_READERS, makes_courses, runs_course, sees_register
from citizens.courses.forms import (
    CourseFilter,
    CourseForm,
)
from citizens.courses.models import Course
from citizens.courses.views.enrolment import announce_moved_up

PAGE_SIZE = 25


@require_GET
@access.require_role(*COURSE_READERS)
def catalogue(request: HttpRequest) -> HttpResponse:
    filterset = CourseFilter(request.GET or None, queryset=selectors.catalogue(request.user))
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("side"))
    return render(
        request,
        "citizens/courses/catalogue.html",
        {
            "filter": filterset,
            "page": page,
            "can_create": makes_courses(request.user),
        },
    )


def _course_form_page(request: HttpRequest, course: Course | None) -> HttpResponse:
    form = CourseForm(
        request.POST or None,
        instance=course,
        initial=None if course else {"lead": request.user.pk},
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved, moved_up = services.course_save(
                course=form.save(commit=False),
                host_offers=form.cleaned_data["host_offers"],
                peer_mentors=form.cleaned_data["peer_mentors"],
                by=request.user,
                request=request,
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Forløbet er gemt."))
            announce_moved_up(request, moved_up)
            return redirect("courses:detail", saved.pk)
    return render(request, "citizens/courses/course_form.html", {"form": form, "course": course})


@require_http_methods(["GET", "POST"])
@access.require_role(Role.STAFF)
def course_create(request: HttpRequest) -> HttpResponse:
    return _course_form_page(request, None)


@require_http_methods(["GET", "POST"])
@access.require_role(Role.STAFF)
def course_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _course_form_page(request, selectors.course_for_page(request.user, pk, "change"))


@require_GET
@access.require_role(*COURSE_READERS)
@shows_personal_data("citizens.course")
def course_detail(request: HttpRequest, pk: int) -> HttpResponse:
    course = selectors.course_for_page(request.user, pk)
    shows_register = sees_register(request.user, course)
    context = {
        "course": course,
        "sessions": selectors.sessions_for(course),
        "sees_register": shows_register,
        "runs_course": runs_course(request.user, course),
        "can_enrol": makes_courses(request.user),
    }
    if shows_register:
        enrollments = list(selectors.participants(request.user, course))
        goals = {}
        for goal in selectors.goals_for_course(request.user, course):
            goals.setdefault(goal.enrollment_id, []).append(goal)
        for enrollment in enrollments:
            enrollment.goal_list = goals.get(enrollment.pk, [])
        context.update(
            active=[e for e in enrollments if e.is_active],
            waiting=[e for e in enrollments if e.is_waiting],
            ended=[e for e in enrollments if e.outcome],
        )
        context["has_free_place"] = len(context["active"]) < course.capacity
        request.audited_object = course
    return render(request, "citizens/courses/course_detail.html", context)
