"""Recall on text nobody here wrote (issue 17, helper h17j): people and birth dates, one test per class.

Classes: names of countries that write in Cyrillic, Greek or Chinese characters, spelled in Latin
letters ("Yevgeniy", "Giorgos", "Chia-Hao"); a person a small English model tags as an organization,
read back where the words around say a person is meant (a role before, a known name, a request or a
verb only people do, a possessive of what people have), with the surname the model left out; a
role before a name the model took for a place ("Nurse Adeyemi"). Birth dates: a lifespan in
brackets after a name, a month and year further on in the clause of "born", the answer on the line
after a question about a birth date, and a birth word after a date that opens a date of its own
(which is not the earlier date's). Every example was written for this file; each class has
counterparts that must stay undetected. Real Presidio and spaCy through ``PiiEngine`` (English,
the small English model).
"""

from __future__ import annotations

import pytest
from conftest import of_type

# The same engine (English, the small model; names, places, addresses, birth dates) as the sixth round's.
from test_detection_outside3 import engine  # noqa: F401

from pii_rails.detection.predefined.lexicon import family_names, given_names

# ----------------------------------------------------------------- romanized names


@pytest.mark.parametrize("name", ["Yevgeniy", "Dmitry", "Oleksandr", "Giorgos", "Konstantinos", "Chia-Hao"])
def test_romanized_given_names_are_known(name):
    assert name in given_names()


@pytest.mark.parametrize("name", ["Papadakis", "Kovalenko", "Sokolova"])
def test_romanized_family_names_are_known(name):
    assert name in family_names()


@pytest.mark.parametrize("word", ["Semen", "Done", "Baby"])
def test_romanized_names_leave_out_words(word):
    # Dictionary words stay out of the lists, whatever a locale spells so ("Семён", "Доне", "Баби").
    assert word not in given_names()


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Why is Yevgeniy always so quiet?", "Yevgeniy"),
        ("Why is Athanasios never on time?", "Athanasios"),
        ("As promised, here's Vsevolod's address: it's on the letter.", "Vsevolod"),
    ],
)
def test_romanized_names_in_sentences(engine, text, name):  # noqa: F811
    assert name in of_type(engine, text, "PERSON")


# ----------------------------------------------------------------- organizations that are people


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Giorgos Papadakis will call you tomorrow.", "Giorgos Papadakis"),
        ("Coach Petrov announced the team on Friday.", "Petrov"),
        ("Kofi's car is parked outside the gate.", "Kofi"),
        ("Rental desk note: customer Aminu Ndiaye returned the van.", "Aminu Ndiaye"),
        ("Nurse Adeyemi checked the chart twice.", "Adeyemi"),
    ],
)
def test_organization_read_as_person(engine, text, name):  # noqa: F811
    assert name in of_type(engine, text, "PERSON")


@pytest.mark.parametrize(
    "text",
    [
        "Deutsche Telekom raised prices again.",
        "Goldman Sachs reported earnings on Tuesday.",
        "Rose gold and Sierra blue are back in stock, Olive is sold out until May.",
        "Tata Consultancy Services hired 500 graduates.",
        "Mitsubishi Heavy Industries won the bid.",
        "We use Slack, Jira and Confluence every day.",
    ],
)
def test_organizations_stay_undetected(engine, text):  # noqa: F811
    assert of_type(engine, text, "PERSON") == []


# ----------------------------------------------------------------- dates of birth


@pytest.mark.parametrize(
    ("text", "date"),
    [
        # A lifespan after a name: the first date is the birth date.
        ("Ilse Vandam (14 March 1931 – 2 June 2004) was a harbour pilot.", "14 March 1931"),
        ("Jan Kowalski (3/4/1931 - 5/6/2001) ran the bakery.", "3/4/1931"),
        # A month and year further on in the clause of "born".
        ("Mirela was born in a small village near the coast in April 1976.", "April 1976"),
        # The answer on the line after a question about a birth date.
        ("Agent: Thanks. Could I also have your date of birth for the security check, please?\nCaller: sure thing, it's 11/23/1968", "11/23/1968"),
        ("Q: and when is your birthday, if you don't mind me asking?\nA: oh it is 2 August 1990", "2 August 1990"),
    ],
)
def test_birth_dates_found(engine, text, date):  # noqa: F811
    assert of_type(engine, text, "DATE_OF_BIRTH") == [date]


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        # A lifespan's end is a death date; a bracket of event dates is no lifespan.
        ("Jan Kowalski (3/4/1931 to 5/6/2001) ran the bakery.", ["3/4/1931"]),
        ("The Harbour Festival (May 3, 2024 to May 5, 2024) was sold out.", []),
        # Another clause's month and year, and a birthday's trip.
        ("She was born in Lyon, where she opened a bakery in March 2015.", []),
        ("For my birthday we flew to Rome in May 2019.", []),
        # The birth word after a date opens a date of its own.
        ("Member since 4/17/2001, born 4/17/1976.", ["4/17/1976"]),
        ("Joined 2001-04-17, DOB 1976-04-17", ["1976-04-17"]),
        # A question about something else, answered with a date.
        ("Agent: When did the parcel arrive?\nCaller: on 11/23/2024", []),
    ],
)
def test_birth_date_counterparts(engine, text, dates):  # noqa: F811
    assert of_type(engine, text, "DATE_OF_BIRTH") == dates
