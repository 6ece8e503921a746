"""Every read of personal data is audited (issue 16, part 4). Walks every URL for every role with
the ids of a citizen's real records: a page declared with `shows_personal_data` writes exactly one
view event each time it renders, and a page that shows a citizen's chosen name without the
declaration fails."""

import datetime

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from astnet.models import AuditEvent, Role
from citizens.outreach.models import CaseworkHours, CaseworkPartner, Consultation
from tests import factories as f
from tests.astnet.test_access_matrix import _CONVERTER, ROUTES, _url_for

NAME = "Zyxwortnavn"


def _views(before: int) -> int:
    return AuditEvent.objects.filter(pk__gt=before, action=AuditEvent.Action.VIEW).count()


def _last_event() -> int:
    return AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


@pytest.fixture
def records(world):
    """A citizen at Nabo with a record in every part of the product; the ids to try in URLs."""
    citizen = f.CitizenFactory(chosen_name=NAME, home_offers=[world.nabo])
    today = timezone.localdate()
    visit = f.VisitFactory(citizen=citizen, offer=world.nabo, day=today)
    from tests.courses import factories as cf
    from tests.rights import factories as rf

    talk = rf.TalkFactory(citizen=citizen, offer=world.nabo, staff=world.staff)
    follow_up = rf.FollowUpFactory(citizen=citizen, offer=world.nabo)
    enrollment = cf.EnrollmentFactory(
        citizen=citizen, course=cf.CourseFactory(lead=world.staff, host_offers=[world.nabo])
    )
    goal = cf.GoalFactory(citizen=citizen, enrollment=enrollment)
    application = apps.get_model("peers", "Application").objects.create(
        council=world.council,
        applicant_citizen=citizen,
        helped_by=world.staff,
        applicant_first_name=NAME,
        title="Tur",
        description="Tur",
        amount_ore=100,
        starts_on=today + datetime.timedelta(days=3),
        beneficiaries="Alle",
        state="submitted",
    )
    casework = CaseworkHours.objects.create(
        offer=world.nabo,
        partner=CaseworkPartner.objects.get_or_create(name="Jobcentret")[0],
        weekday=(today + datetime.timedelta(days=2)).weekday(),
        starts_at=datetime.time(10),
        ends_at=datetime.time(12),
    )
    consultation = Consultation.objects.create(
        hours=casework,
        day=today + datetime.timedelta(days=2),
        citizen=citizen,
        consent_given=True,
        booked_by=world.staff,
    )
    ids = {
        citizen.pk,
        casework.pk,
        consultation.pk,
        visit.pk,
        talk.pk,
        follow_up.pk,
        enrollment.pk,
        enrollment.course_id,
        goal.pk,
        application.pk,
        world.nabo.pk,
        world.council.pk,
    }
    return sorted(ids)


def _urls(name, pattern, ids):
    converters = [m["converter"] or "str" for m in _CONVERTER.finditer(pattern)]
    if not converters:
        yield _url_for(name, pattern)[0]
        return
    if set(converters) != {"int"}:
        return
    for pk in ids:
        kwargs = {m["name"]: pk for m in _CONVERTER.finditer(pattern)}
        yield reverse(name, kwargs=kwargs)


@pytest.mark.parametrize(("name", "pattern", "view"), ROUTES, ids=[r[0] for r in ROUTES])
def test_a_page_with_personal_data_is_declared_and_audited_once(
    client, world, records, name, pattern, view
):
    declared = getattr(view, "shows_personal_data", None)
    allowed = set(getattr(view, "allowed_roles", ()) or ()) or set(Role.values)
    for role in sorted(allowed):
        client.force_login(world.persona(role))
        for url in _urls(name, pattern, records):
            before = _last_event()
            response = client.get(url)
            if response.status_code != 200:
                continue
            body = (
                response.content.decode("utf-8", "replace")
                if response.get("Content-Type", "").startswith("text/")
                else ""
            )
            if declared:
                assert _views(before) == 1, f"{url} as {role}: {_views(before)} view events"
                assert "no-store" in response["Cache-Control"]
            else:
                assert NAME not in body, f"{url} as {role} shows a citizen's name undeclared"
