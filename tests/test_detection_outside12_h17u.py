"""Street addresses found whole with the ends a reader gives them (issue 17, h17u), examples written here.

Classes: the corner of any two streets (with or without numbers or type words); a street crossing a
street address, named before it ("at Halima and 52 Orchard Road"); a street's name written before its
number, glued to a street read from that number; the sentence's full stop or second type word after a
street; a Hungarian house number's dot; a building number and a house number around a Romance street;
a "<name> <number> street" reference; town lines with particles, districts and one-letter provinces.
Each class has a counterpart that must stay as it is. Real Presidio and spaCy, through ``PiiEngine``,
English with the small English model.
"""

from __future__ import annotations

import pytest

from pii_rails import PiiEngine

ENTITIES = ["PERSON", "LOCATION", "STREET_ADDRESS", "PHONE_NUMBER"]


@pytest.fixture(scope="module")
def engine():
    return PiiEngine.from_dict({"language": "en", "input": {"entities": ENTITIES}})


def found(engine, text):
    return [(s.entity_type, text[s.start : s.end]) for s in engine.detect(text, language="en")]


def typed(engine, text, entity):
    return [value for kind, value in found(engine, text) if kind == entity]


# ----------------------------------------------------------------- corners


@pytest.mark.parametrize(
    "text, street",
    [
        ("Pick me up at the corner of 45 Mercer Lane and Ostrava Hills tonight.", "45 Mercer Lane and Ostrava Hills"),
        ("Courier note: the corner of Tallinna 14 and Rüütli Gardens", "Tallinna 14 and Rüütli Gardens"),
        ("The kiosk stands at the corner of Petőfi út 21. and Kowalski Pass.", "Petőfi út 21. and Kowalski Pass"),
        ("It is on the corner of 9 Agios Nikolaos Lakka and Brandt Ridge", "9 Agios Nikolaos Lakka and Brandt Ridge"),
        ("we meet at the corner of vesivärava 7 and koidu alley.", "vesivärava 7 and koidu alley"),
    ],
)
def test_corner_of_two_streets_is_one_address(engine, text, street):
    assert typed(engine, text, "STREET_ADDRESS") == [street]
    # No name of a crossing street stays a person or a place inside the address.
    assert not [v for v in typed(engine, text, "PERSON") + typed(engine, text, "LOCATION") if v in street]


@pytest.mark.parametrize(
    "text",
    [
        "I sat in the corner of the room and the window was open.",
        "The corner of Europe and Asia is a busy crossroads.",
        "She kept it in the corner of her desk and the shelf.",
    ],
)
def test_corner_phrases_that_are_no_streets(engine, text):
    assert not typed(engine, text, "STREET_ADDRESS")


# ----------------------------------------------------------------- a cross street named first


@pytest.mark.parametrize(
    "text, street",
    [
        ("The workshop is at Halima and 52 Orchard Road", "Halima and 52 Orchard Road"),
        ("Bring the keys to Tamsin and 7 Lowther Street before noon.", "Tamsin and 7 Lowther Street"),
        ("Meet me at Radka and Vrchlického 15", "Radka and Vrchlického 15"),
        ("Delivery address:\nOskari and Kauppakatu 31", "Oskari and Kauppakatu 31"),
        ("Drop it at Cedar Avenue and 9 Birch Lane.", "Cedar Avenue and 9 Birch Lane"),
    ],
)
def test_cross_street_before_a_street_address(engine, text, street):
    assert typed(engine, text, "STREET_ADDRESS") == [street]
    assert not [v for v in typed(engine, text, "PERSON") if v in street]


def test_words_before_and_that_are_no_streets(engine):
    text = "It is Monday and 12 Main Street is closed."
    assert typed(engine, text, "STREET_ADDRESS") == ["12 Main Street"]
    text = "We flew to London and 221B Baker Street was our first stop."
    assert typed(engine, text, "STREET_ADDRESS") == ["221B Baker Street"]
    assert typed(engine, text, "LOCATION") == ["London"]


# ----------------------------------------------------------------- a street's name before its number


@pytest.mark.parametrize(
    "text, street",
    [
        ("Ellen Dahl\nNordre Kirkegyde 14 Harbor Lane\nApt. 3\nAalborg\nDenmark 9000",
         "Nordre Kirkegyde 14 Harbor Lane\nApt. 3\nAalborg\nDenmark 9000"),
        ("Our depot is at Ziegelofengasse 8 Miller Court", "Ziegelofengasse 8 Miller Court"),
    ],
)  # fmt: skip
def test_street_name_glued_before_a_number_first_street(engine, text, street):
    assert street in typed(engine, text, "STREET_ADDRESS")


def test_a_name_on_the_line_above_stays_apart(engine):
    text = "Thanks, Anna\n12 Main Street"
    assert typed(engine, text, "STREET_ADDRESS") == ["12 Main Street"]
    assert typed(engine, text, "PERSON") == ["Anna"]


# ----------------------------------------------------------------- what a sentence adds after a street


@pytest.mark.parametrize(
    "text, street",
    [
        ("Buses stop on 7 Quarry Way St. every hour", "7 Quarry Way"),
        ("Cyclists use 310 Fenwick Drive St. on Sundays", "310 Fenwick Drive"),
        ("The shuttle leaves from 14 rue des Tanneurs St. at nine", "14 rue des Tanneurs"),
        ("She lives at 40 Harlow Ave.", "40 Harlow Ave"),
        ("She lives at 40 Harlow Ave. The door is blue.", "40 Harlow Ave"),
    ],
)
def test_the_sentences_type_word_and_full_stop_stay_outside(engine, text, street):
    assert typed(engine, text, "STREET_ADDRESS") == [street]
    # The type word left over is no person and no place.
    assert not typed(engine, text, "PERSON") and not typed(engine, text, "LOCATION")


@pytest.mark.parametrize(
    "text, street",
    [
        ("He lives at 5 Milky Way Drive.", "5 Milky Way Drive"),
        ("She lives at 12 Avenue Road.", "12 Avenue Road"),
        ("She lives at 40 Harlow Ave. in the blue house", "40 Harlow Ave."),
    ],
)
def test_type_words_and_dots_of_the_street_stay_inside(engine, text, street):
    assert typed(engine, text, "STREET_ADDRESS") == [street]


def test_hungarian_house_number_keeps_its_dot(engine):
    assert typed(engine, "Our office is at Dózsa György út 12. in Szeged", "STREET_ADDRESS")[0] == "Dózsa György út 12."
    assert typed(engine, "Our office is at Bartók Béla rkp. 7.", "STREET_ADDRESS") == ["Bartók Béla rkp. 7."]


# ----------------------------------------------------------------- Romance streets between two numbers


@pytest.mark.parametrize(
    "text, street",
    [
        ("Send it to 56 Avda. Las palmas 8 please", "56 Avda. Las palmas 8"),
        ("The flat is at 4410 Rua Professor Almeida Garrett 77", "4410 Rua Professor Almeida Garrett 77"),
        ("The flat is at 4410 R Professor Almeida Garrett 77", "4410 R Professor Almeida Garrett 77"),
        ("Return it to 812 Via dalla Punt 12", "812 Via dalla Punt 12"),
    ],
)
def test_building_number_street_and_house_number(engine, text, street):
    assert typed(engine, text, "STREET_ADDRESS") == [street]


def test_a_count_after_a_romance_street_stays_outside(engine):
    assert typed(engine, "We are at 12 Avda. Los pinos 5 minutes away", "STREET_ADDRESS") == ["12 Avda. Los pinos"]


# ----------------------------------------------------------------- "<name> <number> street"


@pytest.mark.parametrize(
    "text, street",
    [
        ("The poem refers to Ribeira Seca 41 street in Velas.", "Ribeira Seca 41"),
        ("my cousin lives on kvistgaard 6 street.", "kvistgaard 6"),
    ],
)
def test_name_and_number_before_the_word_street(engine, text, street):
    assert street in typed(engine, text, "STREET_ADDRESS")


def test_counts_before_the_word_street_stay_undetected(engine):
    assert not typed(engine, "Chapter 12 street art is covered on page 4.", "STREET_ADDRESS")


# ----------------------------------------------------------------- town lines


@pytest.mark.parametrize(
    "text, street",
    [
        ("Ship to 41 Lipová 9 Suite 12 Brandýs nad Labem SC", "41 Lipová 9 Suite 12 Brandýs nad Labem SC"),
        ("Deliver to 14 Marston Road\n Apt. 3\n Ústí nad Labem 2\n Czech Republic 40001",
         "14 Marston Road\n Apt. 3\n Ústí nad Labem 2\n Czech Republic 40001"),
        ("Post it to 5521 Ferrol Lane Suite 80\nVillanueva de Gállego\n, Z\n Spain 50830",
         "5521 Ferrol Lane Suite 80\nVillanueva de Gállego\n, Z\n Spain 50830"),
    ],
)  # fmt: skip
def test_town_lines_with_particles_districts_and_provinces(engine, text, street):
    assert typed(engine, text, "STREET_ADDRESS") == [street]


def test_a_capital_letter_line_without_a_postal_code_ends_the_address(engine):
    text = "Ship to 5521 Ferrol Lane Suite 80\nVillanueva\n, B\nthanks a lot"
    assert all("thanks" not in value and ", B" not in value for value in typed(engine, text, "STREET_ADDRESS"))


# ----------------------------------------------------------------- lower-case chat


@pytest.mark.parametrize(
    "text, street",
    [
        ("the bakery is at 77 hradební 214", "77 hradební 214"),
        ("the shop is at ingrid and vesijärvenkatu 12", "ingrid and vesijärvenkatu 12"),
        ("my address is 3381 14 skovbrynet", "3381 14 skovbrynet"),
    ],
)
def test_lower_case_streets_after_words_that_say_where(engine, text, street):
    assert typed(engine, text, "STREET_ADDRESS") == [street]


@pytest.mark.parametrize(
    "text",
    [
        "the price is at 10 usd 20",
        "the meeting is at home and 12 people came",
        "the party is at 8 and dinner at 9",
        "she is at uni 2 days a week",
    ],
)
def test_lower_case_counts_and_times_stay_undetected(engine, text):
    assert not typed(engine, text, "STREET_ADDRESS")
