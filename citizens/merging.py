"""Merging a duplicate citizen (dublet) into the record that stays (issue 19): staff-led, audited,
and nothing about the person is lost.

Every relation to `Citizen` in every installed app is found from the model meta
(`citizen_relations`) and must have a handler in `HANDLERS`; a new model pointing at citizens
without one stops every merge (ImproperlyConfigured) and fails the test that walks them, so no
visit, consent, talk, goal, enrolment, follow-up, application or history entry can be forgotten.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from astnet.audit import Action, audit_record
from citizens.follow_up.services import follow_ups_close
from citizens.models import Citizen, Consent, FollowUp, Visit
from citizens.rights.history import record_changes, snapshot


@dataclass(frozen=True)
class Relation:
    """One way a row points at a citizen: `field` on `model` (a FK, one-to-one or many-to-many)."""

    model: type[models.Model]
    field: models.Field

    @property
    def key(self) -> str:
        return f"{self.model._meta.label_lower}.{self.field.name}"

    def rows(self, citizen: Citizen) -> models.QuerySet:
        if self.field.many_to_many:
            return getattr(citizen, self.field.name).all()
        return self.model._default_manager.filter(**{self.field.name: citizen})


def citizen_relations() -> list[Relation]:
    """Every field in every installed model that points at Citizen, and Citizen's own
    many-to-many fields (its home offers). Related names like "+" are found too."""
    found = [
        Relation(model, field)
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if field.concrete and field.is_relation and field.related_model is Citizen
    ]
    found += [Relation(Citizen, field) for field in Citizen._meta.many_to_many]
    return sorted(found, key=lambda relation: relation.key)


Handler = Callable[[Relation, Citizen, Citizen, object], int]


def _move(relation: Relation, keep: Citizen, duplicate: Citizen, by) -> int:
    return relation.rows(duplicate).update(**{relation.field.name: keep})


def _move_visits(relation: Relation, keep: Citizen, duplicate: Citizen, by) -> int:
    # Checked in under both records on the same day at the same offer: that is one visit.
    same_day = Visit.objects.filter(
        citizen=keep, offer=models.OuterRef("offer"), day=models.OuterRef("day")
    )
    relation.rows(duplicate).filter(models.Exists(same_day)).delete()
    return _move(relation, keep, duplicate, by)


def _kept_by_triggers(relation: Relation, keep: Citizen, duplicate: Citizen, by) -> int:
    # The visit months follow the visits: moving (or deleting) a visit moves its month's day in
    # the database trigger (citizens/visit_months/sql.py), so there is nothing to do here.
    return 0


def _move_consents(relation: Relation, keep: Citizen, duplicate: Citizen, by) -> int:
    # One active consent per kind (and partner): where both records have it, the kept record's
    # stays active and the duplicate's ends today, so its history (given when, by whom) is kept.
    kept_active = Consent.objects.filter(
        citizen=keep,
        withdrawn_at__isnull=True,
        kind=models.OuterRef("kind"),
        partner_name=models.OuterRef("partner_name"),
    )
    relation.rows(duplicate).filter(withdrawn_at__isnull=True).filter(
        models.Exists(kept_active)
    ).update(withdrawn_at=timezone.now(), withdrawn_recorded_by=by)
    return _move(relation, keep, duplicate, by)


def _move_follow_ups(relation: Relation, keep: Citizen, duplicate: Citizen, by) -> int:
    # One open follow-up per citizen and offer: the duplicate's closes as merged.
    kept_open = FollowUp.objects.filter(
        citizen=keep, closed_at__isnull=True, offer=models.OuterRef("offer")
    )
    follow_ups_close(
        follow_ups=relation.rows(duplicate).filter(models.Exists(kept_open)),
        reason=FollowUp.CloseReason.MERGED,
    )
    return _move(relation, keep, duplicate, by)


def _move_privacy(relation: Relation, keep: Citizen, duplicate: Citizen, by) -> int:
    """A legal hold on either record holds the merged one; anonymised records never merge (the
    merge refuses them first)."""
    privacy = relation.rows(duplicate).first()
    if privacy is None:
        return 0
    kept = relation.model._default_manager.filter(**{relation.field.name: keep}).first()
    if kept is None:
        return _move(relation, keep, duplicate, by)
    if privacy.legal_hold and not kept.legal_hold:
        for name in (
            "legal_hold",
            "legal_hold_reason",
            "legal_hold_changed_at",
            "legal_hold_changed_by",
        ):
            setattr(kept, name, getattr(privacy, name))
        kept.save()
    privacy.delete()
    return 1


def _add_home_offers(relation: Relation, keep: Citizen, duplicate: Citizen, by) -> int:
    offers = list(relation.rows(duplicate))
    getattr(keep, relation.field.name).add(*offers)
    getattr(duplicate, relation.field.name).clear()
    return len(offers)


# Every relation to Citizen, by "<model label>.<field>". Enrolments, applications, goals, talks,
# outreach, revisions and peer-mentor records simply move; the ones with a rule of one per
# citizen say how two become one.
HANDLERS: dict[str, Handler] = {
    "citizens.visit.citizen": _move_visits,
    "citizens.visitmonth.citizen": _kept_by_triggers,
    "citizens.consent.citizen": _move_consents,
    "citizens.expectationtalk.citizen": _move,
    "citizens.enrollment.citizen": _move,
    "citizens.goal.citizen": _move,
    "citizens.followup.citizen": _move_follow_ups,
    "citizens.outreach.citizen": _move,
    "citizens.consultation.citizen": _move,
    "citizens.citizenprivacy.citizen": _move_privacy,
    "citizens.citizenrevision.citizen": _move,
    "citizens.citizen.home_offers": _add_home_offers,
    "peers.application.applicant_citizen": _move,
    "peers.peermentor.citizen": _move,
}


def _plan() -> list[tuple[Relation, Handler]]:
    relations = citizen_relations()
    missing = [relation.key for relation in relations if relation.key not in HANDLERS]
    if missing:
        raise ImproperlyConfigured(
            f"citizens.merging.HANDLERS does not say how to merge: {', '.join(missing)}"
        )
    return [(relation, HANDLERS[relation.key]) for relation in relations]


def _is_anonymised(citizen: Citizen) -> bool:
    return Citizen.objects.filter(pk=citizen.pk, privacy__anonymised_at__isnull=False).exists()


def merge_refusal(*, keep: Citizen, duplicate: Citizen) -> str:
    """Why these two cannot be merged, in Danish for staff, or "" when they can."""
    if keep.pk == duplicate.pk:
        return _("Vælg en anden borger end den, der skal beholdes.")
    if _is_anonymised(keep) or _is_anonymised(duplicate):
        return _("En anonymiseret borger kan ikke lægges sammen med en anden.")
    if keep.cpr_hash and duplicate.cpr_hash and keep.cpr_hash != duplicate.cpr_hash:
        return _("De to borgere har forskellige CPR-numre, så det er ikke den samme person.")
    both = (
        keep.enrollments.filter(course__enrollments__citizen=duplicate)
        .select_related("course")
        .first()
    )
    if both is not None:
        return _(
            "Begge borgere er tilmeldt forløbet »%(course)s«. Afslut den ene tilmelding først."
        ) % {"course": both.course.title}
    return ""


def merge_preview(*, keep: Citizen, duplicate: Citizen) -> list[tuple[str, int]]:
    """What moves from the duplicate: (the rows' Danish plural name, how many) for each relation
    with rows, for the confirmation page."""
    preview = []
    for relation, _handler in _plan():
        count = relation.rows(duplicate).count()
        if count:
            meta = relation.field.related_model._meta if relation.field.many_to_many else None
            name = (meta or relation.model._meta).verbose_name_plural
            preview.append((str(name), count))
    return preview


def _fill_blanks(keep: Citizen, duplicate: Citizen) -> None:
    """What the kept record lacks and the duplicate knows; the kept record's own values win."""
    for name in ("birth_year", "district_id", "contact_person_id"):
        if getattr(keep, name) is None:
            setattr(keep, name, getattr(duplicate, name))
    if not keep.wants_contact and duplicate.wants_contact:
        keep.wants_contact, keep.phone, keep.email = True, duplicate.phone, duplicate.email
    keep.challenges = list(dict.fromkeys([*keep.challenges, *duplicate.challenges]))
    if duplicate.cpr_hash and not keep.cpr_hash:
        keep.cpr_hash, keep.cpr_encrypted = duplicate.cpr_hash, duplicate.cpr_encrypted


def citizen_merge(*, keep: Citizen, duplicate: Citizen, by, request=None) -> dict[str, int]:
    """Move everything about `duplicate` to `keep`, fill `keep`'s blank fields from it, and
    delete the duplicate record. One transaction; both rows locked. Writes the correction history
    of `keep` and audit events for both (ids only, no names). Returns rows moved per relation key.

    Raises ValidationError (nothing changed) for the reasons in `merge_refusal`, and
    ImproperlyConfigured when a relation to Citizen has no handler."""
    plan = _plan()
    with transaction.atomic():
        locked = Citizen.objects.select_for_update().filter(pk__in=[keep.pk, duplicate.pk])
        rows = {citizen.pk: citizen for citizen in locked.order_by("pk")}
        keep, duplicate = rows[keep.pk], rows[duplicate.pk]
        refusal = merge_refusal(keep=keep, duplicate=duplicate)
        if refusal:
            raise ValidationError(refusal)
        before = snapshot(keep)
        _fill_blanks(keep, duplicate)
        if duplicate.cpr_hash:
            # One record keeps the CPR number: the duplicate lets go of it as the kept one takes it.
            Citizen.objects.filter(pk=duplicate.pk).update(cpr_hash=None, cpr_encrypted="")
        moved = {relation.key: handler(relation, keep, duplicate, by) for relation, handler in plan}
        keep.full_clean()
        keep.save()
        record_changes(keep, before, snapshot(keep), by=by)
        left = [relation.key for relation, _handler in plan if relation.rows(duplicate).exists()]
        if left:
            raise ImproperlyConfigured(f"merge left rows behind: {', '.join(left)}")
        audit_record(
            actor=by,
            action=Action.CHANGE,
            target=keep,
            request=request,
            detail=f"merged citizen {duplicate.pk} into this",
        )
        audit_record(
            actor=by,
            action=Action.DELETE,
            object_type=Citizen._meta.label_lower,
            object_id=duplicate.pk,
            request=request,
            detail=f"merged into citizen {keep.pk}",
        )
        duplicate.delete()
    return moved
