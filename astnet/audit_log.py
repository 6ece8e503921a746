"""The audit log (issue 16, part 5): filters, readable object names and an export of the filtered
rows that is itself audited. The data-protection officer reads the whole city's; a centre leader
their district's (which events: `astnet.access._audit_events`), with the names of only those
objects the leader may read themselves."""

import csv
import io
from collections import defaultdict
from collections.abc import Iterable

import django_filters
from django import forms
from django.apps import apps
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from astnet import access
from astnet.exports import spreadsheet_text
from astnet.forms import DkfdsFormMixin
from astnet.models import AuditEvent

CITIZEN = "citizens.citizen"


def _object_types() -> list[tuple[str, str]]:
    """Every model of the project as (label, readable name), for the object-type filter."""
    return sorted(
        (
            (model._meta.label_lower, f"{model._meta.verbose_name} ({model._meta.label_lower})")
            for model in apps.get_models()
        ),
        key=lambda choice: choice[1],
    )


class AuditFilterForm(DkfdsFormMixin, forms.Form):
    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("from_date"), cleaned.get("to_date")
        if start and end and end < start:
            self.add_error(
                "to_date",
                gettext_lazy("Slutdatoen skal være samme dag som eller efter startdatoen."),
            )
        return cleaned


class AuditEventFilter(django_filters.FilterSet):
    """What the reader narrows the log by; every field optional. Pass `request`: a chosen name is
    looked up among the citizens its user may read."""

    user = django_filters.CharFilter(
        label=gettext_lazy("Bruger (brugernavn)"), method="filter_user"
    )
    citizen = django_filters.CharFilter(
        label=gettext_lazy("Borger (nummer eller kaldenavn)"), method="filter_citizen"
    )
    action = django_filters.ChoiceFilter(
        label=gettext_lazy("Handling"), choices=AuditEvent.Action.choices
    )
    object_type = django_filters.ChoiceFilter(
        label=gettext_lazy("Objekttype"), choices=_object_types
    )
    from_date = django_filters.DateFilter(
        label=gettext_lazy("Fra dato"),
        field_name="at",
        lookup_expr="date__gte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    to_date = django_filters.DateFilter(
        label=gettext_lazy("Til dato"),
        field_name="at",
        lookup_expr="date__lte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = AuditEvent
        fields: list[str] = []
        form = AuditFilterForm

    def filter_user(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(actor__username__iexact=value.strip())

    def filter_citizen(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        """A number is the citizen's id; anything else is matched in chosen names (several
        citizens can share one)."""
        value = value.strip()
        if value.isdigit():
            ids = [value]
        else:
            citizens = _readable(self.request.user, apps.get_model(CITIZEN))
            ids = [
                str(pk)
                for pk in citizens.filter(chosen_name__icontains=value).values_list(
                    "pk", flat=True
                )[:500]
            ]
        return queryset.filter(object_type=CITIZEN, object_id__in=ids)


def _readable(user, model) -> QuerySet:
    """The rows of `model` whose names `user` may read in the log: all for the data-protection
    officer, else the user's own scope (a leader learns no name outside the district)."""
    if access.audit_log_is_whole(user):
        return model._default_manager.all()
    return access.scope(user, model)


def object_names(events: Iterable[AuditEvent], user) -> dict[tuple[str, str], str]:
    """A readable name per (object_type, object_id): "Borger 152 (Zyxwort)", one query per object
    type on the page. For the data-protection officer an object deleted since reads "… (slettet)";
    for anyone else an object outside their scope (or deleted) reads "Borger 152", so the log tells
    a leader nothing their own pages would not. An unknown type stays as stored."""
    wanted: dict[str, set[str]] = defaultdict(set)
    for event in events:
        if event.object_type and event.object_id:
            wanted[event.object_type].add(event.object_id)
    names = {}
    for label, ids in wanted.items():
        try:
            model = apps.get_model(label)
        except (LookupError, ValueError):
            continue
        numeric = {int(pk): pk for pk in ids if pk.isdigit()}
        found = _readable(user, model).in_bulk(list(numeric))
        whole = access.audit_log_is_whole(user)
        kind = str(model._meta.verbose_name).capitalize()
        for number, pk in numeric.items():
            obj = found.get(number)
            if obj is not None:
                names[(label, pk)] = f"{kind} {pk} ({obj})"
            else:
                names[(label, pk)] = f"{kind} {pk} ({_('slettet')})" if whole else f"{kind} {pk}"
    return names


def with_object_names(events: list[AuditEvent], user) -> list[AuditEvent]:
    """`events`, each given `object_name` as `object_names` reads it for `user`."""
    names = object_names(events, user)
    for event in events:
        event.object_name = names.get(
            (event.object_type, event.object_id), f"{event.object_type} {event.object_id}".strip()
        )
    return events


def as_csv(events: QuerySet, user) -> bytes:
    """The filtered rows as CSV (semicolons and a byte-order mark, as Danish Excel opens it), with
    object names as `user` may read them."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(
        [_("Tidspunkt"), _("Bruger"), _("Handling"), _("Objekt"), _("IP-adresse"), _("Detalje")]
    )
    for chunk in _chunks(events.select_related("actor"), 2000):
        for event in with_object_names(chunk, user):
            writer.writerow(
                [
                    spreadsheet_text(value)
                    for value in (
                        event.at.isoformat(),
                        event.actor.get_username() if event.actor else "",
                        event.get_action_display(),
                        event.object_name,
                        event.ip_address or "",
                        event.detail,
                    )
                ]
            )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _chunks(queryset: QuerySet, size: int):
    chunk = []
    for event in queryset.iterator(chunk_size=size):
        chunk.append(event)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
