"""Recall on text nobody here wrote (issue 17, helper h17d): birth dates and places, one test per class.

Classes: birth dates whose day is an ordinal word ("the twenty-second of June"), whose month comes
before "the" and the day ("October the 9th"), whose year is cut to two digits after an apostrophe,
given as a month and year only right after "born"/"DOB", introduced by the birth words of Dutch,
Portuguese, Polish and the Nordic languages, or followed by a person of a several-word name "was
born"; a question asking for a birth date and its answer. Places: a town that is also a dictionary
word (the English word index holds many towns, "Akron", "Tartu") written with a capital right after
a word of place, more words of place ("hails from", "a native of", "lived in"), a town whose name
holds a given name after a word that begins towns' names ("San Martín Jilotepeque", "Sidi
Hassine"), a town named before a landmark of its own ("Tromsø airport"). Every example was written
for this file; each class has counterparts that must stay undetected. Real Presidio and spaCy
through ``PiiEngine`` (English, the small English model).
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


# ----------------------------------------------------------------- places after a word of place


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # Towns the English word index holds, capitalized after a word of place.
        ("My grandmother was originally from Akron, if I remember right.", "Akron"),
        ("The delegation arrived at Tartu this morning by bus.", "Tartu"),
        ("Her parents still live in Delft, near the canal.", "Delft"),
        # More words of place.
        ("Our new driver hails from Kaunas and knows the roads.", "Kaunas"),
        ("He is a native of Ribe, the oldest town in the country.", "Ribe"),
        ("Last spring we travelled to Gorgier by train.", "Gorgier"),
    ],
)
def test_towns_after_a_word_of_place(engine, text, place):
    assert of_type(engine, text, "LOCATION") == [place]


@pytest.mark.parametrize(
    "text",
    [
        # Capitalized dictionary words that name a time, an institution or a concept.
        "She was born in March and grew up fast.",
        "He returned to Work on Monday after the break.",
        "They arrived at Dawn, tired but happy.",
        "We are based in Kubernetes clusters: pods, services and deployments.",
        "Send the form back; it was returned to Sender twice.",
        "Our whole approach is based in Common Sense, they said.",
        # A person's name made of dictionary words after such a word stays a person.
        "The keys were returned to Ronald Baker on Friday.",
    ],
)
def test_capitalized_words_after_a_word_of_place_that_are_no_towns(engine, text):
    assert of_type(engine, text, "LOCATION") == []


# ----------------------------------------------------------------- towns named after a saint or a given name


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # A given name after a word that begins towns' names is part of the town's name.
        ("My aunt is originally from San Martín Jilotepeque, and she still visits.", "San Martín Jilotepeque"),
        ("The ferry arrived at Santa Teresa Di Riva this morning.", "Santa Teresa Di Riva"),
        ("We lived in Sidi Hassine, near the lake, for years.", "Sidi Hassine"),
        # The same when the model takes the words after "Cité" for a person.
        ("She spent two years in Cité Belle Vue, which she loved.", "Cité Belle Vue"),
        ("The parcel went to Vila Nova Esperança, not to the depot.", "Vila Nova Esperança"),
    ],
)
def test_towns_whose_names_hold_a_given_name(engine, text, place):
    assert of_type(engine, text, "LOCATION") == [place]
    assert of_type(engine, text, "PERSON") == []


@pytest.mark.parametrize(
    ("text", "person"),
    [
        # Without such a word the given name and surname stay a person.
        ("Teresa Riva arrived this morning with the documents.", "Teresa Riva"),
        ("Please forward the file to Martín Jilotepeque.", "Martín Jilotepeque"),
        # An English word that also begins towns' names ("Great Yarmouth") stays before a person.
        ("Her Great Aunt Rosa Jiménez sent a card.", "Rosa Jiménez"),
    ],
)
def test_given_names_without_a_town_word_stay_people(engine, text, person):
    assert of_type(engine, text, "PERSON") == [person]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Our flight lands at Ålesund airport just before noon.", "Ålesund"),
        ("I'll wait for you at the Mechelen train station.", "Mechelen"),
        ("Fishing boats crowd the Essaouira harbour at dawn.", "Essaouira"),
    ],
)
def test_towns_before_their_landmark(engine, text, place):
    assert of_type(engine, text, "LOCATION") == [place]


@pytest.mark.parametrize(
    "text",
    [
        "Traffic slowed near the Union station exit.",  # dictionary words before the landmark
        "The Golden Gate bridge was closed for an hour.",
        "Configure the Docker bridge network before the first run.",
    ],
)
def test_landmarks_after_no_town_stay(engine, text):
    assert of_type(engine, text, "LOCATION") == []
