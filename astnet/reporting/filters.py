"""The dashboards' filters (period, track, offer), kept in the URL so a view can be shared."""

import datetime

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from astnet.figures import Period
from astnet.formats import format_date
from astnet.forms import DkfdsFormMixin
from offers.models import Offer, Track

# A period longer than this would make the weekly table unreadable and the report very long.
LONGEST_PERIOD = datetime.timedelta(days=3 * 366)


# Periods are counted from the first plan's time on and at most a few years ahead; outside
# these a date (year 1, year 9999) would break the comparison with the year before (issue 18).
EARLIEST_DAY = datetime.date(2000, 1, 1)
LATEST_AHEAD = datetime.timedelta(days=5 * 366)


def check_period(form: forms.Form, cleaned: dict) -> None:
    """The period's end may not come before its start, nor be years away, and both ends lie
    from EARLIEST_DAY to LATEST_AHEAD after today (shared by the report form). Errors are Danish
    form errors on the field."""
    start, end = cleaned.get("period_from"), cleaned.get("period_to")
    last = timezone.localdate() + LATEST_AHEAD
    for name, day in (("period_from", start), ("period_to", end)):
        if day is not None and not EARLIEST_DAY <= day <= last:
            form.add_error(
                name,
                _("Vælg en dato mellem %(first)s og %(last)s.")
                % {
                    "first": format_date(EARLIEST_DAY),
                    "last": format_date(last),
                },
            )
            return
    if not (start and end):
        return
    if end < start:
        form.add_error(
            "period_to", _("Slutdatoen skal være samme dag som eller efter startdatoen.")
        )
    elif end - start > LONGEST_PERIOD:
        form.add_error("period_to", _("Vælg en periode på højst tre år."))


class DashboardFilterForm(DkfdsFormMixin, forms.Form):
    def clean(self):
        cleaned = super().clean()
        check_period(self, cleaned)
        return cleaned


def default_period(today: datetime.date | None = None) -> Period:
    """From New Year to today: the year so far, compared with the same part of last year."""
    today = today or timezone.localdate()
    return Period(today.replace(month=1, day=1), today)


def _no_op(queryset, name, value):
    # The period is not a filter on offers: the figures count visits inside it.
    return queryset


class PeriodFilter(django_filters.FilterSet):
    """The period every dashboard counts in; it filters no rows itself."""

    period_from = django_filters.DateFilter(
        label=_("Periode fra"),
        required=True,
        method=_no_op,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    period_to = django_filters.DateFilter(
        label=_("Periode til"),
        required=True,
        method=_no_op,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    class Meta:
        model = Offer
        fields = ["period_from", "period_to"]
        form = DashboardFilterForm

    @property
    def period(self) -> Period:
        """The chosen period; call only when the filter is valid."""
        data = self.form.cleaned_data
        return Period(data["period_from"], data["period_to"])


class DashboardFilter(PeriodFilter):
    """Narrows the offers a district dashboard counts to one track or one offer."""

    track = django_filters.ModelChoiceFilter(
        label=_("Fagligt spor"),
        queryset=Track.objects.order_by("name"),
        empty_label=_("Alle spor"),
    )
    offer = django_filters.ModelChoiceFilter(
        label=_("Tilbud"),
        queryset=Offer.objects.none(),
        empty_label=_("Alle tilbud"),
        method="filter_offer",
    )

    class Meta:
        model = Offer
        fields = ["period_from", "period_to", "track", "offer"]
        form = DashboardFilterForm

    def __init__(self, data=None, queryset=None, **kwargs):
        super().__init__(data, queryset=queryset, **kwargs)
        # Only the district's own offers can be chosen.
        self.filters["offer"].queryset = queryset.order_by("name")
        self.form.fields["offer"].queryset = queryset.order_by("name")

    def filter_offer(self, queryset, name, offer):
        return queryset.filter(pk=offer.pk)


def filter_data(query: dict) -> dict:
    """The query string with the default period filled in where it is left out."""
    data = query.copy()
    default = default_period()
    if not data.get("period_from"):
        data["period_from"] = default.start.isoformat()
    if not data.get("period_to"):
        data["period_to"] = default.end.isoformat()
    return data
