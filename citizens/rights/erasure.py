"""Erasure (art. 17, sletning): anonymisation on request or after the retention period, and the
legal hold that stops it. Every counted row stays, so statistics stay whole."""

import datetime
import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Exists, F, Max, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Greatest
from django.utils import timezone
from django.utils.translation import gettext as _

from astnet import personal_data
from astnet.audit import Action, audit_record
from citizens.follow_up.services import follow_ups_close
from citizens.models import Citizen, Consent, FollowUp
from citizens.rights.models import AnonymisationReason, CitizenPrivacy
from citizens.rights.values import model_or_none

logger = logging.getLogger(__name__)


def legal_hold_set(
    *, citizen: Citizen, hold: bool, reason: str = "", by, request=None
) -> CitizenPrivacy:
    """Put a legal hold on (with a reason) or take it off; a hold stops every anonymisation."""
    with transaction.atomic():
        privacy, _created = CitizenPrivacy.objects.select_for_update().get_or_create(
            citizen=citizen
        )
        if privacy.anonymised_at is not None:
            raise ValidationError(_("Borgeren er allerede anonymiseret."))
        privacy.legal_hold = hold
        privacy.legal_hold_reason = reason.strip() if hold else ""
        privacy.legal_hold_changed_at = timezone.now()
        privacy.legal_hold_changed_by = by
        privacy.full_clean(exclude=["citizen"])
        privacy.save()
        audit_record(
            actor=by,
            action=Action.CHANGE,
            target=privacy,
            request=request,
            detail="legal hold on" if hold else "legal hold off",
        )
    return privacy


# --- erasure: anonymisation --------------------------------------------------------------------


def _end_consents(citizen: Citizen, by) -> None:
    now = timezone.now()
    Consent.objects.filter(citizen=citizen, withdrawn_at__isnull=True).update(
        withdrawn_at=Greatest(Value(now), F("given_at")), withdrawn_recorded_by=by
    )
    follow_ups_close(
        follow_ups=FollowUp.objects.filter(citizen=citizen), reason=FollowUp.CloseReason.ANONYMISED
    )


def anonymise(
    citizen: Citizen, *, by, reason: str = AnonymisationReason.REQUEST, request=None
) -> bool:
    """Remove everything that points at the person and keep what is counted: the district, the
    visits, talks, courses and goals as rows. True if the citizen was anonymised now, False if
    they already were. A legal hold refuses it."""
    with transaction.atomic():
        locked = Citizen.objects.select_for_update().get(pk=citizen.pk)
        privacy, _created = CitizenPrivacy.objects.get_or_create(citizen=locked)
        if privacy.anonymised_at is not None:
            return False
        if privacy.legal_hold:
            raise ValidationError(
                _("Borgeren har et retligt forbehold og kan ikke anonymiseres, før det er ophævet.")
            )
        # Consents are withdrawn first: the one-active-per-partner rule then no longer applies
        # to the partner names the registry renames.
        _end_consents(locked, by)
        # Every declared place, the citizen's own row last; update() rather than save(), so the
        # correction history (itself deleted) never keeps the erased values.
        personal_data.anonymise_rows(locked)
        privacy.anonymised_at = timezone.now()
        privacy.anonymisation_reason = reason
        privacy.save(update_fields=["anonymised_at", "anonymisation_reason"])
        audit_record(
            actor=by, action=Action.DELETE, target=locked, request=request, detail="anonymised"
        )
    citizen.refresh_from_db()
    return True


# --- retention ---------------------------------------------------------------------------------

# Where a citizen's activity shows: (model, path to the citizen, date or time of the activity).
ACTIVITY_SOURCES = (
    ("citizens.visit", "citizen", "day"),
    ("citizens.expectationtalk", "citizen", "held_on"),
    ("citizens.consent", "citizen", "given_at"),
    ("citizens.consent", "citizen", "withdrawn_at"),
    ("citizens.outreach", "citizen", "on"),
    ("citizens.citizenrevision", "citizen", "changed_at"),
    ("citizens.enrollment", "citizen", "created_at"),
    ("citizens.enrollment", "citizen", "end_date"),
    ("citizens.goalrating", "goal__citizen", "rated_on"),
    ("citizens.attendance", "enrollment__citizen", "recorded_at"),
    ("peers.application", "applicant_citizen", "created_at"),
)


def retention_days() -> int:
    return settings.CITIZEN_RETENTION_DAYS


def retention_cutoff(today: datetime.date) -> datetime.date:
    """The first day that still counts as recent: activity on or after it keeps the citizen."""
    return today - datetime.timedelta(days=retention_days())


def _sources():
    for label, path, field_name in ACTIVITY_SOURCES:
        model = model_or_none(label)
        if model is not None:
            yield model, path, field_name, model._meta.get_field(field_name)


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _not_anonymised() -> Q:
    return ~Q(privacy__anonymised_at__isnull=False)


def retention_candidates(today: datetime.date | None = None) -> QuerySet:
    """Citizens with no activity since the retention cut-off, not anonymised, not on hold."""
    cutoff = retention_cutoff(today or timezone.localdate())
    since = _start_of(cutoff)
    candidates = Citizen.objects.filter(created_at__lt=since).filter(_not_anonymised())
    candidates = candidates.exclude(privacy__legal_hold=True)
    for model, path, field_name, field in _sources():
        bound = since if isinstance(field, models.DateTimeField) else cutoff
        recent = model._default_manager.filter(
            **{path: OuterRef("pk"), f"{field_name}__gte": bound}
        )
        candidates = candidates.filter(~Exists(recent))
    return candidates.order_by("pk")


def with_last_activity(citizens: list[Citizen]) -> list[Citizen]:
    """Sets `last_activity` (a date) on each citizen: the newest of every source."""
    if not citizens:
        return citizens
    latest: dict[int, datetime.date] = {c.pk: timezone.localdate(c.created_at) for c in citizens}
    for model, path, field_name, field in _sources():
        rows = (
            model._default_manager.filter(**{f"{path}__in": citizens})
            .values(path)
            .annotate(newest=Max(field_name))
            .values_list(path, "newest")
        )
        for citizen_id, newest in rows:
            if newest is None:
                continue
            day = timezone.localdate(newest) if isinstance(field, models.DateTimeField) else newest
            latest[citizen_id] = max(latest[citizen_id], day)
    for citizen in citizens:
        citizen.last_activity = latest[citizen.pk]
    return citizens


def anonymise_expired(*, dry_run: bool = False, today: datetime.date | None = None) -> list[int]:
    """The nightly job: anonymise every citizen past the retention period (or, dry run, only
    list them). Each citizen in their own transaction, so one failure stops no others."""
    ids = list(retention_candidates(today).values_list("pk", flat=True))
    if dry_run:
        return ids
    done = []
    for citizen in Citizen.objects.filter(pk__in=ids):
        try:
            if anonymise(citizen, by=None, reason=AnonymisationReason.RETENTION):
                done.append(citizen.pk)
        except ValidationError:
            # A legal hold put on since the list was read: the hold wins.
            logger.info("citizen %s not anonymised: legal hold", citizen.pk)
    return done
