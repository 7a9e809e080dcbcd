"""Recall on text nobody here wrote (issue 17, eighth round), one test per class.

Classes: birth dates whose clause runs through an abbreviation, an initial, a clock time or an
"and" inside a name, given as a day and month without a year, whose birth words
stand after the date in other words ("that's when I was born", "is actually Odile's birthday",
"On <date>, our daughter ... was born"), or with a count or an age between keyword and date;
names a small model misses: a part of a name found elsewhere in the text, the first line of a
contact card, reported speech ("said X to Y"), a name given ("named her X"), a question about
someone, a speaker in a dialogue, a possessive before what only people have, a middle initial
with its period. Every example was written for this file; each class has counterparts that must
stay undetected. Real Presidio and spaCy through ``PiiEngine`` (English, the small English model).
"""

from __future__ import annotations

import pytest

# The same engine (English, the small model; names, places, addresses, birth dates) and helper as the sixth round's.
from test_detection_outside3 import engine, of_type  # noqa: F401


# ----------------------------------------------------------------- dates of birth


@pytest.mark.parametrize(
    ("text", "date"),
    [
        # The clause runs on through an abbreviation's period and a clock time.
        ("She was born at St. Bartholomew's, up on the hill, on 12/02/1979.", "12/02/1979"),
        ("He was born at 6:15 a.m. in the back of a taxi on 3 May 1991.", "3 May 1991"),
        # Birth words after the date, said in other ways.
        ("07/21/1966 - that's when I was born, in the middle of a heatwave.", "07/21/1966"),
        ("For the record, 1988-04-30 is actually my birthday.", "1988-04-30"),
        ("12/02/1979 is Odile's birthday, write it down.", "12/02/1979"),
        ("On 2/14/2003, our daughter Wilhelmina was born.", "2/14/2003"),
        ("11 June 1975 is when my brother was born.", "11 June 1975"),
        # A count or an age between the keyword and the date belongs to no other date.
        ("DOB (age 52): 4/9/1974", "4/9/1974"),
        ("Date of birth for applicant 2231: 1969-10-02", "1969-10-02"),
        ("I came into this world on 8/8/1988 during a storm.", "8/8/1988"),
        # An "and" inside a name and an initial's period do not end the clause.
        ("I was born in Trinidad and Tobago, in a fishing village, on 3/29/1982.", "3/29/1982"),
        ("He was born in Washington D.C. during a long snowstorm on 1/30/1977.", "1/30/1977"),
        # A day and month without a year, after a birth word.
        ("My birthday is 14 September, in case you plan something.", "14 September"),
        ("I was born on March 3rd, so a Pisces.", "March 3rd"),
        ("DOB: 3 Sept.", "3 Sept."),
    ],
)
def test_birth_dates_said_in_more_ways(engine, text, date):
    assert of_type(engine, text, "DATE_OF_BIRTH") == [date]


@pytest.mark.parametrize(
    "text",
    [
        "My birthday party was moved to 5/5/2026 because of the rain.",  # the party's date
        "Birthday cake ordered for 2/2/2022, pickup at noon.",
        "The service was born on a laptop in 2019; version 3 shipped 7/7/2022.",  # a year between
        "Invoice 4471 is due 3/9/2021, before the audit.",
        "My birthday party is on May 5.",
        "I was born in May and started school on March 3.",
    ],
)
def test_dates_of_events_stay_no_birth_dates(engine, text):
    assert of_type(engine, text, "DATE_OF_BIRTH") == []


def test_a_second_date_after_a_birth_date_stays_plain(engine):
    text = "DOB 1/2/1980, last visit 3/4/2020."
    assert of_type(engine, text, "DATE_OF_BIRTH") == ["1/2/1980"]


# ----------------------------------------------------------------- names the NER misses


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # A part of a name found elsewhere in the text names the same person.
        (
            "The panel was chaired by Ottilie Brandvold, and afterwards Brandvold thanked the volunteers.",
            ["Ottilie Brandvold", "Brandvold"],
        ),
        # Its neighbours go with it when only part of the name was found elsewhere.
        (
            "They named her Wilhelmina. Years later Wilhelmina Quayle ran the ferry.",
            ["Wilhelmina", "Wilhelmina Quayle"],
        ),
    ],
)
def test_a_name_found_once_is_found_again(engine, text, names):
    assert of_type(engine, text, "PERSON") == names


def test_a_part_at_a_sentence_start_is_not_repeated(engine):
    text = "Notes by Rafael Church. Church services resume on Sunday."
    assert of_type(engine, text, "PERSON") == ["Rafael Church"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Sigrun Vandermeer\nHarbour pilot\nPort of Antwerp\nPhone: +32 3 229 67 00", "Sigrun Vandermeer"),
        ("Ilse Mbeki\n\nSenior geologist\n\nContact:\nilse@example.org", "Ilse Mbeki"),
        ("--- Ingrid Halvorsen\n--- Northwind Freight\n--- Pier 4", "Ingrid Halvorsen"),
    ],
)
def test_a_name_on_the_first_line_of_a_contact_card(engine, text, name):
    assert name in of_type(engine, text, "PERSON")


@pytest.mark.parametrize(
    "text",
    [
        "Quarterly Report\nRevenue grew by four percent.",
        "Release Notes\n\nFixed a crash on start.",
        "Getting Started\nInstall the package first.",
    ],
)
def test_a_heading_is_no_contact_card(engine, text):
    assert of_type(engine, text, "PERSON") == []


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ('"Not again," said Ottilie to Bram.', ["Ottilie", "Bram"]),
        ("They named her Wilhelmina after her grandmother.", ["Wilhelmina"]),
        ("Why is Grigore so quiet today?", ["Grigore"]),
        ("What's your name? Odile Valdivia", ["Odile Valdivia"]),
        ("Report filed by Djordje K. Valdivia yesterday.", ["Djordje K. Valdivia"]),
        ("I still have Halvorsen's phone number somewhere.", ["Halvorsen"]),
        ("Ottilie: Are you coming?\nBartholdy: In a minute.\nOttilie: Hurry up.", ["Ottilie", "Bartholdy", "Ottilie"]),
    ],
)
def test_names_by_what_is_said_of_them(engine, text, names):
    assert of_type(engine, text, "PERSON") == names


@pytest.mark.parametrize(
    "text",
    [
        '"It works," said Support to the team.',  # a dictionary word
        "Why is Kubernetes so complex?",  # not a known name: a question about a thing
        "Kubernetes is from Google, originally.",
        "Here is Heroku's address for billing.",
        "What's your name? Nothing special, just call.",
        "See Section B. Overview for details.",
        "Note: restart the service.\nWarning: this deletes data.",
    ],
)
def test_things_said_of_things_stay_undetected(engine, text):
    assert of_type(engine, text, "PERSON") == []
