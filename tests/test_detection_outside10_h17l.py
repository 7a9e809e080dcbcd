"""Birth dates on text nobody here wrote (issue 17, helper h17l): one test per class.

Classes: the date first and who was born later in the clause ("On 3/29/1982, in a small hospital in
Lyon, Jane Doe was born"), a cleft ("It was on ... that ... was born"), a timeline line ("1982-03-29 -
Jane Doe born in Lyon"), "came into the world", the next sentence's "That's the day I was born"; a house number or a ZIP code between "born" and the
date; one more date in a list whose owner is a relative or a possessive ("..., my daughter on ...",
"... and my husband's is ..."); an age that agrees with the date as of when a record was written,
years back; a record line with a known person's name and an old date between separators; a
label glued to the date by a dash; an XML element named as a birth date; Portuguese months.
Precision: a bound on birth dates ("born before 1/1/1990") is no one's birth date; another event of
a life after "born in Lyon" ("and moved on ...") takes the date. Every example was written for this file; each class has
counterparts that must stay undetected. Real Presidio and spaCy through ``PiiEngine``.
"""

from __future__ import annotations

import datetime

import pytest
from conftest import of_type

# The same engine (English, the small model; names, places, addresses, birth dates) as the sixth round's.
from test_detection_outside3 import engine  # noqa: F401

from pii_rails import PiiEngine
from pii_rails.detection.predefined.dates import _age_agrees


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        # The date first, who was born later in the clause.
        ("On 3/29/1982, in a small hospital in Lyon, Jane Doe was born.", ["3/29/1982"]),
        ("On 1979-11-02 the twins were born.", ["1979-11-02"]),
        ("It was on 14 July 1990 that Amara was born.", ["14 July 1990"]),
        ("1982-03-29 - Tomasz Nowak born in Gdansk", ["1982-03-29"]),
        ("5/6/1971 was when my first child came into the world.", ["5/6/1971"]),
        ("12/09/1965 marks the birth of our son.", ["12/09/1965"]),
        # The words that name it in the next sentence, "That's ...".
        ("1982-03-29. That's the day I was born.", ["1982-03-29"]),
        ("Write down 3/29/1982. It is my date of birth.", ["3/29/1982"]),
        # An address between "born" and the date.
        ("I was born at 4521 Oak Avenue, Springfield, IL 62704 on 3/29/1982.", ["3/29/1982"]),
        # One more date in a list, whose owner is a relative or a possessive.
        ("My son was born on 3/29/1982 and my daughter on 4/2/1985.", ["3/29/1982", "4/2/1985"]),
        ("My DOB is 7/1/1975 and my husband's is 2/10/1973.", ["7/1/1975", "2/10/1973"]),
        ("Ines's birthday is 1990-01-05, Tomas's is 1988-06-30.", ["1990-01-05", "1988-06-30"]),
        # A record line: a known name, an old date between separators.
        ("Pt. Maria Lopez, 3/29/1962, presented with chest pain.", ["3/29/1962"]),
        ("Daniel Weber | 1958-12-01 | Hamburg", ["1958-12-01"]),
        # A label glued to the date, an XML element.
        ("DOB-3/29/1982", ["3/29/1982"]),
        ("<DateOfBirth>1982-03-29</DateOfBirth>", ["1982-03-29"]),
    ],
)
def test_birth_dates_found(engine, text, dates):  # noqa: F811
    assert of_type(engine, text, "DATE_OF_BIRTH") == dates


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        # Who was born is not the date's: a relative clause, a meeting, a later event.
        ("On 3/4/2010 I met a man who was born in Lyon.", []),
        ("On 3/4/2010 I visited the hospital where I was born.", []),
        ("On 3/4/2010 my first born son started school.", []),
        ("3/4/2010 marks the birth of jazz in our town.", []),
        ("The party is on 3/4/2026. That's my birthday party.", []),
        ("Shipped 3/4/2024. That's the tracking date.", []),
        # A list whose next item is another kind of event.
        ("I was born on 3/29/1982 and my wedding was on 6/1/2010.", ["3/29/1982"]),
        # A recent date after a name, an unknown name, a range.
        ("Signed, Jane Doe, 3/29/2024", []),
        ("Microsoft Corp, 3/29/1982, filed.", []),
        ("Jane Doe, 3/29/1982 to 4/2/1990", []),
        # A bound on birth dates, and another event of a life after "born in <place>".
        ("Anyone born before 1/1/1990 can apply.", []),
        ("Children born between 1/1/2010 and 12/31/2012 are eligible.", []),
        ("She was born in Lyon and moved on 3/4/2010.", []),
        ("He was born in Texas and retired on 3/4/2001.", []),
    ],
)
def test_birth_date_counterparts(engine, text, dates):  # noqa: F811
    assert of_type(engine, text, "DATE_OF_BIRTH") == dates


def test_age_agrees_with_a_record_written_years_back():
    this_year = datetime.date.today().year
    # A record of seven years ago: "37 years old, born 3/29/(this year - 44)".
    assert _age_agrees(this_year - 44, 37)
    assert _age_agrees(this_year - 37, 37)
    # A date of some other event next to an adult's age: the birth would lie in the future.
    assert not _age_agrees(this_year - 7, 37)
    # A child's age must agree with today.
    assert _age_agrees(this_year - 5, 5)
    assert not _age_agrees(this_year - 8, 5)


def test_age_and_birth_date_of_an_older_record(engine):  # noqa: F811
    year = datetime.date.today().year - 44
    text = f"Jane Doe, 37 years old, 3/29/{year}"
    assert of_type(engine, text, "DATE_OF_BIRTH") == [f"3/29/{year}"]
    # A visit's date next to the same age is no birth date.
    visit = datetime.date.today().year - 7
    assert of_type(engine, f"Jane Doe, 37 years old, seen on 3/4/{visit}", "DATE_OF_BIRTH") == []


@pytest.fixture(scope="module")
def portuguese():
    return PiiEngine.from_dict({"language": "pt", "regex_only": True, "input": {"entities": ["DATE_OF_BIRTH"]}})


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        ("Ela nasceu no dia 29 de março de 1982.", ["29 de março de 1982"]),
        ("Nasci em 29/03/1982.", ["29/03/1982"]),
        ("A reunião é no dia 29 de março de 2024.", []),
    ],
)
def test_portuguese_birth_dates(portuguese, text, dates):
    assert of_type(portuguese, text, "DATE_OF_BIRTH", language="pt") == dates
