"""Recall on text nobody here wrote (issue 17, seventh round): addresses and places, one test per class.

Classes: a street whose unit line is surer on its own (the street still starts the address); a town
no list holds after a unit on the street's line (and a region or a country after it), a town in
capitals after the street; an export's placeholder for an empty state field ("nan"); a postal code
after a country or a state code while the sentence goes on in lower case; a flat number, a
name-first street and its town ("..., 4410 Kirkjuvegur 12, Hvolsvöllur"); a Hungarian house
number's full stop before the unit, type words after the name in Hungarian, Slovenian, Estonian,
particles inside a name-first street ("Frans van Hoogstraat"); the second street of a corner; US
military addresses in lower case; "Postbox"; a country with a bracketed qualifier ("Cyprus
(Greek)"); one-word countries in lower-case chat; a town after "street in" or "I am in ... for a
trip", also in lower-case sentences and with a first or last word many towns take ("Saint",
"North"). Every example was written for this file; each class has counterparts that must stay
undetected. Real Presidio and spaCy through ``PiiEngine`` (English, small model).
"""

from __future__ import annotations

import pytest
from conftest import of_type

from pii_rails import PiiEngine

ENTITIES = ["PERSON", "LOCATION", "STREET_ADDRESS"]


@pytest.fixture(scope="module")
def engine():
    return PiiEngine.from_dict({"language": "en", "input": {"entities": ENTITIES}})


# ----------------------------------------------------------------- where a street address ends


@pytest.mark.parametrize(
    ("text", "address"),
    [
        # A town no list holds after the unit, with a region after it, or in capitals.
        ("Bill it to 31 Quarry Lane Apt. 12 Skálavík Northern Isles for now.", "31 Quarry Lane Apt. 12 Skálavík Northern Isles"),
        ("Her new flat: 7 Dunmore Road Suite 4 KVERNALAND.", "7 Dunmore Road Suite 4 KVERNALAND"),
        ("Her new flat: 7 Dunmore Road Suite 4 St. Ives. Lovely.", "7 Dunmore Road Suite 4 St. Ives"),
        # A country and its postal code, the sentence going on in lower case.
        (
            "Please post it to 58 Tallow Street Apt. 3, Hruboká, Slovakia 04417 by friday.",
            "58 Tallow Street Apt. 3, Hruboká, Slovakia 04417",
        ),
        # Over lines: town, a state or province code (letters or digits), postal code, then the sentence.
        ("Return it to 6 Birch Road Apt. 9\nVelké Dvorce\n, JM\n 61300 if unopened.", "6 Birch Road Apt. 9\nVelké Dvorce\n, JM\n 61300"),
        ("Return it to 6 Birch Road Apt. 9\nHalsnøy\n, 46\n 55012 if unopened.", "6 Birch Road Apt. 9\nHalsnøy\n, 46\n 55012"),
        # A Hungarian house number ends with a full stop, the unit after it.
        ("Levél ide: 12 Ostrom tér 8. Apt. 3\nGÖDÖLLŐ, PE 02113", "12 Ostrom tér 8. Apt. 3\nGÖDÖLLŐ, PE 02113"),
        # A street over its unit, town and country lines, the unit line sure on its own.
        ("Orders office\n7310 Marlow Street\n Suite 16\n Bergen\n Norway", "7310 Marlow Street\n Suite 16\n Bergen\n Norway"),
        (
            "Kestrel Freight Ltd.\n7310 41 Marlow Street\n Apt. 16\n HØYANGER\n Norway for the invoices",
            "7310 41 Marlow Street\n Apt. 16\n HØYANGER\n Norway",
        ),
        # An export's placeholder for an empty state field, on the town's line or on its own.
        ("Row 17: 4 Skerry Lane Suite 8 VÅGÅMO nan, paid", "4 Skerry Lane Suite 8 VÅGÅMO nan"),
        ("Deliver to 14 Ostrava Road Apt. 2\nKrnov\n, nan\n 79401 before noon.", "14 Ostrava Road Apt. 2\nKrnov\n, nan\n 79401"),
        # A town in capitals after the street, as forms print it.
        ("We'll meet at Harwell Foods, 2210 41 Pendle Road, CLITHEROE", "2210 41 Pendle Road, CLITHEROE"),
        # Particles in a name-first street; Hungarian, Slovenian and Estonian type words after the name.
        ("Ship it to 6933 Frans van Hoogstraat 148\n Apt. 4\n Utrecht\n Netherlands", "6933 Frans van Hoogstraat 148\n Apt. 4\n Utrecht\n Netherlands"),
        ("Címem: 2401 Bartók u. 91.\n Apt. 28\n Szeged\n Hungary 67210", "2401 Bartók u. 91.\n Apt. 28\n Szeged\n Hungary 67210"),
        # The second street of a corner.
        ("We'll wait on the corner of 88 Fenwick Ave and Harrow Crescent tonight.", "88 Fenwick Ave and Harrow Crescent"),
    ],
)
def test_the_parts_that_continue_a_street_address(engine, text, address):
    assert of_type(engine, text, "STREET_ADDRESS") == [address]


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("Meet at 45 Elm Street Suite 12 Please call first.", "45 Elm Street Suite 12"),
        ("Deliver to 12 Main St Apt. 4 Thanks a lot.", "12 Main St Apt. 4"),
        ("Deliver to 12 Main St Apt. 4 Jasmine will sign.", "12 Main St Apt. 4"),  # a given name is whom, not where
        ("Ship to 9 Oak Street, 10000 units by monday.", "9 Oak Street"),  # a count, not a postal code
        ("Park at 3 Lime Road and walk to the gate.", "3 Lime Road"),  # "and" without a second street
        ("Deliver to 12 Main Street, URGENT", "12 Main Street"),  # capitals that are a dictionary word
        ("Send it to 7 Hill Road Apt. 3 None of us are home.", "7 Hill Road Apt. 3"),
    ],
)
def test_words_after_an_address_that_do_not_continue_it_stay_outside(engine, text, address):
    assert of_type(engine, text, "STREET_ADDRESS") == [address]


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("The meeting is at Norrvik Logistics, 4410 Kirkjuvegur 12, Hvolsvöllur", "4410 Kirkjuvegur 12, Hvolsvöllur"),
        ("Forward the parcels to 2271 Postbox 48, Tasiilaq.", "2271 Postbox 48, Tasiilaq"),
    ],
)
def test_a_flat_number_a_name_first_street_and_its_town(engine, text, address):
    assert of_type(engine, text, "STREET_ADDRESS") == [address]


@pytest.mark.parametrize(
    "text",
    [
        "Install Windows 10 Build 1903, Microsoft says.",
        "The score was 3 Rounds 2, Final.",  # dictionary words
        "Table 4 Column 2, Total",
    ],
)
def test_numbers_around_words_are_no_address(engine, text):
    assert of_type(engine, text, "STREET_ADDRESS") == []


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("ok so mail it to psc 4471, box 2210\napo ae 09386 thx", "psc 4471, box 2210\napo ae 09386"),
        ("Ship to USNS van Buren\nFPO AP 96601", "USNS van Buren\nFPO AP 96601"),
    ],
)
def test_us_military_addresses_in_any_case(engine, text, address):
    assert of_type(engine, text, "STREET_ADDRESS") == [address]


# ----------------------------------------------------------------- places alone


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("My grandmother came from Belgium (Flemish) after the war.", "Belgium (Flemish)"),
        ("We spent a month in Cyprus (Turkish) last spring.", "Cyprus (Turkish)"),
    ],
)
def test_a_country_with_a_bracketed_qualifier(engine, text, place):
    assert place in of_type(engine, text, "LOCATION")


def test_a_bracketed_place_after_a_place_is_its_own(engine):
    found = of_type(engine, "She studied in Lyon (France) for a year.", "LOCATION")
    assert "Lyon (France)" not in found


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("honestly portugal was the best trip we ever did", "portugal"),
        ("omg i miss norway so much right now", "norway"),
        # Brackets in prose are no code: "... (though she never went back)".
        ("we sang 'back home to estonia' all night (though nobody knew the words)", "estonia"),
    ],
)
def test_one_word_countries_in_lower_case_chat(engine, text, place):
    assert place in of_type(engine, text, "LOCATION")


@pytest.mark.parametrize(
    "text",
    [
        "we ate turkey and chips for dinner",
        "the china cabinet broke again",
        "Portugal is lovely but norway IS colder",  # not a lower-case sentence
        "import poland from './maps'; // norway = true",
    ],
)
def test_country_words_that_are_food_things_or_code_stay_undetected_in_lower_case(engine, text):
    found = of_type(engine, text, "LOCATION")
    assert all(w not in found for w in ("turkey", "china", "norway", "poland"))


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("The song is about Harbour Road, a street in Stykkishólmur that is gone now.", "Stykkishólmur"),
        ("Can you resend it? I am in Vopnafjörður for a business trip.", "Vopnafjörður"),
        ("They are in TROMSDALEN for a family visit, back soon.", "TROMSDALEN"),
        # Particles inside the town are no dictionary words to check.
        ("Sorry for the delay, I am in Villar del Cobo for a work trip.", "Villar del Cobo"),
        # A known place written in capitals, which the dictionary also lists in lower case.
        ("Hi, I'm Oleg, originally from LISBON, and I cook.", "LISBON"),
        # Words many towns begin or end with, dictionary words themselves.
        ("Our studio is based in Saint Vaury.", "Saint Vaury"),
        ("I am in KILLARA NORTH for a work trip.", "KILLARA NORTH"),
        # In a sentence written in lower case.
        ("sry cant talk, i am in oulunsalo for a business trip", "oulunsalo"),
        ("my nan was originally from hvammstangi, she says hi", "hvammstangi"),
    ],
)
def test_a_town_after_street_in_or_a_trip(engine, text, place):
    assert place in of_type(engine, text, "LOCATION")


@pytest.mark.parametrize(
    "text",
    [
        "I'm in Figma for a while, then I review.",
        "We are in Jira for the sprint review.",  # no trip
        "There is no street in Common Lisp.",  # dictionary words
        "she was originally from abroad, then moved",  # lower case, a dictionary word
        "we are in kubectl for the sprint review",  # no trip
        "The whole plan was based in Great Detail, they said.",  # an affix and a dictionary word
    ],
)
def test_software_and_dictionary_words_after_the_same_phrases_stay_undetected(engine, text):
    assert of_type(engine, text, "LOCATION") == []
