"""Slugs made by Django's slugify lost æ, ø and å ("Hørsholmsgade 20" → "hrsholmsgade-20"):
remake them with the letters spelt out (astnet/slugs.py) and keep each old slug of an offer or a
district so its old links redirect (issue 18). A slug someone chose by hand is left alone."""

from django.db import migrations
from django.utils.text import slugify as ascii_slugify  # noqa: TID251  (the old rule, to compare)

# Frozen copy of astnet.slugs.slugify as of this migration: a migration must not change meaning
# when the app's code does.
_DANISH = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})


def _danish(value: str, max_length: int) -> str:
    return ascii_slugify(value.translate(_DANISH))[:max_length].rstrip("-")


def forwards(apps, schema_editor):
    OldSlug = apps.get_model("offers", "OldSlug")
    for model_name, link in (
        ("Offer", "offer"),
        ("District", "district"),
        ("Track", None),
        ("TargetGroup", None),
    ):
        model = apps.get_model("offers", model_name)
        max_length = model._meta.get_field("slug").max_length
        taken = set(model.objects.values_list("slug", flat=True))
        for row in model.objects.order_by("pk"):
            new = _danish(row.name, max_length)
            if row.slug != ascii_slugify(row.name)[:max_length] or new == row.slug or new in taken:
                continue
            if link is not None:
                OldSlug.objects.create(**{link: row, "slug": row.slug})
            taken.discard(row.slug)
            taken.add(new)
            row.slug = new
            row.save(update_fields=["slug"])


class Migration(migrations.Migration):
    dependencies = [("offers", "0004_dated_hours_and_old_slugs")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
