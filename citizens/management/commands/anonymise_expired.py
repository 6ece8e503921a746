"""Anonymise citizens past the retention period now, or (--dry-run) only list who would be."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from citizens.rights import services


class Command(BaseCommand):
    help = _("Anonymiserer borgere uden aktivitet i opbevaringsperioden.")

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=_("Vis kun, hvem der ville blive anonymiseret; intet ændres."),
        )

    def handle(self, *args, dry_run: bool = False, **options):
        ids = services.anonymise_expired(dry_run=dry_run)
        # Ids only: a name in a terminal or a cron mail would be personal data in a log.
        if dry_run:
            self.stdout.write(
                ngettext(
                    "%(count)d borger ville blive anonymiseret.",
                    "%(count)d borgere ville blive anonymiseret.",
                    len(ids),
                )
                % {"count": len(ids)}
            )
        else:
            self.stdout.write(
                ngettext(
                    "%(count)d borger er anonymiseret.",
                    "%(count)d borgere er anonymiseret.",
                    len(ids),
                )
                % {"count": len(ids)}
            )
        for pk in ids:
            self.stdout.write(f"citizen {pk}")
