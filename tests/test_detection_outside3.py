"""Recall on text nobody here wrote (issue 17, sixth round), one test per class.

Classes: a birth date whose birth words stand after it ("3/9/1979 is my birthday") or further back
in the same clause than the keyword window reaches, or with an age next to it that its year agrees
with; the person a plain statement is about, first
thing in a sentence ("Carol is a very kind person", "Iwao lives on ..."); a town, region code,
country or postal code after a unit on the street's line while the sentence goes on. Every example
was written for this file; each class has counterparts that must stay undetected. Real Presidio
and spaCy through ``PiiEngine`` (English, the small English model).
"""

from __future__ import annotations

import datetime

import pytest
from conftest import of_type

from pii_rails import PiiEngine

ENTITIES = ["PERSON", "LOCATION", "STREET_ADDRESS", "DATE_OF_BIRTH"]


@pytest.fixture(scope="module")
def engine():
    return PiiEngine.from_dict({"language": "en", "input": {"entities": ENTITIES}})


# ----------------------------------------------------------------- dates of birth


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("For the form: 3/9/1979 is my birthday, not the 8th.", "3/9/1979"),
        ("The clinic has 1962-11-30 (date of birth) on file.", "1962-11-30"),
        ("21 August 1990 - the day I was born, a Tuesday.", "21 August 1990"),
        ("Write 07.02.1958, which was when she was born.", "07.02.1958"),
        ("Oh and 12/28/1944 was his date of birth, so he is old.", "12/28/1944"),
        ("I was born in a lighthouse keeper's cottage up the coast on 5 May 1983.", "5 May 1983"),
        ("Her birthday, if the insurer asks about it again, is 11/02/1975.", "11/02/1975"),
    ],
)
def test_birth_words_after_the_date_or_far_back_in_its_clause(engine, text, date):
    assert of_type(engine, text, "DATE_OF_BIRTH") == [date]


@pytest.mark.parametrize(
    "text",
    [
        "Invoice 3/9/2019 is my responsibility, not yours.",  # no birth word at all
        "The release of 2021-06-14 is the version we ship.",
        "He was born up north and started work at the mill on 4/4/1999.",  # another clause's date
        "After the party on 12/05/2021 we left for the coast.",
    ],
)
def test_dates_of_other_events_are_no_birth_dates(engine, text):
    assert of_type(engine, text, "DATE_OF_BIRTH") == []


def test_an_age_next_to_a_date_whose_year_agrees_makes_it_a_birth_date(engine):
    year = datetime.date.today().year
    born = f"04/11/{year - 41}"
    assert of_type(engine, f"Rhea Castell, 41 years old, {born}, moved here in spring.", "DATE_OF_BIRTH") == [born]
    assert of_type(engine, f"Lena Ortiz {born} (aged 41) called again.", "DATE_OF_BIRTH") == [born]
    # The year does not agree with the age: a visit or an event, not a birth.
    visit = f"3/4/{year - 2}"
    assert of_type(engine, f"Patient aged 67, seen on {visit} for a cough.", "DATE_OF_BIRTH") == []
    assert of_type(engine, f"A 12 year old server, installed 5/6/{year - 30}, still runs.", "DATE_OF_BIRTH") == []


# ----------------------------------------------------------------- the subject of a statement


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Carol is a very patient person, everyone says so.", "Carol"),
        ("Ingrid lives on the second floor of that house.", "Ingrid"),
        ("Oskarina spent a summer at the lake house with us.", "Oskarina"),
        ("We asked around. Wenonah grew up near the old mill.", "Wenonah"),
        ("Fenella had given the keys to the neighbour.", "Fenella"),
    ],
)
def test_the_person_a_plain_statement_is_about(engine, text, name):
    assert name in of_type(engine, text, "PERSON")


@pytest.mark.parametrize(
    "text",
    [
        "Hope is a very powerful thing in hard times.",  # a word that is also a given name, not said of a person
        "Kubernetes lives in its own namespace here.",
        "Docker spent a long time on that build.",
        "Battery is a very small part of the cost.",
        "This lives in the config file.",
    ],
)
def test_things_and_words_before_the_same_verbs_are_no_names(engine, text):
    assert of_type(engine, text, "PERSON") == []


# ----------------------------------------------------------------- the end of a street address


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("Send it to 14 Harbour Road Apt. 7 Tromsø NO after lunch.", "14 Harbour Road Apt. 7 Tromsø NO"),
        (
            "Please ship to 220 Kestrel Lane Suite 300 Bergen Norway as soon as you can.",
            "220 Kestrel Lane Suite 300 Bergen Norway",
        ),
        ("My flat is 9 Oak Street Apt. 2 Swindon SN 40211 for the record.", "9 Oak Street Apt. 2 Swindon SN 40211"),
    ],
)
def test_town_region_and_country_after_a_unit_on_the_same_line(engine, text, address):
    assert of_type(engine, text, "STREET_ADDRESS") == [address]


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("Meet at 45 Elm Street Suite 12 Please call first.", "45 Elm Street Suite 12"),
        ("Deliver to 12 Main St Apt. 4 ASAP please.", "12 Main St Apt. 4"),
    ],
)
def test_words_after_a_unit_that_are_no_town_stay_outside(engine, text, address):
    assert of_type(engine, text, "STREET_ADDRESS") == [address]
