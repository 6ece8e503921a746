"""manage.py seed_demo [--scale city]: the demo site, or the city-scale benchmark set."""

from django.core.management.base import BaseCommand

from astnet.demo import city, core, seed


class Command(BaseCommand):
    help = "Opretter demodata (idempotent), eller benchmark-datasættet med --scale city."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--scale", choices=["demo", "city"], default="demo")
        parser.add_argument("--offers", type=int, default=city.CITY_OFFERS)
        parser.add_argument("--citizens", type=int, default=city.CITY_CITIZENS)
        parser.add_argument("--visits", type=int, default=city.CITY_VISITS)

    def handle(self, *args, scale: str, offers: int, citizens: int, visits: int, **options):
        if scale == "city":
            created = city.seed_city(
                offers=offers, citizens=citizens, visits=visits, progress=self.stdout.write
            )
            self.stdout.write(
                self.style.SUCCESS(
                    f"Benchmark-data: {created['citizens']} nye borgere, "
                    f"{created['visits']} nye fremmøder."
                )
            )
            return
        logins, password = seed.seed_demo(progress=self.stdout.write)
        self.stdout.write(
            self.style.SUCCESS("Demodata er klar. Log ind på http://127.0.0.1:8000/login/")
        )
        for login in logins:
            self.stdout.write(
                f"  {login.username:<16} {login.role.label:<26} adgangskode: {password}"
            )
        for username, description in core.EXTRA_LOGINS:
            self.stdout.write(f"  {username:<16} {description} · adgangskode: {password}")
