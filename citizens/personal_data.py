"""Where citizens' personal data lives in this app, and what anonymisation does to it (issue 16;
the registry is `astnet/personal_data.py`). Visits, talks, consents, courses and goals stay as rows
so they are still counted; their free text goes."""

from astnet.personal_data import Treatment, declare

CLEAR, REPLACE, KEEP = Treatment.CLEAR, Treatment.REPLACE, Treatment.KEEP

# Stored in the row, whoever's language the request was in: Danish, not translated.
ANONYMOUS_NAME = "Anonymiseret borger"

declare(
    "citizens.citizen",
    citizen_path="pk",
    fields={
        "chosen_name": REPLACE,
        "birth_year": CLEAR,
        "contact_person": CLEAR,
        "wants_contact": CLEAR,
        "phone": CLEAR,
        "email": CLEAR,
        "challenges": CLEAR,
        "cpr_encrypted": CLEAR,
        "cpr_hash": CLEAR,
        "district": KEEP,
    },
    replacements={"chosen_name": ANONYMOUS_NAME},
    reason="The district of residence is counted for the city's spread (DESIGN.md) and names no one.",
)
declare("citizens.visit", citizen_path="citizen", fields={})
# The visits summed per month (issue 22): counts and days, no text; kept as the visits are.
declare("citizens.visitmonth", citizen_path="citizen", fields={})
declare("citizens.followup", citizen_path="citizen", fields={})
declare("citizens.consent", citizen_path="citizen", fields={"partner_name": REPLACE})
declare(
    "citizens.expectationtalk",
    citizen_path="citizen",
    fields={"wishes_and_goals": CLEAR, "what_helps": CLEAR, "activities_to_try": CLEAR},
)
declare("citizens.outreach", citizen_path="citizen", fields={"note": CLEAR})
declare(
    "citizens.enrollment",
    citizen_path="citizen",
    fields={"stop_reason": REPLACE, "moved_on_to_other": REPLACE},
)
declare("citizens.attendance", citizen_path="enrollment__citizen", fields={})
declare("citizens.goal", citizen_path="citizen", fields={"text": CLEAR, "vum_reference": CLEAR})
declare("citizens.goalrating", citizen_path="goal__citizen", fields={"note": CLEAR})
declare("citizens.citizenprivacy", citizen_path="citizen", fields={"legal_hold_reason": CLEAR})
# The correction history holds old values of the erased fields: it goes whole.
declare(
    "citizens.citizenrevision",
    citizen_path="citizen",
    fields={"old_value": CLEAR, "new_value": CLEAR},
    delete_rows=True,
)
declare(
    "citizens.course",
    fields={"purpose": KEEP, "themes": KEEP, "expected_effect": KEEP},
    reason="A course's description is written about the course for everyone who may join it.",
)
# A consultation keeps only that a citizen met a partner on a day (issue 21): nothing to clear.
declare("citizens.consultation", citizen_path="citizen", fields={})
