"""`manage.py audit_verify`: check the audit log's hash chain and name the first broken link."""

from django.core.management.base import BaseCommand, CommandError

from astnet.audit import audit_verify


class Command(BaseCommand):
    help = "Checks the audit log's hash chain; fails naming the first event that does not match."

    def handle(self, *args, **options):
        checked, broken, last_good = audit_verify()
        if broken is not None:
            raise CommandError(
                f"Audit chain broken at event {broken.pk} ({broken.at:%Y-%m-%d %H:%M:%S%z}): its hash "
                f"does not match its content and the event before it; {checked} events before it "
                "are intact."
            )
        self.stdout.write(
            f"Audit chain intact: {checked} events; last hash {last_good or '(empty log)'}."
        )
