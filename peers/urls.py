from django.urls import path

from peers import views

app_name = "peers"

urlpatterns = [
    path("", views.council_index, name="index"),
    path("oversigt/", views.overview, name="overview"),
    path("<int:pk>/", views.council_home, name="council"),
    path("<int:pk>/ansoeg/", views.application_new, name="apply"),
    path("<int:pk>/offentlig/", views.public_council, name="public"),
    path("<int:pk>/kriterier/", views.criteria_edit, name="criteria"),
    path("<int:pk>/moede/ny/", views.meeting_new, name="meeting_new"),
    path("<int:pk>/medlemmer/", views.council_seats, name="seats"),
    path("<int:pk>/medlemmer/ny/", views.seat_new, name="seat_new"),
    path("<int:pk>/budget/", views.council_budget, name="budget"),
    path("<int:pk>/regler/", views.council_rules, name="rules"),
    path("medlem/<int:pk>/afslut/", views.seat_end, name="seat_end"),
    path("ansoegning/<int:pk>/", views.application_detail, name="application"),
    path("ansoegning/<int:pk>/kvittering/", views.application_receipt, name="receipt"),
    path("ansoegning/<int:pk>/stem/", views.vote_cast, name="vote"),
    path("ansoegning/<int:pk>/inhabil/", views.recusal_declare, name="recuse"),
    path("ansoegning/<int:pk>/start-afstemning/", views.vote_open, name="vote_open"),
    path("ansoegning/<int:pk>/traek-tilbage/", views.application_withdraw, name="withdraw"),
    path("bilag/<int:pk>/", views.attachment_download, name="attachment"),
    path("moede/<int:pk>/", views.meeting_detail, name="meeting"),
    path("moede/<int:pk>/referat.pdf", views.meeting_minutes_pdf, name="minutes_pdf"),
    path("moede/<int:pk>/beslutninger/", views.meeting_link_decisions, name="meeting_link"),
]
