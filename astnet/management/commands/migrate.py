"""`manage.py migrate`, one at a time: on PostgreSQL it holds an advisory lock while it runs.

Several containers starting at once (the compose `migrate` service run twice, or an operator's
manual run beside it) would otherwise create the same tables at the same moment and crash
(issue 17). The second waits for the first and then finds nothing left to do.
"""

from django.core.management.commands.migrate import Command as DjangoMigrate
from django.db import connections

# An arbitrary constant: the key of PostgreSQL's advisory lock that every migrate run takes.
MIGRATE_LOCK_KEY = 0x617374_6E6574


class Command(DjangoMigrate):
    def handle(self, *args, **options):
        connection = connections[options["database"]]
        if connection.vendor != "postgresql":
            return super().handle(*args, **options)
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [MIGRATE_LOCK_KEY])
        try:
            return super().handle(*args, **options)
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [MIGRATE_LOCK_KEY])
