"""A course's sessions and their register: attendance and drop-ins."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from astnet import access
from astnet.audit import shows_personal_data
from astnet.formats import format_date
from astnet.forms import add_service_error
from astnet.models import Role
from citizens.courses import selectors, services
from citizens.courses.access import COURSE_READERS, runs_course, sees_register
from citizens.courses.forms import (
    SessionForm,
)
from citizens.courses.models import Attendance, Course, Enrollment, Session


@require_http_methods(["GET", "POST"])
@access.require_role(Role.STAFF)
def session_create(request: HttpRequest, pk: int) -> HttpResponse:
    course = selectors.course_for_page(request.user, pk, "change")
    form = SessionForm(request.POST or None, initial={"place": _default_place(course)})
    if request.method == "POST" and form.is_valid():
        session = form.save(commit=False)
        session.course = course
        try:
            services.session_save(session=session, by=request.user, request=request)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("Mødegangen %(day)s er oprettet.") % {"day": format_date(session.date)},
            )
            if "another" in request.POST:
                return redirect("courses:session_create", course.pk)
            return redirect("courses:detail", course.pk)
    return render(request, "citizens/courses/session_form.html", {"form": form, "course": course})


def _default_place(course: Course) -> str:
    offer = course.host_offers.first()
    return offer.name if offer else ""


def _register_session(request: HttpRequest, pk: int, action: access.ScopeAction) -> Session:
    session = selectors.session_for_page(request.user, pk, action)
    if not sees_register(request.user, session.course):
        raise Http404
    return session


@require_GET
@access.require_role(*COURSE_READERS)
@shows_personal_data("citizens.session")
def session_register(request: HttpRequest, pk: int) -> HttpResponse:
    session = _register_session(request, pk, "view")
    request.audited_object = session
    return render(
        request,
        "citizens/courses/register.html",
        {
            "session": session,
            "course": session.course,
            "rows": selectors.register_rows(session),
            "can_change": runs_course(request.user, session.course),
            "statuses": Attendance.Status.choices,
        },
    )


@require_POST
@access.require_role(Role.STAFF)
def attendance_set(request: HttpRequest, pk: int, enrollment_id: int) -> HttpResponse:
    session = _register_session(request, pk, "change")
    enrollment = access.get_in_scope(
        request.user,
        Enrollment.objects.select_related("citizen"),
        "change",
        pk=enrollment_id,
        course=session.course,
    )
    status = request.POST.get("status", "")
    error = ""
    try:
        services.attendance_set(
            session=session, enrollment=enrollment, status=status, by=request.user, request=request
        )
    except ValidationError as refusal:
        error = refusal.messages[0]
    if error:
        announcement = error
    else:
        announcement = _("%(name)s: %(status)s.") % {
            "name": enrollment.citizen.chosen_name,
            "status": Attendance.Status(status).label,
        }
    if not request.htmx:
        (messages.error if error else messages.success)(request, announcement)
        return redirect("courses:register", session.pk)
    return render(
        request,
        "citizens/courses/register.html#row-update",
        {
            "session": session,
            "row": selectors.register_row(session, enrollment.pk),
            "can_change": True,
            "statuses": Attendance.Status.choices,
            "row_error": error,
            "announcement": announcement,
        },
    )


@require_POST
@access.require_role(Role.STAFF)
def drop_ins(request: HttpRequest, pk: int) -> HttpResponse:
    session = _register_session(request, pk, "change")
    change = {"1": 1, "-1": -1}.get(request.POST.get("change", ""))
    if change is None:
        messages.error(request, _("Vælg + eller −."))
        return redirect("courses:register", session.pk)
    try:
        session = services.session_drop_ins_adjust(
            session=session, change=change, by=request.user, request=request
        )
    except ValidationError as refusal:
        messages.error(request, refusal.messages[0])
        return redirect("courses:register", session.pk)
    announcement = _("Drop-in-deltagere: %(count)s.") % {"count": session.drop_ins}
    if not request.htmx:
        messages.success(request, announcement)
        return redirect("courses:register", session.pk)
    return render(
        request,
        "citizens/courses/register.html#drop-ins-update",
        {"session": session, "can_change": True, "announcement": announcement},
    )
