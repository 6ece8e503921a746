"""Demo data: workshop 1 and 2 of Center Nordvest in the 2015 process, from `seeds/000_*`.

The seed gives workshop 1's inputs as "Opsamling fra bordene" under eight headings, not per table or
theme. The texts are kept as written (typos included); each heading becomes a tag, and each heading
is filed under the nearest of the workshop's three themes. The seed counts no participants, so the
inputs sit at one table named for the joint summary, with no counts. Workshop 2's seed holds its
purpose, programme and themes, but no inputs.

The seed has no Amager workshop, but the demo logins (leder, medarbejder) work at Nabo on Amager and
may only run their own district's workshops. So one practice workshop on Amager is added, marked as
invented in its purpose; it is always dated ahead, so its voting code works whenever the demo is
loaded.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from offers.models import District
from workshops.models import (
    Input,
    Milestone,
    Process,
    ProgrammeItem,
    Scenario,
    ScenarioPoint,
    Table,
    Tag,
    Theme,
    ThemeQuestion,
    Workshop,
)

PROCESS_NAME = "Udvikling af fremtidens aktivitets- og samværstilbud i København"
PROCESS_DESCRIPTION = (
    "Københavns Kommune, Socialforvaltningen, Borgercenter Voksne. Udviklingen af aktivitets- og "
    "samværstilbuddene skal ske med udgangspunkt i 5 principper, 4 faglige spor og ønsket om en "
    "mere jævn fordeling af tilbud i byen."
)

MILESTONES = [
    (
        Milestone.Kind.WORKSHOP,
        "Workshop 1",
        datetime.date(2015, 9, 8),
        "Hvad skal aktivitets og samværstilbuddene i Nordvest kunne? Idéer og synspunkter",
    ),
    (
        Milestone.Kind.WORKSHOP,
        "Workshop 2",
        datetime.date(2015, 10, 1),
        "Hvordan skal aktivitets- og samværstilbuddene i Nordvest se ud? Scenarier på, hvordan "
        "AST i Nordvest skal se ud indhold, organisering mv.",
    ),
    (Milestone.Kind.INTERVIEWS, "Interviews", None, "Brugere og potentielle brugere"),
    (
        Milestone.Kind.STATUS_NOTE,
        "Statusnotat til Socialudvalget",
        datetime.date(2015, 10, 28),
        "Hvor langt er vi? Hvilke scenarier har vi? Hvor er der enighed og uenighed?",
    ),
    (
        Milestone.Kind.WORKSHOP,
        "Workshop 3 (start november)",
        None,
        "Grundscenarie. Beskrive styrker, svagheder, muligheder og udfordringer ved scenarierne "
        "og vælge hvilke der går videre til Socialudvalget den 2. december",
    ),
    (
        Milestone.Kind.FINAL_PROPOSAL,
        "Endeligt forslag til Socialudvalget",
        datetime.date(2015, 12, 2),
        "Faglig og økonomisk omlægning af området",
    ),
]

WORKSHOP_1_THEMES = [
    "Aktivt medborgerskab",
    "Bruger til bruger",
    "Tilgængelighed af relevant hjælp",
]
WORKSHOP_1_QUESTIONS = [
    "Hvad er de væsentligste udfordringer?",
    "Hvad skal AST kunne tilbyde?",
    "Hvad skal der til for, at du har lyst til og mulighed for at bruge et Aktivitets- og "
    "Samværstilbud?",
]
ANSWERED_QUESTION = "Hvad skal AST kunne tilbyde?"

# (tag = heading from "Hvad skal AST tilbyde?", theme index, inputs as written)
WORKSHOP_1_INPUTS = [
    (
        "Modvirke stigmatisering",
        0,
        [
            "Inddrage frivillige på værestederne",
            "Invitere aktører fra lokalområdet indenfor til arrangementer og arranger aktiviteter "
            "med lokale aktører",
            "Lave aktiviteter ud af huset og bruge det lokale foreningsliv og skabe kontakt til "
            "arbejdspladser i lokalområdet",
            "Fælles aktiviteter på tværs af AST i bydelen/på tværs af byen",
            "Belønning for arbejde",
        ],
    ),
    (
        "Relevante og kvalificerende aktiviteter for borgeren",
        0,
        [
            "Lave meningsfyldte aktiviteter, der tjener et konkret formål for den enkelte, "
            "eksempelvis ting, der kan sælges eller bruge uddannelseskompetencer hos den enkelte "
            "til at løse konkrete opgaver i nærmiljøet (hos den lokale elektriker etc.).",
            "AST skal tilbyde relevante kurser",
            "Give brugerne reel indflydelse på aktiviteter i AST",
            "Aktive brugerråd hvor rammerne for reel indflydelse er tydelige.",
            "Støtte til den enkelte at udleve ønsket om medindflydelse",
            "Et budget for brugerne, som de kan råde over",
            "Bred brugerrepræsentation på alle niveauer i organisationen.",
        ],
    ),
    (
        "Konkret hjælp og støtte til at tage aktivt medborgerskab",
        0,
        [
            "Tilbyde mentorordninger",
            "Afklarende forløb for den enkelte omkring aktivt medborgerskab",
            "Samle interessegrupper på tværs af tilbuddene",
            "Væresteder skal formidle kontakten til relevante aktører i fx jobcenteret, psykiatrien",
            "Samarbejde med foreninger i lokalområdet fx lokale biblioteker kulturhuse, "
            "sportsklubber, sundhedshuse mm.",
            "Indgå i arrangeringen af aktiviteter i lokalområdet",
            "AST skal styrke brugen af ledsagere, så brugere med social fobi og angst lettere kan "
            "være med, fx gennem personer ala natteravne til at gå tur med brugere",
            "Netværksgrupper eller små fællesskaber af brugere af 2-3 personer, der kan støtte "
            "hinanden",
        ],
    ),
    (
        "Kvalificeret peer-to-peer ordning",
        1,
        [
            "Fælles uddannelse og sparring på tværs af tilbuddene, så peer-topeer udvikles på "
            "alle tilbuddene.",
            "Peers skal overtage tilbuddene og drive dem engang imellem",
            "Etablere et peer-korps, der kan reklamere for ordningen",
            "Udbyde pee-to-peer opgaver som konsulentopgaver til normal løn",
            "Der bør laves både rene peer-to-peer og peer-ansættelser/ frivilligt arbejde",
            "AST skal samarbejde med LAP (brugernes organisation) omkring nye tilgange og metoder",
            "Der skal tænkes bredt i, hvilke behov brugerne har ift. job, uddannelse, livsstil, "
            "inklusion og øvrige behov",
            "Samtale- og netværksgrupper",
        ],
    ),
    (
        "Bidrage til at gendanne netværk og følelsen af at høre til",
        1,
        [
            "Personlig kontaktperson der er dannet efter personlig relation",
            "AST skal bidrage til netværksdannelse mellem borgerne",
            "Der skal laves aktiviteter der går på tværs af tilbud til borgere med psykiske "
            "problemer",
            "Der skal laves aktiviteter for brugere og borgere, der ikke kommer i centeret",
            "Der skal skabes rummelige tilbud, hvor man kan komme selvom man har det rigtig skidt.",
            "Medarbejdere skal kunne ledsage brugerne til aktiviteter/aftaler ud af huset",
        ],
    ),
    (
        "Støtte til og ambitioner for den enkelte",
        2,
        [
            "Brugerinddragelse i planlægningen",
            "Opdelte tilbud med forskellige aktiviteter, der passer brugernes behov for støtte",
            "Flere ansatte med brugerbaggrund",
            "Fælles aktiviteter på tværs af tilbud og ture ud af huset",
            "Samtalegrupper omkring det gode liv",
            "Særlig støtte til borgere med anden etnisk baggrund end dansk.",
            "Skabe en god kultur på stedet, hvor ros og anerkendelse er en del af tonen og hvor "
            "fagligheden hos medarbejderne er i fokus",
            "Ambitioner på brugernes vegne",
            "Netværksskabende tilbud, fx ved at ansætte en netværksmedarbejder, bruge frivillige "
            "uden for systemet",
        ],
    ),
    (
        "Modvirke isolation",
        2,
        [
            "Bred åbningstid, der afspejler brugernes behov",
            "Følgeordning/uddanne følgesvende + bus mellem centrene",
            "Brugere med mere overskud henter brugere med mindre overskud",
            "AST skal være mere opsøgende, når brugere ikke kommer. Medarbejdere skal vise "
            "interesse, måske tage hjem og banke på. Evt. med socialrådgivere og peer-to-peer "
            "medarbejdere",
            "Medarbejdere i AST skal have en tværkulturel forståelse",
            "AST skal have en bred kontakt med det lokale foreningsliv og civilsamfundet",
            "Mulighed for at være anonym i alle centre",
            "Der skal være nogle fælles aktiviteter, fx fælles spisning",
        ],
    ),
    (
        "Hjælp til brugerne med kontakt til systemet",
        2,
        [
            "Samarbejde med personalet på tværs af AST er rundt i byen",
            "Direkte telefonlinjer til medarbejdere i relevante forvaltninger",
            "Fleksibilitet i arbejdsformer så AST-medarbejdere også kan lave udgående opgaver, fx "
            "følge med borgere til møder.",
            "Fremskudt sagsbehandling i AST/andre myndigheder, der har besøgstid i tilbuddet",
            "Etablere samarbejdsfora (fx med udspring i Psykiatriens Hus)",
            "Nyhedsbrev fra de enkelte tilbud sendes rundt til alle tilbud",
            "Turnusordninger for medarbejdere i AST og medarbejdere fra andre systemer",
            "Flerkulturel kommunikation",
        ],
    ),
]

WORKSHOP_2_PURPOSE = (
    "At komme et spadestik dybere og tættere på nogle scenarier for aktivitets- og "
    "samværstilbuddenes fremtidige organisering, faglige indhold og placering. Fokus i dag: "
    "rammen om tilbud; størrelse, indretning, åbningstider, brugergrupper og afstand."
)
WORKSHOP_2_THEMES = ["Åbningstider", "Brugergruppen", "Afstand", "Indretning og størrelse"]
WORKSHOP_2_QUESTION = "Hvordan skal aktivitets- og samværstilbuddene i Nordvest se ud?"
WORKSHOP_2_PROGRAMME = [
    "Præsentationsrunde i grupperne",
    "Prioritering af temaer (fagligt spor)",
    "Åbningstider",
    "Pause",
    "Brugergruppen",
    "Afstand",
    "Pause",
    "Indretning og størrelse",
    "Tak for i dag (ca. kl. 12)",
]

JOINT_TABLE = "Samlet opsamling fra bordene"


def _themes(process: Process, titles: list[str], first_order: int, questions: list[str]):
    themes = []
    for offset, title in enumerate(titles):
        theme, _created = Theme.objects.update_or_create(
            process=process, title=title, defaults={"order": first_order + offset}
        )
        for order, text in enumerate(questions):
            ThemeQuestion.objects.update_or_create(
                theme=theme, text=text, defaults={"order": order}
            )
        themes.append(theme)
    return themes


def _workshop(process: Process, district: District, title: str, **fields) -> Workshop:
    workshop, _created = Workshop.objects.update_or_create(
        process=process, district=district, title=title, defaults=fields
    )
    return workshop


def _programme(workshop: Workshop, lines: list[str]) -> None:
    for order, text in enumerate(lines):
        ProgrammeItem.objects.update_or_create(
            workshop=workshop, order=order, defaults={"text": text, "time": None}
        )


@transaction.atomic
def seed() -> None:
    district = District.objects.get(slug="nordvest")
    process, _created = Process.objects.update_or_create(
        name=PROCESS_NAME, defaults={"description": PROCESS_DESCRIPTION}
    )
    for kind, title, date, description in MILESTONES:
        Milestone.objects.update_or_create(
            process=process,
            title=title,
            defaults={"kind": kind, "date": date, "description": description},
        )

    themes_1 = _themes(process, WORKSHOP_1_THEMES, 1, WORKSHOP_1_QUESTIONS)
    workshop_1 = _workshop(
        process,
        district,
        "Workshop 1",
        date=datetime.date(2015, 9, 8),
        purpose="Hvad skal aktivitets og samværstilbuddene i Nordvest kunne? Idéer og synspunkter",
    )
    workshop_1.themes.set(themes_1)
    table, _created = Table.objects.update_or_create(
        workshop=workshop_1, number=1, defaults={"name": JOINT_TABLE}
    )
    for heading, theme_index, texts in WORKSHOP_1_INPUTS:
        tag, _created = Tag.objects.get_or_create(name=heading)
        theme = themes_1[theme_index]
        question = theme.questions.get(text=ANSWERED_QUESTION)
        for text in texts:
            item, _created = Input.objects.get_or_create(
                table=table, theme=theme, text=text, defaults={"question": question}
            )
            item.tags.add(tag)

    themes_2 = _themes(process, WORKSHOP_2_THEMES, 4, [WORKSHOP_2_QUESTION])
    workshop_2 = _workshop(
        process,
        district,
        "Workshop 2",
        date=datetime.date(2015, 10, 1),
        end_time=datetime.time(12, 0),
        purpose=WORKSHOP_2_PURPOSE,
    )
    workshop_2.themes.set(themes_2)
    _programme(workshop_2, WORKSHOP_2_PROGRAMME)

    seed_amager_practice(process)


PRACTICE_TITLE = "Øve-workshop på Amager"
PRACTICE_PURPOSE = (
    "DEMODATA – opdigtet, ikke fra materialet fra 2015. En øve-workshop på Amager, så demo-brugerne "
    "kan prøve at indtaste input fra bordene, vise dem på storskærmen og prikke-stemme fra en "
    "telefon. Den varer hele dagen i dag, og datoen rykkes frem, hver gang demoen indlæses, så "
    "afstemningskoden virker."
)
PRACTICE_THEMES = ["Åbningstider", "Bruger til bruger"]
PRACTICE_TABLES = [
    (1, "Det grønne bord", {"users": 5, "relatives": 0, "staff": 2, "partners": 0}),
    (2, "Det gule bord", {"users": 4, "relatives": 1, "staff": 1, "partners": 1}),
]
# (table number, theme, text, tags)
PRACTICE_INPUTS = [
    (1, "Åbningstider", "Åbent to aftener om ugen, også for dem, der arbejder", ["aftenåbent"]),
    (1, "Åbningstider", "Fælles aftensmad om torsdagen", []),
    (2, "Åbningstider", "Weekendåbent på skift mellem Nabo og Kompasset", ["aftenåbent"]),
    (1, "Bruger til bruger", "Brugere viser nye brugere rundt den første dag", ["peer-to-peer"]),
    (2, "Bruger til bruger", "Et fast peer-korps med aflønnede peers", ["peer-to-peer"]),
    (2, "Bruger til bruger", "Brugerne står selv for nogle af aktiviteterne", []),
]
PRACTICE_SCENARIO = "Udvidet åbningstid med peer-værter (øvescenarie)"
PRACTICE_SCENARIO_DESCRIPTION = (
    "DEMODATA – opdigtet. Nabo og Kompasset deler aften- og weekendåbningen, og peer-værter tager "
    "imod nye brugere."
)
PRACTICE_POINTS = [
    (ScenarioPoint.Kind.STRENGTH, "Åbent, når brugerne har brug for det"),
    (ScenarioPoint.Kind.STRENGTH, "Peers bygger bro til nye brugere"),
    (ScenarioPoint.Kind.WEAKNESS, "Færre medarbejdere i dagtimerne"),
    (ScenarioPoint.Kind.OPPORTUNITY, "Samarbejde med frivillige om weekenden"),
    (ScenarioPoint.Kind.CHALLENGE, "Aflønning og uddannelse af peers"),
]


def seed_amager_practice(process: Process) -> Workshop:
    """The practice workshop for the demo logins at Amager: two tables, inputs on two themes and
    one draft scenario. It runs all of today, without start or end time, because voting is open
    only while a workshop runs (issue 19); re-seeding adds nothing, it only moves the date to
    today again."""
    district = District.objects.get(slug="amager")
    today = timezone.localdate()
    workshop, created = Workshop.objects.get_or_create(
        process=process,
        district=district,
        title=PRACTICE_TITLE,
        defaults={
            "date": today,
            "place": "Nabo, Amager",
            "purpose": PRACTICE_PURPOSE,
            "dots_per_participant": 5,
        },
    )
    if not created and workshop.date != today:
        workshop.date = today
        workshop.save(update_fields=["date"])
    themes = {theme.title: theme for theme in process.themes.filter(title__in=PRACTICE_THEMES)}
    workshop.themes.set(themes.values())
    tables = {}
    for number, name, counts in PRACTICE_TABLES:
        tables[number], _created = Table.objects.get_or_create(
            workshop=workshop, number=number, defaults={"name": name, **counts}
        )
    inputs = []
    for number, theme_title, text, tag_names in PRACTICE_INPUTS:
        item, _created = Input.objects.get_or_create(
            table=tables[number], theme=themes[theme_title], text=text
        )
        for name in tag_names:
            item.tags.add(Tag.objects.get_or_create(name=name)[0])
        inputs.append(item)
    scenario, created = Scenario.objects.get_or_create(
        process=process,
        district=district,
        title=PRACTICE_SCENARIO,
        defaults={"description": PRACTICE_SCENARIO_DESCRIPTION},
    )
    if created:
        scenario.inputs.set([inputs[0], inputs[4]])
        ScenarioPoint.objects.bulk_create(
            ScenarioPoint(scenario=scenario, kind=kind, text=text, order=order)
            for order, (kind, text) in enumerate(PRACTICE_POINTS)
        )
    return workshop
