"""Booking a citizen into outreach casework hours (issue 21 part 4)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from astnet.audit import Action, audit_record
from citizens.outreach.models import CaseworkHours, Consultation


@transaction.atomic
def consultation_book(
    *, hours: CaseworkHours, day: datetime.date, citizen, consent_given: bool, by, request=None
) -> Consultation:
    """Book `citizen` into `hours` on `day` (a date on the hours' weekday). Raises ValidationError
    without the citizen's consent, on another weekday, or when the citizen is already booked."""
    if not consent_given:
        raise ValidationError(_("Borgeren skal give samtykke, før der kan bookes en tid."))
    if day.weekday() != hours.weekday:
        raise ValidationError(
            _("Datoen skal være en %(weekday)s.") % {"weekday": hours.get_weekday_display()}
        )
    try:
        with transaction.atomic():
            consultation = Consultation.objects.create(
                hours=hours, day=day, citizen=citizen, consent_given=True, booked_by=by
            )
    except IntegrityError as error:
        raise ValidationError(_("Borgeren er allerede booket til denne tid.")) from error
    audit_record(actor=by, action=Action.CREATE, target=consultation, request=request)
    return consultation


@transaction.atomic
def consultation_cancel(*, consultation: Consultation, by, request=None) -> None:
    """Cancel a booking: the row goes, so the slot is free again and the consultation is never
    counted. Audited as a deletion (the audit names the booking, never the citizen)."""
    audit_record(actor=by, action=Action.DELETE, target=consultation, request=request)
    consultation.delete()
