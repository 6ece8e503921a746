"""Sum the visit months (issue 22's pre-aggregate) afresh from the visits, all or from a month."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from citizens.visit_months import services


class Command(BaseCommand):
    help = _("Opbygger fremmøde pr. måned forfra ud fra fremmøderne.")

    def add_arguments(self, parser):
        parser.add_argument(
            "--from",
            dest="first",
            metavar="ÅÅÅÅ-MM",
            help=_("Kun fra og med denne måned; ellers alle måneder."),
        )

    def handle(self, *args, first: str | None = None, **options):
        first_month = None
        if first:
            try:
                first_month = datetime.datetime.strptime(first, "%Y-%m").date()
            except ValueError as error:
                raise CommandError(_("Måneden skrives ÅÅÅÅ-MM, fx 2026-01.")) from error
        rows = services.visit_months_rebuild(first_month=first_month)
        # A count only: the rows are about citizens.
        self.stdout.write(_("%(rows)d rækker skrevet.") % {"rows": rows})
