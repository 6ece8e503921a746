# Peer mentors (issue 6): written by hand so it holds only these models' operations.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("citizens", "0001_initial"),
        ("offers", "0001_initial"),
        ("peers", "0003_close_due_votes_schedule"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ExperienceTheme",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=100, unique=True, verbose_name="navn")),
            ],
            options={
                "verbose_name": "erfaringstema",
                "verbose_name_plural": "erfaringstemaer",
                "ordering": ["name"],
            },
        ),
        migrations.CreateModel(
            name="Language",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=100, unique=True, verbose_name="navn")),
            ],
            options={
                "verbose_name": "sprog",
                "verbose_name_plural": "sprog",
                "ordering": ["name"],
            },
        ),
        migrations.CreateModel(
            name="TrainingModule",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("order", models.PositiveSmallIntegerField(verbose_name="rækkefølge")),
                ("title", models.CharField(max_length=200, verbose_name="titel")),
                ("content", models.TextField(blank=True, verbose_name="indhold")),
                ("hours", models.PositiveSmallIntegerField(verbose_name="timer")),
                (
                    "required",
                    models.BooleanField(
                        default=True,
                        help_text="Obligatoriske moduler skal være gennemført for at blive certificeret.",
                        verbose_name="obligatorisk",
                    ),
                ),
            ],
            options={
                "verbose_name": "uddannelsesmodul",
                "verbose_name_plural": "uddannelsesmoduler",
                "ordering": ["programme", "order"],
            },
        ),
        migrations.CreateModel(
            name="TrainingProgramme",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=200, unique=True, verbose_name="navn")),
                ("description", models.TextField(blank=True, verbose_name="beskrivelse")),
            ],
            options={
                "verbose_name": "uddannelsesprogram",
                "verbose_name_plural": "uddannelsesprogrammer",
                "ordering": ["name"],
            },
        ),
        migrations.CreateModel(
            name="PeerMentor",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "citizen_consent",
                    models.BooleanField(
                        default=False, verbose_name="samtykke til kobling med borger"
                    ),
                ),
                (
                    "citizen_consent_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="samtykke givet"),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("in_training", "Under uddannelse"),
                            ("active", "Aktiv"),
                            ("paused", "På pause"),
                            ("stopped", "Stoppet"),
                        ],
                        default="in_training",
                        max_length=20,
                        verbose_name="status",
                    ),
                ),
                (
                    "engagement",
                    models.CharField(
                        choices=[
                            ("volunteer", "Frivillig"),
                            ("user_job", "Brugerjob"),
                            ("paid_task", "Lønnet opgave"),
                        ],
                        default="volunteer",
                        max_length=20,
                        verbose_name="ansættelsesform",
                    ),
                ),
                (
                    "citizen",
                    models.ForeignKey(
                        blank=True,
                        help_text="Kun med peer-vejlederens samtykke.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="citizens.citizen",
                        verbose_name="borger",
                    ),
                ),
                (
                    "district",
                    models.ForeignKey(
                        help_text="Den bydel, peer-vejlederen hører til i netværket.",
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="peer_mentors",
                        to="offers.district",
                        verbose_name="bydel",
                    ),
                ),
                (
                    "languages",
                    models.ManyToManyField(
                        blank=True,
                        related_name="mentors",
                        to="peers.language",
                        verbose_name="sprog",
                    ),
                ),
                (
                    "themes",
                    models.ManyToManyField(
                        blank=True,
                        related_name="mentors",
                        to="peers.experiencetheme",
                        verbose_name="erfaringstemaer",
                    ),
                ),
                (
                    "user",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="peer_mentor",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="bruger",
                    ),
                ),
            ],
            options={
                "verbose_name": "peer-vejleder",
                "verbose_name_plural": "peer-vejledere",
                "ordering": ["user__first_name", "user__last_name"],
            },
        ),
        migrations.CreateModel(
            name="PeerMeeting",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("date", models.DateField(verbose_name="dato")),
                (
                    "participants",
                    models.PositiveSmallIntegerField(default=0, verbose_name="antal deltagere"),
                ),
                ("theme", models.CharField(max_length=200, verbose_name="tema")),
                (
                    "logged_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="registreret af",
                    ),
                ),
                (
                    "offer",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="peer_meetings",
                        to="offers.offer",
                        verbose_name="tilbud",
                    ),
                ),
                (
                    "mentors",
                    models.ManyToManyField(
                        related_name="peer_meetings",
                        to="peers.peermentor",
                        verbose_name="peer-vejledere",
                    ),
                ),
            ],
            options={
                "verbose_name": "peer-møde",
                "verbose_name_plural": "peer-møder",
                "ordering": ["-date", "-pk"],
            },
        ),
        migrations.CreateModel(
            name="Placement",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("start", models.DateField(verbose_name="start")),
                ("end", models.DateField(blank=True, null=True, verbose_name="slut")),
                (
                    "hours_per_week",
                    models.DecimalField(
                        decimal_places=1, max_digits=4, verbose_name="timer om ugen"
                    ),
                ),
                (
                    "is_training_placement",
                    models.BooleanField(
                        default=False,
                        help_text="En peer-vejleder kan kun placeres før certificering som praktik.",
                        verbose_name="praktik under uddannelse",
                    ),
                ),
                (
                    "mentor",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="placements",
                        to="peers.peermentor",
                        verbose_name="peer-vejleder",
                    ),
                ),
                (
                    "offer",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="mentor_placements",
                        to="offers.offer",
                        verbose_name="tilbud",
                    ),
                ),
            ],
            options={
                "verbose_name": "placering",
                "verbose_name_plural": "placeringer",
                "ordering": ["-start", "pk"],
            },
        ),
        migrations.CreateModel(
            name="Supervision",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("date", models.DateField(verbose_name="dato")),
                ("notes", models.TextField(blank=True, verbose_name="noter")),
                (
                    "mentors_present",
                    models.ManyToManyField(
                        related_name="supervisions",
                        to="peers.peermentor",
                        verbose_name="peer-vejledere til stede",
                    ),
                ),
                (
                    "supervisor",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="supervisions_given",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="supervisor",
                    ),
                ),
            ],
            options={
                "verbose_name": "supervision",
                "verbose_name_plural": "supervisioner",
                "ordering": ["-date", "-pk"],
            },
        ),
        migrations.CreateModel(
            name="TrainingCohort",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=200, verbose_name="navn")),
                ("start", models.DateField(verbose_name="start")),
                ("end", models.DateField(verbose_name="slut")),
                ("seats", models.PositiveSmallIntegerField(verbose_name="pladser")),
                (
                    "trainers",
                    models.ManyToManyField(
                        blank=True,
                        related_name="training_cohorts",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="undervisere",
                    ),
                ),
                (
                    "programme",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="cohorts",
                        to="peers.trainingprogramme",
                        verbose_name="uddannelsesprogram",
                    ),
                ),
            ],
            options={
                "verbose_name": "uddannelseshold",
                "verbose_name_plural": "uddannelseshold",
                "ordering": ["-start", "name"],
            },
        ),
        migrations.CreateModel(
            name="Participation",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "mentor",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="participations",
                        to="peers.peermentor",
                        verbose_name="peer-vejleder",
                    ),
                ),
                (
                    "cohort",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="participations",
                        to="peers.trainingcohort",
                        verbose_name="hold",
                    ),
                ),
            ],
            options={
                "verbose_name": "deltagelse",
                "verbose_name_plural": "deltagelser",
                "ordering": ["mentor__user__first_name", "mentor__user__last_name"],
            },
        ),
        migrations.CreateModel(
            name="ModuleSession",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("date", models.DateField(verbose_name="dato")),
                (
                    "cohort",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="sessions",
                        to="peers.trainingcohort",
                        verbose_name="hold",
                    ),
                ),
                (
                    "module",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="sessions",
                        to="peers.trainingmodule",
                        verbose_name="modul",
                    ),
                ),
            ],
            options={
                "verbose_name": "modulgang",
                "verbose_name_plural": "modulgange",
                "ordering": ["date", "module__order"],
            },
        ),
        migrations.AddField(
            model_name="trainingmodule",
            name="programme",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="modules",
                to="peers.trainingprogramme",
                verbose_name="uddannelsesprogram",
            ),
        ),
        migrations.CreateModel(
            name="YearlyTarget",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("year", models.PositiveSmallIntegerField(unique=True, verbose_name="år")),
                (
                    "target_trained",
                    models.PositiveSmallIntegerField(verbose_name="mål for antal uddannede"),
                ),
            ],
            options={
                "verbose_name": "årsmål",
                "verbose_name_plural": "årsmål",
                "ordering": ["-year"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("year__gte", 2000), ("year__lte", 2100)),
                        name="yearly_target_year_plausible",
                        violation_error_message="Skriv et årstal mellem 2000 og 2100.",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="ModuleAttendance",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("present", models.BooleanField(default=False, verbose_name="til stede")),
                (
                    "session",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="attendances",
                        to="peers.modulesession",
                        verbose_name="modulgang",
                    ),
                ),
                (
                    "participation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="attendances",
                        to="peers.participation",
                        verbose_name="deltagelse",
                    ),
                ),
            ],
            options={
                "verbose_name": "fremmøde på modul",
                "verbose_name_plural": "fremmøder på moduler",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("session", "participation"), name="module_attendance_once"
                    )
                ],
            },
        ),
        migrations.AddIndex(
            model_name="peermentor",
            index=models.Index(fields=["status"], name="peers_peerm_status_17155e_idx"),
        ),
        migrations.AddConstraint(
            model_name="peermentor",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("citizen__isnull", True),
                    models.Q(("citizen_consent", True), ("citizen_consent_at__isnull", False)),
                    _connector="OR",
                ),
                name="peer_mentor_citizen_only_with_consent",
                violation_error_message="En peer-vejleder kan kun kobles til en borger med dateret samtykke.",
            ),
        ),
        migrations.AddIndex(
            model_name="peermeeting",
            index=models.Index(fields=["offer", "date"], name="peers_peerm_offer_i_234197_idx"),
        ),
        migrations.AddConstraint(
            model_name="peermeeting",
            constraint=models.CheckConstraint(
                condition=models.Q(("participants__gte", 0)),
                name="peer_meeting_participants_not_negative",
            ),
        ),
        migrations.AddIndex(
            model_name="placement",
            index=models.Index(fields=["offer", "start"], name="peers_place_offer_i_0311de_idx"),
        ),
        migrations.AddConstraint(
            model_name="placement",
            constraint=models.CheckConstraint(
                condition=models.Q(("hours_per_week__gt", 0)),
                name="placement_has_hours",
                violation_error_message="Timer om ugen skal være mere end 0.",
            ),
        ),
        migrations.AddConstraint(
            model_name="placement",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("end__isnull", True), ("end__gte", models.F("start")), _connector="OR"
                ),
                name="placement_ends_after_start",
                violation_error_message="Placeringen skal slutte samme dag som eller efter start.",
            ),
        ),
        migrations.AddConstraint(
            model_name="participation",
            constraint=models.UniqueConstraint(
                fields=("cohort", "mentor"),
                name="participation_once_per_cohort",
                violation_error_message="Peer-vejlederen er allerede på holdet.",
            ),
        ),
        migrations.AddConstraint(
            model_name="modulesession",
            constraint=models.UniqueConstraint(
                fields=("cohort", "module", "date"),
                name="module_session_once_a_day",
                violation_error_message="Holdet har allerede det modul den dag.",
            ),
        ),
        migrations.AddConstraint(
            model_name="trainingmodule",
            constraint=models.UniqueConstraint(
                fields=("programme", "order"),
                name="training_module_order_once",
                violation_error_message="Programmet har allerede et modul med det nummer.",
            ),
        ),
        migrations.AddConstraint(
            model_name="trainingcohort",
            constraint=models.CheckConstraint(
                condition=models.Q(("end__gte", models.F("start"))),
                name="training_cohort_ends_after_start",
                violation_error_message="Holdet skal slutte samme dag som eller efter det starter.",
            ),
        ),
        migrations.AddConstraint(
            model_name="trainingcohort",
            constraint=models.CheckConstraint(
                condition=models.Q(("seats__gt", 0)),
                name="training_cohort_has_seats",
                violation_error_message="Holdet skal have mindst én plads.",
            ),
        ),
    ]
