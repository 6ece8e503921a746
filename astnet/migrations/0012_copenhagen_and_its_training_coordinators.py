"""Existing installations served Copenhagen with its words written into the code, and gave the peer
training to the leaders of the district with slug "nordvest" (issue 21). Keep both as data: the
municipality record with Copenhagen's words, and the training-coordinator role for those leaders.
A new, empty installation gets neither; its administrator fills in the municipality in the admin."""

from django.db import migrations

COPENHAGEN = {
    "name": "København",
    "administration": "Københavns Kommune, Socialforvaltningen",
    "committee": "Socialudvalget",
    "whole": "byen",
    "area": "bydel",
    "area_plural": "bydele",
    "area_definite": "bydelen",
    "area_plural_definite": "bydelene",
}
TRAINING_CENTRE_SLUG = "nordvest"


def forwards(apps, schema_editor):
    District = apps.get_model("offers", "District")
    Municipality = apps.get_model("astnet", "Municipality")
    Membership = apps.get_model("astnet", "Membership")
    if District.objects.exists() and not Municipality.objects.exists():
        Municipality.objects.create(pk=1, **COPENHAGEN)
    leaders = Membership.objects.filter(role="leader", district__slug=TRAINING_CENTRE_SLUG)
    for user_id in leaders.values_list("user_id", flat=True).distinct():
        Membership.objects.get_or_create(user_id=user_id, role="training_coordinator")


def backwards(apps, schema_editor):
    apps.get_model("astnet", "Membership").objects.filter(role="training_coordinator").delete()


class Migration(migrations.Migration):
    dependencies = [("astnet", "0011_municipality_and_training_coordinator")]

    operations = [migrations.RunPython(forwards, backwards)]
