"""Pages for courses (forløb): catalogue, course page with sessions and register, enrolment and the
waiting list, goals with their ratings, and the outcome summary."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from astnet import access, privacy
from astnet.audit import Action, audit_record
from astnet.formats import format_date
from astnet.forms import add_service_error
from astnet.models import Role
from citizens import courses as services
from citizens import courses_selectors as selectors
from citizens.courses_forms import (
    CourseFilter,
    CourseForm,
    EnrollmentEndForm,
    EnrollmentForm,
    GoalForm,
    GoalRatingForm,
    SessionForm,
)
from citizens.courses_models import Attendance, Course, Enrollment, Session
from citizens.models import Citizen

PAGE_SIZE = 25
READERS = (Role.STAFF, Role.LEADER)


# --- catalogue and course --------------------------------------------------------------------------


@require_GET
@access.require_role(*READERS)
def catalogue(request: HttpRequest) -> HttpResponse:
    filterset = CourseFilter(request.GET or None, queryset=selectors.catalogue(request.user))
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("side"))
    return render(
        request,
        "citizens/courses/catalogue.html",
        {
            "filter": filterset,
            "page": page,
            "can_create": access.has_role(request.user, Role.STAFF),
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
            saved = services.course_save(
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
@access.require_role(*READERS)
def course_detail(request: HttpRequest, pk: int) -> HttpResponse:
    course = selectors.course_for_page(request.user, pk)
    sees_register = selectors.sees_register(request.user, course)
    context = {
        "course": course,
        "sessions": selectors.sessions_for(course),
        "sees_register": sees_register,
        "runs_course": selectors.runs_course(request.user, course),
        "can_enrol": access.has_role(request.user, Role.STAFF),
    }
    if sees_register:
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
        audit_record(actor=request.user, action=Action.VIEW, target=course, request=request)
    return render(request, "citizens/courses/course_detail.html", context)


# --- sessions and the register ---------------------------------------------------------------------


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
    if not selectors.sees_register(request.user, session.course):
        raise Http404
    return session


@require_GET
@access.require_role(*READERS)
def session_register(request: HttpRequest, pk: int) -> HttpResponse:
    session = _register_session(request, pk, "view")
    audit_record(actor=request.user, action=Action.VIEW, target=session, request=request)
    return render(
        request,
        "citizens/courses/register.html",
        {
            "session": session,
            "course": session.course,
            "rows": selectors.register_rows(session),
            "can_change": selectors.runs_course(request.user, session.course),
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


# --- enrolment and the waiting list ---------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@access.require_role(Role.STAFF)
def enroll(request: HttpRequest, pk: int) -> HttpResponse:
    """Staff enrol citizens of their own offers on any course in the city."""
    course = selectors.course_for_page(request.user, pk)
    query = request.GET.get("q", "").strip()
    citizens = selectors.enrollable_citizens(request.user)
    initial = {}
    if request.GET.get("borger", "").isdigit():
        initial["citizen"] = request.GET["borger"]
    offers = access.staff_offer_ids(request.user)
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
            services.enrollment_end(
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
            return redirect("courses:detail", enrollment.course_id)
    return render(
        request,
        "citizens/courses/enrollment_end.html",
        {"form": form, "enrollment": enrollment, "course": enrollment.course},
    )


# --- goals (indsatsmål) -----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@access.require_role(Role.STAFF)
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
            "chart": selectors.progress_chart(goal, request.csp_nonce) if ratings else "",
            "form": form,
            "can_rate": access.scope(request.user, type(goal), "change")
            .filter(pk=goal.pk)
            .exists(),
        },
        status=status,
    )


@require_GET
@access.require_role(*READERS)
def goal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    goal = selectors.goal_for_page(request.user, pk)
    audit_record(actor=request.user, action=Action.VIEW, target=goal, request=request)
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


# --- outcomes ----------------------------------------------------------------------------------------


@require_GET
@access.require_role(*READERS)
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
