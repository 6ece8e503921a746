"""manage.py seed_demo [--municipality haderslev] [--scale city]: the demo site (Copenhagen by
default, or Haderslev), or the city-scale benchmark set."""

from django.core.management.base import BaseCommand, CommandError

from astnet.demo import city, core, haderslev, seed


class Command(BaseCommand):
    help = "Opretter demodata (idempotent), eller benchmark-datasættet med --scale city."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--scale", choices=["demo", "city"], default="demo")
        parser.add_argument(
            "--municipality", choices=seed.MUNICIPALITIES, default=seed.MUNICIPALITIES[0]
        )
        parser.add_argument("--offers", type=int, default=city.CITY_OFFERS)
        parser.add_argument("--citizens", type=int, default=city.CITY_CITIZENS)
        parser.add_argument("--visits", type=int, default=city.CITY_VISITS)

    def handle(
        self,
        *args,
        scale: str,
        municipality: str,
        offers: int,
        citizens: int,
        visits: int,
        **options,
    ):
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
        try:
            logins, password = seed.seed_demo(municipality, progress=self.stdout.write)
        except seed.AnotherMunicipalitysDemo as error:
            raise CommandError(
                f"Databasen rummer allerede demoen for {error}. Brug en tom database "
                "(f.eks. en anden DATABASE_URL) til en anden kommunes demo."
            ) from error
        self.stdout.write(
            self.style.SUCCESS("Demodata er klar. Log ind på http://127.0.0.1:8000/login/")
        )
        for login in logins:
            self.stdout.write(
                f"  {login.username:<16} {login.role.label:<26} adgangskode: {password}"
            )
        extra = core.EXTRA_LOGINS if municipality == "copenhagen" else haderslev.EXTRA_LOGINS
        for username, description in extra:
            self.stdout.write(f"  {username:<16} {description} · adgangskode: {password}")
