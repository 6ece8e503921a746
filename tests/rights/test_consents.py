"""The consent overview: every consent with its history, scoped; a withdrawal counts at once."""

from django.urls import reverse

from astnet.models import AuditEvent
from citizens.follow_up.selectors import follow_up_list
from citizens.models import Consent
from tests.rights import factories as rf


def _names(response) -> set[str]:
    return {consent.citizen.chosen_name for consent in response.context["page"].object_list}


def test_the_dpo_sees_every_consent(client, world, people, django_assert_max_num_queries):
    rf.ConsentFactory(citizen=people.omar)
    client.force_login(world.dpo)

    with django_assert_max_num_queries(12):
        response = client.get(reverse("rights:consents"))

    assert response.status_code == 200
    assert _names(response) == {"Bente Blomst", "Omar Olsen"}
    assert "Jobcenter Amager" in response.content.decode()


def test_a_leader_sees_their_district_only(client, world, people):
    rf.ConsentFactory(citizen=people.omar)
    client.force_login(world.leader)

    response = client.get(reverse("rights:consents"))

    assert _names(response) == {"Bente Blomst"}
    assert response.context["withdrawable"] == set()


def test_staff_see_the_citizens_of_their_own_offers(client, world, people):
    rf.ConsentFactory(citizen=people.omar)
    client.force_login(world.staff)

    response = client.get(reverse("rights:consents"))

    assert _names(response) == {"Bente Blomst"}


def test_withdrawn_consents_stay_as_history(client, world, people):
    consent = people.bente.consents.get(kind=Consent.Kind.FOLLOW_UP)
    client.force_login(world.dpo)
    client.post(reverse("rights:consent_withdraw", args=[consent.pk]))

    response = client.get(reverse("rights:consents"), {"status": "withdrawn"})

    assert [c.pk for c in response.context["page"].object_list] == [consent.pk]
    assert "Trukket tilbage" in response.content.decode()


def test_a_withdrawn_follow_up_consent_takes_the_citizen_off_the_follow_up_list(
    client, world, people
):
    rf.FollowUpFactory(citizen=people.bente, offer=world.nabo)
    assert [item.citizen for item in follow_up_list(world.staff)] == [people.bente]
    consent = people.bente.consents.get(kind=Consent.Kind.FOLLOW_UP)
    client.force_login(world.dpo)

    confirm = client.get(reverse("rights:consent_withdraw", args=[consent.pk]))
    response = client.post(reverse("rights:consent_withdraw", args=[consent.pk]))

    assert confirm.status_code == 200
    assert response.status_code == 302
    assert list(follow_up_list(world.staff)) == []
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.CHANGE, object_type="citizens.consent", actor=world.dpo
    ).exists()


def test_staff_withdraw_for_their_own_citizens(client, world, people):
    consent = people.bente.consents.get(kind=Consent.Kind.FOLLOW_UP)
    client.force_login(world.staff)

    client.post(reverse("rights:consent_withdraw", args=[consent.pk]))

    consent.refresh_from_db()
    assert consent.withdrawn_recorded_by == world.staff


def test_staff_get_404_for_another_offer_s_citizen(client, world, people):
    consent = rf.ConsentFactory(citizen=people.omar)
    client.force_login(world.staff)

    response = client.post(reverse("rights:consent_withdraw", args=[consent.pk]))

    assert response.status_code == 404
    consent.refresh_from_db()
    assert consent.withdrawn_at is None


def test_a_leader_may_not_withdraw(client, world, people):
    consent = people.bente.consents.get(kind=Consent.Kind.FOLLOW_UP)
    client.force_login(world.leader)

    assert client.post(reverse("rights:consent_withdraw", args=[consent.pk])).status_code == 403
    consent.refresh_from_db()
    assert consent.withdrawn_at is None


def test_an_already_withdrawn_consent_answers_404(client, world, people):
    consent = people.bente.consents.get(kind=Consent.Kind.FOLLOW_UP)
    client.force_login(world.dpo)
    client.post(reverse("rights:consent_withdraw", args=[consent.pk]))

    assert client.post(reverse("rights:consent_withdraw", args=[consent.pk])).status_code == 404


def test_council_members_may_not_see_consents(client, world, people):
    client.force_login(world.council_member)

    assert client.get(reverse("rights:consents")).status_code == 403


def test_both_withdrawal_links_show_one_page_that_leads_back_where_it_came_from(
    client, world, people
):
    """One view and one wording behind the citizen page's and the overview's links (issue 15)."""
    consent = people.bente.consents.get(kind=Consent.Kind.FOLLOW_UP)
    client.force_login(world.staff)

    from_citizen = client.get(reverse("citizens:consent_withdraw", args=[consent.pk]))
    from_overview = client.get(reverse("rights:consent_withdraw", args=[consent.pk]))
    done = client.post(reverse("rights:consent_withdraw", args=[consent.pk]))

    wording = "en opfølgning, det gav lov til, lukkes med det samme"
    assert wording in from_citizen.content.decode()
    assert wording in from_overview.content.decode()
    assert from_citizen.context["back"] == reverse("citizens:detail", args=[people.bente.pk])
    assert from_overview.context["back"] == reverse("rights:consents")
    assert done.url == reverse("rights:consents")
