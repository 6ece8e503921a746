"""The network page's filters: find a mentor by centre, language or lived-experience theme."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from astnet.forms import DkfdsFormMixin
from astnet.municipality import ALL_AREAS_LABEL, AREA_LABEL
from offers.models import District
from peers.mentors.models import ExperienceTheme, Language, PeerMentor


class FilterForm(DkfdsFormMixin, forms.Form):
    pass


class MentorNetworkFilter(django_filters.FilterSet):
    bydel = django_filters.ModelChoiceFilter(
        label=AREA_LABEL,
        field_name="district",
        queryset=District.objects.order_by("name"),
        to_field_name="slug",
        empty_label=ALL_AREAS_LABEL,
    )
    sprog = django_filters.ModelChoiceFilter(
        label=_("Sprog"),
        field_name="languages",
        queryset=Language.objects.all(),
        empty_label=_("Alle sprog"),
    )
    tema = django_filters.ModelChoiceFilter(
        label=_("Erfaringstema"),
        field_name="themes",
        queryset=ExperienceTheme.objects.all(),
        empty_label=_("Alle temaer"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[c for c in PeerMentor.Status.choices if c[0] != PeerMentor.Status.STOPPED],
        empty_label=_("Alle"),
    )

    class Meta:
        model = PeerMentor
        form = FilterForm
        fields: list[str] = []
