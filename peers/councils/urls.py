"""The councils' pages under /raad/, namespace `peers` (kept from before the councils were a package)."""

from django.urls import path

from peers.councils.views import applications, council, manage, meetings

app_name = "peers"

urlpatterns = [
    path("", council.council_index, name="index"),
    path("oversigt/", council.overview, name="overview"),
    path("<int:pk>/", council.council_home, name="council"),
    path("<int:pk>/ansoeg/", applications.application_new, name="apply"),
    path("<int:pk>/offentlig/", council.public_council, name="public"),
    path("<int:pk>/kriterier/", council.criteria_edit, name="criteria"),
    path("<int:pk>/moede/ny/", meetings.meeting_new, name="meeting_new"),
    path("<int:pk>/medlemmer/", manage.council_seats, name="seats"),
    path("<int:pk>/medlemmer/ny/", manage.seat_new, name="seat_new"),
    path("<int:pk>/budget/", manage.council_budget, name="budget"),
    path("<int:pk>/regler/", manage.council_rules, name="rules"),
    path("medlem/<int:pk>/afslut/", manage.seat_end, name="seat_end"),
    path("ansoegning/<int:pk>/", applications.application_detail, name="application"),
    path("ansoegning/<int:pk>/kvittering/", applications.application_receipt, name="receipt"),
    path("ansoegning/<int:pk>/stem/", applications.vote_cast, name="vote"),
    path("ansoegning/<int:pk>/inhabil/", applications.recusal_declare, name="recuse"),
    path("ansoegning/<int:pk>/start-afstemning/", applications.vote_open, name="vote_open"),
    path("ansoegning/<int:pk>/traek-tilbage/", applications.application_withdraw, name="withdraw"),
    path("bilag/<int:pk>/", applications.attachment_download, name="attachment"),
    path("moede/<int:pk>/", meetings.meeting_detail, name="meeting"),
    path("moede/<int:pk>/referat.pdf", meetings.meeting_minutes_pdf, name="minutes_pdf"),
    path("moede/<int:pk>/beslutninger/", meetings.meeting_link_decisions, name="meeting_link"),
]
