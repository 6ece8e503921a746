"""The partner services of Haderslev's outreach casework (seed 002, SIV) as the default partners."""

from django.db import migrations

PARTNERS = ["Ydelsescentret", "Jobcentret", "Myndighed for Handicap og Psykiatri"]


def add_partners(apps, schema_editor):
    partner = apps.get_model("citizens", "CaseworkPartner")
    for name in PARTNERS:
        partner.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [("citizens", "0013_outreach_casework")]

    operations = [migrations.RunPython(add_partners, migrations.RunPython.noop)]
