"""The filters of the public lists: the same questions for offers (/tilbud/) and activities (/program/)."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from astnet.forms import DkfdsFormMixin
from astnet.municipality import ALL_AREAS_LABEL, AREA_LABEL
from offers.models import Activity, District, Offer, OpeningHours, TargetGroup, Track, Weekday
from offers.selectors import hours_valid_on_q, open_at_condition


class FilterForm(DkfdsFormMixin, forms.Form):
    pass


class _CommonFilters(django_filters.FilterSet):
    """Filters both lists share; `offer_path` is how the filtered model reaches its offer."""

    offer_path = ""

    bydel = django_filters.ModelChoiceFilter(
        label=AREA_LABEL,
        queryset=District.objects.all(),
        to_field_name="slug",
        empty_label=ALL_AREAS_LABEL,
        method="filter_district",
    )
    spor = django_filters.ModelChoiceFilter(
        label=_("Fagligt spor"),
        queryset=Track.objects.all(),
        to_field_name="slug",
        empty_label=_("Alle spor"),
        method="filter_track",
    )
    profil = django_filters.ChoiceFilter(
        label=_("Profil"),
        choices=Offer.Profile.choices,
        empty_label=_("Alle profiler"),
        method="filter_profile",
    )
    maalgruppe = django_filters.ModelChoiceFilter(
        label=_("Målgruppe"),
        queryset=TargetGroup.objects.all(),
        to_field_name="slug",
        empty_label=_("Alle målgrupper"),
        method="filter_target_group",
    )
    niveaufri = django_filters.BooleanFilter(
        label=_("Kun med niveaufri adgang"),
        widget=forms.CheckboxInput,
        method="filter_step_free",
    )

    class Meta:
        form = FilterForm
        fields: list[str] = []

    def _offer(self, lookup: str) -> str:
        return f"{self.offer_path}{lookup}"

    # A ticked box narrows the list; an unticked one leaves it whole (never "only the others").
    def filter_step_free(self, queryset, name, value):
        return queryset.filter(**{self._offer("step_free"): True}) if value else queryset

    def filter_district(self, queryset, name, value):
        return queryset.filter(**{self._offer("district"): value})

    def filter_track(self, queryset, name, value):
        return queryset.filter(**{self._offer("track"): value})

    def filter_profile(self, queryset, name, value):
        # An offer with both profiles answers both questions.
        return queryset.filter(**{f"{self._offer('profile')}__in": [value, Offer.Profile.BOTH]})

    def filter_target_group(self, queryset, name, value):
        # A subquery, not a join, so an offer with several groups is not listed twice.
        offers = Offer.objects.filter(target_groups=value).values("pk")
        return queryset.filter(**{f"{self._offer('pk')}__in": offers})


class OfferFilter(_CommonFilters):
    aaben_nu = django_filters.BooleanFilter(
        label=_("Kun tilbud, der har åbent nu"),
        widget=forms.CheckboxInput,
        method="filter_open_now",
    )
    ugedag = django_filters.ChoiceFilter(
        label=_("Åbent om"),
        choices=Weekday.choices,
        empty_label=_("Alle ugedage"),
        method="filter_weekday",
    )

    class Meta(_CommonFilters.Meta):
        model = Offer

    def filter_open_now(self, queryset, name, value):
        return queryset.filter(open_at_condition(timezone.localtime())) if value else queryset

    def filter_weekday(self, queryset, name, value):
        hours = OpeningHours.objects.filter(
            hours_valid_on_q(timezone.localdate()), weekday=int(value)
        )
        return queryset.filter(pk__in=hours.values("offer"))


class ActivityFilter(_CommonFilters):
    offer_path = "offer__"

    slags = django_filters.ChoiceFilter(
        label=_("Slags aktivitet"),
        choices=Activity.Kind.choices,
        empty_label=_("Alle slags"),
        field_name="kind",
    )
    ugedag = django_filters.ChoiceFilter(
        label=_("Ugedag"),
        choices=Weekday.choices,
        empty_label=_("Alle ugedage"),
        method="filter_weekday",
    )

    class Meta(_CommonFilters.Meta):
        model = Activity

    def filter_track(self, queryset, name, value):
        # An activity without its own track belongs to its offer's.
        return queryset.filter(Q(track=value) | Q(track__isnull=True, offer__track=value))

    def filter_weekday(self, queryset, name, value):
        weekday = int(value)
        return queryset.filter(
            Q(schedule=Activity.Schedule.WEEKLY, weekday=weekday)
            | Q(schedule=Activity.Schedule.ONCE, date__iso_week_day=weekday + 1)
        )


class ProgrammeOfferFilter(_CommonFilters):
    """The programme's filters on offers alone (area, track, profile, target group, step-free),
    for what the programme shows that is not an activity: the partners' outreach hours."""

    class Meta(_CommonFilters.Meta):
        model = Offer
