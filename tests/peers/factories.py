"""Factories and builders for councils' applications."""

import datetime

from django.utils import timezone

from peers.councils import services, voting


def submitted_application(cw, *, amount_ore=2_000_00, title="Tur i skoven", **overrides):
    """An application submitted by staff for the fixture's citizen."""
    kwargs = {
        "council": cw.council,
        "by": cw.world.staff,
        "applicant_citizen": cw.citizen,
        "applicant_first_name": "Karin",
        "title": title,
        "description": "En tur i Dyrehaven med madpakker.",
        "amount_ore": amount_ore,
        "starts_on": timezone.localdate() + datetime.timedelta(days=7),
        "beneficiaries": "Alle på Nabo",
    }
    kwargs.update(overrides)
    return services.application_create(**kwargs)


def application_in_vote(cw, **kwargs):
    application = submitted_application(cw, **kwargs)
    return voting.vote_open(application=application, by=cw.chair)
