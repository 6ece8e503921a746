"""Where personal data lives in councils and peer training, and what anonymising a citizen does to
it (issue 16; the registry is `astnet/personal_data.py`). An application made for a citizen keeps
its amount and decision (the council's budget stays whole) but loses every text about the person,
and its attachments are deleted with their files."""

from astnet.personal_data import Treatment, declare

CLEAR, REPLACE, KEEP = Treatment.CLEAR, Treatment.REPLACE, Treatment.KEEP

declare(
    "peers.application",
    citizen_path="applicant_citizen",
    fields={
        "title": REPLACE,
        "description": REPLACE,
        "beneficiaries": REPLACE,
        "criteria_met": CLEAR,
        "applicant_first_name": REPLACE,
        "publish_first_name": CLEAR,
    },
)
declare(
    "peers.applicationattachment",
    citizen_path="application__applicant_citizen",
    fields={"file": Treatment.DELETE_FILE, "original_name": REPLACE},
    delete_rows=True,
)
declare(
    "peers.decision", citizen_path="application__applicant_citizen", fields={"reasoning": REPLACE}
)
# Votes and recusals about an application hold no text; the application's texts go (above).
declare("peers.vote", citizen_path="application__applicant_citizen", fields={})
declare("peers.recusal", citizen_path="application__applicant_citizen", fields={})
# A mentor is a user in their own right; only the link to their citizen record goes, and their
# training, placements and meetings (their work, not the citizen's record) stay.
declare("peers.participation", citizen_path="mentor__citizen", fields={})
declare("peers.placement", citizen_path="mentor__citizen", fields={})
declare("peers.peermeeting", citizen_path="mentors__citizen", fields={})
declare("peers.moduleattendance", citizen_path="participation__mentor__citizen", fields={})
declare(
    "peers.peermentor",
    citizen_path="citizen",
    fields={"citizen": CLEAR, "citizen_consent": CLEAR, "citizen_consent_at": CLEAR},
)
declare(
    "peers.councilcriteria",
    fields={"text": KEEP},
    reason="A council's criteria for grants, the same for every applicant.",
)
declare(
    "peers.meeting",
    fields={"agenda": KEEP, "minutes": KEEP},
    reason="A council meeting's agenda and minutes; applications are named by their number there.",
)
declare(
    "peers.trainingprogramme",
    fields={"description": KEEP},
    reason="The peer training's programme, written for every cohort.",
)
declare("peers.trainingmodule", fields={"content": KEEP}, reason="A module's teaching content.")
declare(
    "peers.supervision",
    citizen_path="mentors_present__citizen",
    fields={"notes": KEEP},
    reason="Notes of a supervision between staff and peer mentors (users, not citizens); read only "
    "by those present.",
)
