"""Background work for the councils: closing votes whose deadline has passed and ending the logins
of seats whose term has run out."""

from celery import shared_task

from peers.councils import services, voting


@shared_task(name="peers.close_due_votes")
def close_due_votes() -> int:
    """Scheduled by django-celery-beat (migration 0003) every 15 minutes; returns how many votes it
    closed. Ended seats lose their login here too, so a term ended "today" needs no second schedule."""
    closed = voting.votes_close_due()
    services.council_seats_expire()
    return closed
