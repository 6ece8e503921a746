"""A workshop on Amager with two themes and a table, and one on Nørrebro for scope tests."""

from dataclasses import dataclass

import pytest

from tests.workshops.factories import (
    InputFactory,
    ProcessFactory,
    TableFactory,
    ThemeFactory,
    ThemeQuestionFactory,
    WorkshopFactory,
)


@dataclass
class Workshops:
    process: object
    opening_hours: object
    peer: object
    question: object
    amager: object
    table: object
    norrebro: object
    norrebro_table: object
    norrebro_input: object


@pytest.fixture
def ws(world) -> Workshops:
    process = ProcessFactory(name="Fremtidens AST 2015")
    opening_hours = ThemeFactory(process=process, title="Åbningstider", order=1)
    peer = ThemeFactory(process=process, title="Bruger til bruger", order=2)
    question = ThemeQuestionFactory(theme=peer, text="Hvad skal AST kunne tilbyde?")
    amager = WorkshopFactory(
        process=process,
        district=world.amager,
        title="Workshop 1",
        themes=[opening_hours, peer],
    )
    table = TableFactory(workshop=amager, number=1, users=4, staff=2)
    norrebro = WorkshopFactory(
        process=process, district=world.norrebro, title="Workshop 1", themes=[opening_hours]
    )
    norrebro_table = TableFactory(workshop=norrebro, number=1)
    norrebro_input = InputFactory(
        table=norrebro_table, theme=opening_hours, text="Åbent om aftenen"
    )
    return Workshops(
        process=process,
        opening_hours=opening_hours,
        peer=peer,
        question=question,
        amager=amager,
        table=table,
        norrebro=norrebro,
        norrebro_table=norrebro_table,
        norrebro_input=norrebro_input,
    )
