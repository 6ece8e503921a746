"""The habits every form shares through DkfdsFormMixin (issue 20): DKFDS classes on checkboxes and
radios, "Vælg …" for an empty choice, one real choice preselected, and no silently lost upload."""

from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from django.utils.datastructures import MultiValueDict

from astnet.forms import DkfdsFormMixin
from offers.models import District
from tests import factories as f


class ChoicesForm(DkfdsFormMixin, forms.Form):
    district = forms.ModelChoiceField(label="Bydel", queryset=District.objects.order_by("name"))
    optional_district = forms.ModelChoiceField(
        label="Anden bydel", queryset=District.objects.order_by("name"), required=False
    )
    colour = forms.ChoiceField(label="Farve", choices=[("", "---------"), ("red", "Rød")])
    several = forms.MultipleChoiceField(
        label="Flere", choices=[("a", "A"), ("b", "B")], widget=forms.CheckboxSelectMultiple
    )
    one = forms.ChoiceField(label="Én", choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect)
    agree = forms.BooleanField(label="Enig", required=False)


class UploadForm(DkfdsFormMixin, forms.Form):
    title = forms.CharField(label="Titel")
    attachment = forms.FileField(label="Bilag", required=False)


def test_an_empty_choice_reads_vaelg_never_dashes(db):
    f.DistrictFactory(name="Amager")
    f.DistrictFactory(name="Nørrebro")

    html = ChoicesForm().as_div()

    assert "---------" not in html
    assert html.count("Vælg …") == 3


def test_a_required_select_with_one_choice_comes_with_it_selected(db, django_assert_num_queries):
    amager = f.DistrictFactory(name="Amager")
    form = ChoicesForm()

    with django_assert_num_queries(2):  # one per select, as without the preselection
        html = str(form["district"]) + str(form["optional_district"])

    required, optional = html.split("</select>")[:2]
    assert f'<option value="{amager.pk}" selected>Amager</option>' in required
    assert '<option value="">Vælg …</option>' in required
    assert f'<option value="{amager.pk}">Amager</option>' in optional  # stays at "Vælg …"


def test_with_two_choices_nothing_is_preselected(db):
    f.DistrictFactory(name="Amager")
    f.DistrictFactory(name="Nørrebro")

    html = str(ChoicesForm()["district"])

    assert '<option value="" selected>Vælg …</option>' in html
    assert html.count("selected") == 1


def test_every_checkbox_and_radio_is_a_dkfds_box_in_its_labels_row(db):
    form = ChoicesForm()
    html = "".join(
        render_to_string("form_field.html", {"field": form[name]})
        for name in ("several", "one", "agree")
    )

    assert html.count('class="form-checkbox"') == 3
    assert html.count('class="form-radio"') == 2
    assert html.count('<div class="form-group-checkbox">') == 3
    assert html.count('<div class="form-group-radio">') == 2
    assert (
        '<input type="checkbox" name="agree" class="form-checkbox" id="id_agree"><label for="id_agree">'
        in html
    )


def test_a_file_on_a_form_with_errors_is_named_and_asked_for_again():
    upload = SimpleUploadedFile("budget.pdf", b"%PDF-1.4", content_type="application/pdf")
    form = UploadForm(data={"title": ""}, files=MultiValueDict({"attachment": [upload]}))

    assert not form.is_valid()
    assert "Filen «budget.pdf» er ikke gemt" in form.errors["attachment"][0]
    assert "Vælg filen igen" in form.errors["attachment"][0]


def test_a_valid_form_keeps_its_file_without_a_warning():
    upload = SimpleUploadedFile("budget.pdf", b"%PDF-1.4", content_type="application/pdf")
    form = UploadForm(data={"title": "Tur"}, files=MultiValueDict({"attachment": [upload]}))

    assert form.is_valid()
    assert form.cleaned_data["attachment"].name == "budget.pdf"
