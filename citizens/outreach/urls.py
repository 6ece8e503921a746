from django.urls import path

from citizens.outreach import views

# Included into the citizens: namespace (citizens/urls.py).
urlpatterns = [
    path("fremskudt/", views.index, name="outreach_index"),
    path("tilbud/<int:offer_id>/fremskudt/", views.book, name="outreach_book"),
    path("tilbud/<int:offer_id>/fremskudt/bookinger/", views.bookings, name="outreach_bookings"),
    path("fremskudt/booking/<int:pk>/aflys/", views.booking_cancel, name="outreach_cancel"),
]
