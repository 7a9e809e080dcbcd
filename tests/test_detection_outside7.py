"""Recall on text nobody here wrote (issue 17, helper h17d): birth dates, one test per class.

Classes: birth dates whose day is an ordinal word ("the twenty-second of June"), whose month comes
before "the" and the day ("October the 9th"), whose year is cut to two digits after an apostrophe,
given as a month and year only right after "born"/"DOB", introduced by the birth words of Dutch,
Portuguese, Polish and the Nordic languages, or followed by a person of a several-word name "was
born"; a question asking for a birth date and its answer. Every example was written for this file;
each class has counterparts that must stay undetected. Real Presidio and spaCy through
``PiiEngine`` (English, the small English model).
"""

from __future__ import annotations

import pytest

# The same engine (English, the small model; names, places, addresses, birth dates) and helper as the sixth round's.
from test_detection_outside3 import engine, of_type  # noqa: F401

# ----------------------------------------------------------------- dates of birth


@pytest.mark.parametrize(
    ("text", "date"),
    [
        # The day written as an ordinal word.
        ("Grandpa was born on the twenty-second of June, 1931, in a farmhouse.", "twenty-second of June, 1931"),
        ("My birthday is November fifth 1979, put it in the calendar.", "November fifth 1979"),
        ("DOB: ninth of February 2001", "ninth of February 2001"),
        # "the" between month and day; a two-digit year after an apostrophe.
        ("She was born October the 9th, 1968, in Cork.", "October the 9th, 1968"),
        ("born Aug 30th, '77 - a Virgo", "Aug 30th, '77"),
        ("D.O.B. 11/23/'92", "11/23/'92"),
        # A month and year only, right after a word that says someone was born.
        ("Applicant born in September 1990 at home.", "September 1990"),
        ("date of birth: 07/1963 (day unknown)", "07/1963"),
        # Birth words of other languages, in forms and messages.
        ("Geboortedatum: 14-02-1977", "14-02-1977"),
        ("Data de nascimento 22/09/1969", "22/09/1969"),
        ("Data urodzenia: 05.06.1983", "05.06.1983"),
        ("Fødselsdato 30.01.1958", "30.01.1958"),
        ("Född 1972-12-24 i Umeå", "1972-12-24"),
        # Who was born, after the date: a name of several words, a particle, an initial.
        ("On 2/14/2003, Inés María de la Fuente was born at home.", "2/14/2003"),
        ("1/9/1951 is when Jean-Marc T. Olsen was born.", "1/9/1951"),
        # A question asks for the birth date that the answer gives.
        ("What's your birthday? It's 12/14/1971, why?", "12/14/1971"),
        ("Your date of birth, please. - Sure. It is 1962-05-30.", "1962-05-30"),
    ],
)
def test_birth_dates_written_in_more_ways(engine, text, date):
    assert of_type(engine, text, "DATE_OF_BIRTH") == [date]


@pytest.mark.parametrize(
    "text",
    [
        # Something else happened to the person on that date; a birth comes later in the sentence.
        "On 3/3/2021 Inés María de la Fuente was promoted, and her son was born a year later.",
        # Ordinal words and month-year dates without a birth word stay.
        "We met on the second of May, 2019, at the conference.",
        "The idea came up in March 2019 and shipped in 07/2020.",
        # "birthday" shares a month and year with parties and trips: not taken without a day.
        "We planned a birthday trip in May 2025 to the coast.",
        # Dates in other languages with no birth word.
        "Data de entrega: 22/09/2025",
        "Fakturadato 30.01.2024",
    ],
)
def test_dates_that_are_no_birth_dates_stay(engine, text):
    assert of_type(engine, text, "DATE_OF_BIRTH") == []
