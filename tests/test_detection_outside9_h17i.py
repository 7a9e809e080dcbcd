"""Whole postal addresses on text nobody here wrote (issue 17, helper h17i), one test per class.

Classes: the parts written after a street (a found town, country or postal code, a unit, a region
code, a district number, a town in capitals, a line no list knows between two such parts, an empty
field of an export) joined to it as one address, on one line or over lines; the flat, floor and
building written before it; street forms of more countries (Norwegian "gate", Austrian door
numbers, Dutch Roman suffixes, Slovene "Trg", Hungarian "útja"/"u." with a lower-case word,
Canadian unit-number prefixes). Every example was written for this file; each class has
counterparts that must stay as they were: a street followed by a sentence about a place, a
person with a town, a list of two addresses, English words shaped like street types. Real
Presidio and spaCy through ``PiiEngine`` (English, the small English model).
"""

from __future__ import annotations

import pytest
from conftest import of_type

from pii_rails import PiiEngine

ENTITIES = ["PERSON", "LOCATION", "STREET_ADDRESS", "PHONE_NUMBER"]


@pytest.fixture(scope="module")
def engine():
    return PiiEngine.from_dict({"language": "en", "input": {"entities": ENTITIES}})


def addresses(engine, text: str):
    return of_type(engine, text, "STREET_ADDRESS")


# ----------------------------------------------------------------- the parts after a street


@pytest.mark.parametrize(
    ("text", "address"),
    [
        # Postal code and town, then the country, on one line.
        ("Please ship it to Thereses gate 12B, 0168 Oslo, Norway before Friday.", "Thereses gate 12B, 0168 Oslo, Norway"),
        ("Bitte an Schönbrunner Straße 218/3/12, 1120 Wien, Österreich senden.", "Schönbrunner Straße 218/3/12, 1120 Wien, Österreich"),
        ("My new address is Prinsengracht 263-II, 1016 GV Amsterdam, Netherlands.", "Prinsengracht 263-II, 1016 GV Amsterdam, Netherlands"),
        # A postal code shaped like a phone number, a region after " - ", a neighbourhood no list knows.
        (
            "Mail it to Rua Oscar Freire 379, apto 52, Jardim Paulista, São Paulo - SP, 01426-001, Brazil.",
            "Rua Oscar Freire 379, apto 52, Jardim Paulista, São Paulo - SP, 01426-001, Brazil",
        ),
        ("Send it to 1208-455 Rue Sainte-Catherine Ouest, Montréal QC H3B 1A7, Canada.", "1208-455 Rue Sainte-Catherine Ouest, Montréal QC H3B 1A7, Canada"),
        # A town after the unit on the street's line, with its district number and region code.
        ("The studio is at 5120 Rybářská 45 Apt. 12 Kolín 2 SC", "5120 Rybářská 45 Apt. 12 Kolín 2 SC"),
        # A town in capitals (a Greek one typed with the increment sign for its Delta), then the country.
        ("It's at 31 Odos Ermou Apt. 7, ΚΑΤΩ ∆ΕΡΒΕΝΙ, Cyprus 40258", "31 Odos Ermou Apt. 7, ΚΑΤΩ ∆ΕΡΒΕΝΙ, Cyprus 40258"),
        # A floor after the house number's own full stop, Hungarian style.
        ("Cím: Andrássy út 47. II. em. 5., 1061 Budapest, Hungary", "Andrássy út 47. II. em. 5., 1061 Budapest, Hungary"),
    ],
)
def test_parts_on_the_street_line_join_it(engine, text, address):
    assert addresses(engine, text) == [address]


@pytest.mark.parametrize(
    ("text", "address"),
    [
        # Over lines: a locality no list knows, then the town with its postcode, then the country.
        (
            "Deliver to:\nFlat 4, Harrow Court\n17 Lime Grove\nDidsbury\nManchester M20 6QT\nUnited Kingdom\nThanks",
            "Flat 4, Harrow Court\n17 Lime Grove\nDidsbury\nManchester M20 6QT\nUnited Kingdom",
        ),
        # An export with an empty field and a numeric region, written with a literal backslash-n.
        (r"row 7: 88 Kirkegata 14\nTromsdal\n, nan\n 9020 ok", "88 Kirkegata 14\\nTromsdal\\n, nan\\n 9020"),
        (r"Address: 2210 Trg revolucije 96\nLJUTOMER, PM 9240", "2210 Trg revolucije 96\\nLJUTOMER, PM 9240"),
        # A town and a country with a postal code, each on its own line under a unit.
        (
            "Ship to:\n641 Kongevejen 12\nApt. 3\nNørre Alslev\nDenmark 4840",
            "641 Kongevejen 12\nApt. 3\nNørre Alslev\nDenmark 4840",
        ),
        # Chat in lower case: a lower-case town and region line between the street and the country.
        ("address:\n412 ul. kwiatowa 9\nstare juchy\n, wm\n poland 19-330", "412 ul. kwiatowa 9\nstare juchy\n, wm\n poland 19-330"),
    ],
)
def test_parts_on_the_lines_after_a_street_join_it(engine, text, address):
    assert addresses(engine, text) == [address]


def test_a_line_that_starts_with_a_known_place_but_goes_on_is_read_whole(engine):
    # "Kent" is a known place; the line is "Kent Ridge", a locality, with a region number and postcode after.
    text = "See you at 14 rue des Lilas\nKent Ridge, 12 40521 after lunch."
    assert addresses(engine, text) == ["14 rue des Lilas\nKent Ridge, 12 40521"]


@pytest.mark.parametrize(
    ("text", "address"),
    [
        # A building number and a house number before a street in lower case, with its unit and town.
        ("what's your address? it is 4410 2208 juniper hollow road suite 12 boise id", "4410 2208 juniper hollow road suite 12 boise id"),
        ("he lives at 2315 77 quarry avenue apt. 9, dunmore, united states", "2315 77 quarry avenue apt. 9, dunmore, united states"),
    ],
)
def test_two_numbers_before_a_street_in_lower_case(engine, text, address):
    assert addresses(engine, text) == [address]


def test_two_numbers_before_lower_case_words_that_go_on_are_a_count(engine):
    assert addresses(engine, "we need 12 more court cases and 3 12 inch way markers") == []
    # A unit word glued to more letters is no unit: "united" after an address is the country's first word.
    assert addresses(engine, "Send it to 9 Elm Road, Bristol, united by the river") == ["9 Elm Road, Bristol"]


def test_what_follows_an_address_but_is_no_part_of_it_stays_out(engine):
    # A sentence about a place after the street, on the same line or the next.
    assert addresses(engine, "I live at 12 Main Street. London is great.") == ["12 Main Street"]
    assert addresses(engine, "Our shop: 12 Main Street\nLondon office hours are 9 to 5.") == ["12 Main Street"]
    # A word in capitals that the sentence goes on after.
    assert addresses(engine, "I live at 12 Main Street, ASAP please.") == ["12 Main Street"]
    # A region code in running text is kept only when it closes the part.
    assert addresses(engine, "We moved to 4 Via Roma, 80121 Napoli (NA) last spring.") == ["4 Via Roma, 80121 Napoli (NA)"]
    # Two addresses in a list stay two.
    assert addresses(engine, "Offices: 12 Main Street, Boston; 45 Oak Avenue, Denver.") == ["12 Main Street, Boston", "45 Oak Avenue, Denver"]
    # A chat reply in lower case keeps its words out.
    assert addresses(engine, "i live at 12 main street, ok thanks, bye") == ["12 main street"]


def test_a_person_and_a_town_are_no_address(engine):
    text = "Jonas Weber, Berlin, asked about the refund policy."
    assert addresses(engine, text) == []
    assert of_type(engine, text, "LOCATION") == ["Berlin"]


# ----------------------------------------------------------------- what stands before a street


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("Address: Flat 2/1, 44 Dumbarton Road, Glasgow G11 6PD, Scotland", "Flat 2/1, 44 Dumbarton Road, Glasgow G11 6PD, Scotland"),
        ("Deliver to 2nd Floor, 18 King Street, Leeds LS1 2HL", "2nd Floor, 18 King Street, Leeds LS1 2HL"),
        ("Ship to:\nRosemary Cottage\n3 Church Lane\nWitney OX28 4AB", "Rosemary Cottage\n3 Church Lane\nWitney OX28 4AB"),
    ],
)
def test_the_flat_floor_and_building_before_a_street_belong_to_it(engine, text, address):
    assert addresses(engine, text) == [address]


@pytest.mark.parametrize(
    ("text", "address"),
    [
        # A flat first, then a block or a building, then a street named without a house number.
        (
            "Please post it to Apartment 12, Block C, Harbour Quay, Galway, H91 X2E5, Ireland today.",
            "Apartment 12, Block C, Harbour Quay, Galway, H91 X2E5, Ireland",
        ),
        (
            "Ship to:\nFlat 7, Lotus Residency\n3rd Main Road, Jayanagar\nChennai, Tamil Nadu 600041\nIndia",
            "Flat 7, Lotus Residency\n3rd Main Road, Jayanagar\nChennai, Tamil Nadu 600041\nIndia",
        ),
    ],
)
def test_a_flat_then_a_street_without_a_number(engine, text, address):
    assert addresses(engine, text) == [address]


@pytest.mark.parametrize(
    "text",
    [
        "The Suite 5, Park Lane Hotel is booked.",
        "Unit 3, Main Street Mall is closed.",
        "Book Suite 4, Ocean View Park, for two nights.",
    ],
)
def test_a_unit_of_a_named_place_in_prose_is_no_address(engine, text):
    assert addresses(engine, text) == []


def test_a_name_line_above_a_street_is_not_its_building(engine):
    text = "Empfänger:\nMorgan Ellery\nSchönbrunner Straße 218/3/12\n1120 Wien\nÖsterreich"
    assert addresses(engine, text) == ["Schönbrunner Straße 218/3/12\n1120 Wien\nÖsterreich"]
    assert of_type(engine, text, "PERSON") == ["Morgan Ellery"]


# ----------------------------------------------------------------- street forms of more countries


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("Meet me at 733 Vidkuns gate 71 tomorrow.", "733 Vidkuns gate 71"),
        ("The office is at 6784 Tas vezér u. 66. Apt. 455, GYULA, Hungary 5700", "6784 Tas vezér u. 66. Apt. 455, GYULA, Hungary 5700"),
        ("Write to Bei der Alten Mühle 3, 24103 Kiel.", "Bei der Alten Mühle 3, 24103 Kiel"),
        # Particles between the words of a name-first street.
        ("The cab drops you off at 4120 Fuente del Sauce 9.", "4120 Fuente del Sauce 9"),
        ("Address:\n6021 Cerro y Mar 418\n Apt. 7\n Rocha\n Uruguay", "6021 Cerro y Mar 418\n Apt. 7\n Rocha\n Uruguay"),
    ],
)
def test_street_forms_of_more_countries(engine, text, address):
    assert addresses(engine, text) == [address]


@pytest.mark.parametrize(
    "text",
    [
        "Please proceed to the boarding gate 12 now.",
        "Use the Main gate 4 entrance.",
        "Check the main sor 5 in the table.",
        "We sold 12 Bolsa de Valores 5 contracts.",
        "Install Python 3.11 on Windows 10 and run the tests in March.",
        "Route 53 maps names to 2 load balancers in us-east-1.",
        # A number after a word that counts pages or parts is no house number.
        "Chapter 7 Market Street Economics covers supply and demand.",
        "Page 12 Park Avenue Press is the publisher of the series.",
        # A word that ends like a German street type, before a year: no street.
        "The Spring 2024 release adds dark mode.",
        "We are Hiring 2025 graduates.",
    ],
)
def test_english_words_shaped_like_street_types_are_no_address(engine, text):
    assert addresses(engine, text) == []


# ----------------------------------------------------------------- hyphenated place names


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # Names joined by hyphens around a particle are towns'.
        ("I work in Bourg-en-Bresse these days.", "Bourg-en-Bresse"),
        ("We stopped in Henley-on-Thames for lunch.", "Henley-on-Thames"),
        # A place ends at the end of its hyphenated name, not at the first hyphen.
        ("Je vis à Clermont-Ferrand depuis dix ans.", "Clermont-Ferrand"),
    ],
)
def test_hyphenated_place_names_are_read_whole(engine, text, place):
    assert of_type(engine, text, "LOCATION") == [place]


@pytest.mark.parametrize(
    "text",
    [
        "Jean-Pierre called about the plug-and-play adapter.",
        "Our End-to-End tests use a Peer-to-Peer mesh.",
    ],
)
def test_hyphenated_words_without_a_town_particle_are_no_place(engine, text):
    assert of_type(engine, text, "LOCATION") == []


def test_a_place_keeps_no_lower_case_word_after_its_hyphen(engine):
    assert of_type(engine, "A London-based firm hired me.", "LOCATION") == ["London"]


# ----------------------------------------------------------------- forms


def test_a_postal_code_in_a_form_under_a_street_is_masked(engine):
    text = "Street: 88 Larkspur Lane\nCity: Fort Wayne\nZIP: 46802\nCountry: USA"
    assert addresses(engine, text) == ["88 Larkspur Lane", "46802"]
    assert of_type(engine, text, "LOCATION") == ["Fort Wayne", "USA"]
    # Another field between the street and the postal code ends the address's fields; so does no street.
    assert addresses(engine, "Street: 88 Larkspur Lane\nNotes: ring twice\nZIP: 46802") == ["88 Larkspur Lane"]
    assert addresses(engine, "Order 4417 shipped.\nZIP: 46802") == []
    # A form's next label is no country of the street above it.
    assert addresses(engine, "Calle: Avinguda Diagonal 611\nCiudad: Girona") == ["Avinguda Diagonal 611"]
