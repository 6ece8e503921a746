"""Writes about citizens: check-in (fremmøde), head counts, citizens, consent and talks.

Each function runs in one transaction and writes its audit event there; none puts personal data
(names, notes, CPR) into the audit detail.
"""

import datetime

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from astnet import access
from astnet.audit import Action, audit_record
from citizens import cpr
from citizens.follow_up.services import (
    follow_ups_close,
    follow_ups_close_by_visit,
    follow_ups_reopen_for_visit,
)
from citizens.models import (
    AnonymousVisits,
    Citizen,
    Consent,
    ExpectationTalk,
    FollowUp,
    Visit,
)
from citizens.rights.history import record_changes, snapshot
from citizens.selectors import attendance_offers
from offers.models import Offer

UNDO_WINDOW = datetime.timedelta(minutes=1)


def _refuse_future(day: datetime.date, field: str) -> None:
    if day > timezone.localdate():
        raise ValidationError(
            {field: _("Datoen ligger i fremtiden. Vælg i dag eller en tidligere dato.")}
        )


def visit_check_in(
    *,
    offer: Offer,
    citizen: Citizen,
    by,
    day: datetime.date | None = None,
    request=None,
    follow_up_open: bool = True,
) -> tuple[Visit, bool]:
    """Record that `citizen` came to `offer` on `day` (today by default); returns the visit and
    whether this call stored it. A second check-in the same day, from a double click or a
    colleague's tablet, returns the visit already there. A stored visit closes the citizen's open
    follow-up at the offer (issue 19); `follow_up_open` False, from a caller that has just read
    that there is none (`selectors.citizen_to_check_in`), skips looking (issue 22). Raises
    ValidationError for a future day."""
    day = day or timezone.localdate()
    _refuse_future(day, "day")
    visit = Visit(citizen=citizen, offer=offer, day=day, recorded_by=by, created_at=timezone.now())
    with transaction.atomic():
        created = _insert_unless_there(visit)
        if created:
            if follow_up_open:
                follow_ups_close_by_visit(visit)
            audit_record(actor=by, action=Action.CREATE, target=visit, request=request)
        else:
            visit = Visit.objects.get(citizen=citizen, offer=offer, day=day)
    return visit, created


def _insert_unless_there(visit: Visit) -> bool:
    """One INSERT … ON CONFLICT DO NOTHING RETURNING id, where get_or_create takes a SELECT, a
    SAVEPOINT, an INSERT and a RELEASE (issue 22). The unique constraint on (citizen, offer, day)
    decides between concurrent check-ins. True, and `visit.pk` set, when this call stored it.
    (bulk_create(ignore_conflicts=True) would not say whether the row was stored.)"""
    ops = connection.ops
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {Visit._meta.db_table} (citizen_id, offer_id, day, created_at, "  # noqa: S608  # nosec B608 - table name from the model, values bound
            "recorded_by_id) VALUES (%s, %s, %s, %s, %s) "
            "ON CONFLICT (citizen_id, offer_id, day) DO NOTHING RETURNING id",
            [
                visit.citizen_id,
                visit.offer_id,
                ops.adapt_datefield_value(visit.day),
                ops.adapt_datetimefield_value(visit.created_at),
                visit.recorded_by_id,
            ],
        )
        row = cursor.fetchone()
    if row is None:
        return False
    visit.pk = row[0]
    visit._state.adding = False
    return True


def visit_undo(*, visit: Visit, by, request=None) -> None:
    """Take back a check-in made by mistake, within a minute of making it."""
    if timezone.now() - visit.created_at > UNDO_WINDOW:
        raise ValidationError(_("Fremmødet kan kun fortrydes det første minut."))
    with transaction.atomic():
        audit_record(actor=by, action=Action.DELETE, target=visit, request=request)
        follow_ups_reopen_for_visit(visit)
        visit.delete()


def anonymous_visits_adjust(
    *, offer: Offer, day: datetime.date, change: int, by, request=None
) -> AnonymousVisits:
    """Add or take one from the day's head count; it never goes below zero."""
    if change not in (1, -1):
        raise ValidationError(_("Antallet kan kun ændres med én ad gangen."))
    _refuse_future(day, "day")
    with transaction.atomic():
        # The unique constraint and get_or_create's IntegrityError handling keep one row a day.
        counter, _created = AnonymousVisits.objects.get_or_create(offer=offer, day=day)
        # One UPDATE with F(): concurrent taps add up instead of overwriting each other.
        AnonymousVisits.objects.filter(pk=counter.pk, count__gte=-change).update(
            count=F("count") + change
        )
        counter.refresh_from_db()
        audit_record(actor=by, action=Action.CHANGE, target=counter, request=request)
    return counter


CPR_ATTEMPTS_PER_HOUR = 30


def citizen_cpr_match(
    *, by, number: str, citizen: Citizen | None = None, request=None
) -> Citizen | None:
    """The citizen in `by`'s scope (other than `citizen`) with this CPR number, or None.

    Issue 16: a number held by a citizen outside the scope answers None like an unknown one, so
    nobody can test whether a number exists in the city. Every attempt writes an audit event (its
    detail says whether the scope held a match, never the number) and a user gets
    CPR_ATTEMPTS_PER_HOUR attempts an hour. Raises ValidationError on a malformed number or when
    the limit is reached.
    """
    normalised = cpr.normalise(number)
    key = f"cpr-attempts:{by.pk}:{timezone.now():%Y%m%d%H}"
    cache.add(key, 0, timeout=3600)
    attempts = cache.incr(key)
    if attempts > CPR_ATTEMPTS_PER_HOUR:
        audit_record(
            actor=by,
            action=Action.CPR_MATCH,
            object_type="citizens.citizen",
            object_id=citizen.pk if citizen and citizen.pk else "",
            request=request,
            detail="refused: too many attempts this hour",
        )
        raise ValidationError(
            {"cpr": _("Du har prøvet for mange CPR-numre den seneste time. Prøv igen senere.")}
        )
    match = (
        access.scope(by, Citizen)
        .filter(cpr_hash=cpr.lookup_hash(normalised))
        .exclude(pk=citizen.pk if citizen else None)
        .first()
    )
    audit_record(
        actor=by,
        action=Action.CPR_MATCH,
        object_type="citizens.citizen",
        object_id=match.pk if match else (citizen.pk if citizen and citizen.pk else ""),
        request=request,
        detail="match in scope" if match else "no match in scope",
    )
    return match


def _store_cpr(citizen: Citizen, number: str, *, by, request=None) -> None:
    match = citizen_cpr_match(by=by, number=number, citizen=citizen, request=request)
    if match is not None:
        raise ValidationError(
            {
                "cpr": _(
                    "CPR-nummeret er allerede registreret hos %(name)s (borger nr. %(number)s)."
                )
                % {"name": match.chosen_name, "number": match.pk}
            }
        )
    normalised = cpr.normalise(number)
    citizen.cpr_hash = cpr.lookup_hash(normalised)
    citizen.cpr_encrypted = cpr.encrypt(normalised)


def citizen_create(
    *, by, chosen_name: str, home_offers, cpr_number: str = "", request=None, **fields
) -> Citizen:
    """A new citizen, a regular at `home_offers` (so the staff who created them keep seeing them)."""
    citizen = Citizen(chosen_name=chosen_name.strip(), **fields)
    if cpr_number:
        _store_cpr(citizen, cpr_number, by=by, request=request)
    citizen.full_clean()
    with transaction.atomic():
        citizen.save()
        citizen.home_offers.set(home_offers)
        audit_record(actor=by, action=Action.CREATE, target=citizen, request=request)
    return citizen


def citizen_arrive(
    *, by, chosen_name: str, offer: Offer, confirmed_new: bool = False, request=None
) -> Citizen:
    """A new citizen at the door: created by chosen name as a regular here, and checked in.

    Unless `confirmed_new` (staff have seen them and say this is someone else), a regular of
    `offer` with the same chosen name refuses it: ValidationError with code "same_name" (issue 19,
    no duplicate by one tap). A name of fewer than two letters is refused too."""
    name = chosen_name.strip()
    if (
        not confirmed_new
        and Citizen.objects.filter(chosen_name__iexact=name, home_offers=offer).exists()
    ):
        raise ValidationError(
            {
                "chosen_name": ValidationError(
                    _("Der er allerede en borger, der hedder »%(name)s«, på tilbuddet.")
                    % {"name": name},
                    code="same_name",
                )
            }
        )
    with transaction.atomic():
        citizen = citizen_create(
            by=by, chosen_name=chosen_name, home_offers=[offer], request=request
        )
        visit_check_in(offer=offer, citizen=citizen, by=by, request=request)
    return citizen


def citizen_update(
    *, citizen: Citizen, by, home_offers=None, cpr_number: str = "", request=None, **fields
) -> Citizen:
    """Change `citizen`'s fields (and home offers, when given) as `by`; a new CPR number replaces
    the stored one. Writes the correction history (art. 16) naming `by`, and the audit event.
    Raises ValidationError (nothing saved) on invalid values or a CPR number another citizen has."""
    # From the stored row, not the object passed in: a bound form may have changed that already.
    before = snapshot(
        Citizen.objects.select_related("district", "contact_person").get(pk=citizen.pk)
    )
    for name, value in fields.items():
        setattr(citizen, name, value)
    if not citizen.wants_contact:
        citizen.phone, citizen.email = "", ""
    if cpr_number:
        _store_cpr(citizen, cpr_number, by=by, request=request)
    citizen.full_clean()
    with transaction.atomic():
        citizen.save()
        if home_offers is not None:
            # The form offers only the editor's own offers: home offers elsewhere were not shown,
            # so they stay (issue 16: an edit changes only what the form showed).
            unseen = citizen.home_offers.exclude(pk__in=attendance_offers(by).values("pk"))
            citizen.home_offers.set([*unseen, *home_offers])
        # The revision history (art. 16) names who made each change.
        record_changes(citizen, before, snapshot(citizen), by=by)
        audit_record(actor=by, action=Action.CHANGE, target=citizen, request=request)
    return citizen


def consent_give(
    *, citizen: Citizen, kind: str, by, partner_name: str = "", request=None
) -> Consent:
    consent = Consent(
        citizen=citizen,
        kind=kind,
        partner_name=partner_name.strip() if kind == Consent.Kind.PARTNER else "",
        recorded_by=by,
    )
    consent.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            consent.save()
            audit_record(actor=by, action=Action.CREATE, target=consent, request=request)
    except IntegrityError as error:
        raise ValidationError(_("Borgeren har allerede givet dette samtykke.")) from error
    return consent


def consent_withdraw(*, consent: Consent, by, request=None) -> Consent:
    """Withdrawal takes effect at once: a follow-up it allowed leaves the list now, not tonight."""
    if consent.withdrawn_at is not None:
        raise ValidationError(_("Samtykket er allerede trukket tilbage."))
    with transaction.atomic():
        consent.withdrawn_at = timezone.now()
        consent.withdrawn_recorded_by = by
        consent.save(update_fields=["withdrawn_at", "withdrawn_recorded_by"])
        if consent.kind == Consent.Kind.FOLLOW_UP:
            follow_ups_close(
                follow_ups=FollowUp.objects.filter(citizen=consent.citizen),
                reason=FollowUp.CloseReason.CONSENT_WITHDRAWN,
            )
        audit_record(actor=by, action=Action.CHANGE, target=consent, request=request)
    return consent


def talk_record(
    *,
    citizen: Citizen,
    offer: Offer,
    by,
    contact_person=None,
    contact_phone: str = "",
    contact_email: str = "",
    request=None,
    **fields,
) -> ExpectationTalk:
    """Record a forventningssamtale; a yes to follow-up becomes a consent, and an agreed contact
    person becomes the citizen's. With the yes comes how the citizen wants to be reached: the
    citizen then wants contact, and the phone number or e-mail address given goes on their record
    (issue 20). Raises ValidationError for a talk the model refuses."""
    talk = ExpectationTalk(citizen=citizen, offer=offer, staff=by, **fields)
    _refuse_future(talk.held_on, "held_on")
    talk.full_clean()
    with transaction.atomic():
        talk.save()
        audit_record(actor=by, action=Action.CREATE, target=talk, request=request)
        if (
            talk.follow_up_consent_given
            and not citizen.consents.filter(
                kind=Consent.Kind.FOLLOW_UP, withdrawn_at__isnull=True
            ).exists()
        ):
            consent_give(citizen=citizen, kind=Consent.Kind.FOLLOW_UP, by=by, request=request)
        before = snapshot(citizen)
        changed = []
        if talk.contact_person_agreed and contact_person is not None:
            citizen.contact_person = contact_person
            changed.append("contact_person")
        if talk.follow_up_consent_given and talk.contact_method:
            citizen.wants_contact = True
            changed.append("wants_contact")
            if contact_phone:
                citizen.phone = contact_phone
                changed.append("phone")
            if contact_email:
                citizen.email = contact_email
                changed.append("email")
        if changed:
            citizen.save(update_fields=changed)
            record_changes(citizen, before, snapshot(citizen), by=by)
            audit_record(actor=by, action=Action.CHANGE, target=citizen, request=request)
    return talk
