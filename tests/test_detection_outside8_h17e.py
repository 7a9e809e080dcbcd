"""Recall on text nobody here wrote (issue 17, helper h17e): street addresses and places, one test per class.

Classes: an address read on past a town with a UK, Canadian or Irish postcode ("..., Leeds LS6 2AB,
United Kingdom"), past a direction word after the street type ("Queen Street West"), past an empty
state field ("..., nan") to its country, past a country qualified in brackets ("Cyprus (Greek)
38981"), and over lines that start with a bullet; a flat and building before the street's number
("Flat 12, Wellington Court, 45 High Street"); a unit before the number the Australian way ("3/42
Beach Road"); German post boxes grouped in pairs, with the postal code before the town; a street
between a building number and a house number with its town on the next line, or right after a word
of place ("drops you off at 3236 Kooli 79"); a street named without a number after "on" ("she lives
on Carpenter Road"); a corner of two named streets; a lower-case street with its postal code and
town ("storgatan 12, 114 51 stockholm") or over lines with its unit, town and country. Places: a town before its country ("Strovolos, Cyprus") or its state
code ("Port Orange, FL"), a town the sentence calls one ("Kokkola is a beautiful town", "the town of
Laane"), more words of place ("raised in", "hometown is", "lives just outside", "an office in", "my
flight to", "shipped from"), a town's name starting with an article or holding particles ("Las
Toscas", "Vila do Conde"), provinces, states, nations and large cities the
lists lacked, a place whose name starts with a given name ("Nova Scotia"). Every example was written
for this file; each class has counterparts that must stay undetected. Real Presidio and spaCy
through ``PiiEngine`` (English, the small English model).
"""

from __future__ import annotations

import pytest
from conftest import of_type

# The same engine (English, the small model; names, places, addresses, birth dates) as the sixth round's.
from test_detection_outside3 import engine  # noqa: F401

# ----------------------------------------------------------------- addresses read whole


@pytest.mark.parametrize(
    ("text", "address"),
    [
        # A UK, Canadian or Irish postcode after a further town or county part.
        ("Please send it to 14 Elm Grove, Headingley, Leeds LS6 2AB, United Kingdom.", "14 Elm Grove, Headingley, Leeds LS6 2AB, United Kingdom"),
        ("My address is 9 Ferry Lane, Ely, Cambridgeshire CB7 4AU.", "9 Ferry Lane, Ely, Cambridgeshire CB7 4AU"),
        ("Post it to 3 Strand Road, Bray, Wicklow A98 X2T4 please", "3 Strand Road, Bray, Wicklow A98 X2T4"),
        # A direction word after the street type.
        ("Our office: 88 Queen Street West, Toronto, ON M5H 2N2", "88 Queen Street West, Toronto, ON M5H 2N2"),
        # A flat and its building before the number; a building named by its kind.
        ("Send it to Flat 12, Wellington Court, 45 High Street, Oxford OX1 4AH.", "Flat 12, Wellington Court, 45 High Street, Oxford OX1 4AH"),
        ("Apartment 7B, The Birches, 2 Mill Road, Cambridge", "Apartment 7B, The Birches, 2 Mill Road, Cambridge"),
        ("The keys are at Rose Cottage, 3 Church Lane, Ashby.", "Rose Cottage, 3 Church Lane, Ashby"),
        ("Address: Apt. 4, 12 Kooli 5, Tartu", "Apt. 4, 12 Kooli 5, Tartu"),
        # The unit before the number, with a slash.
        ("Deliver to 3/42 Beach Road, Bondi NSW 2026.", "3/42 Beach Road, Bondi NSW 2026"),
        # A German post box, and a postal code before the town.
        ("Send cheques to Postfach 10 01 23, 50441 Köln.", "Postfach 10 01 23, 50441 Köln"),
        # An empty state field, then the country and its code.
        ("Ship it to 4417 Lindholm 12\nArendal\n, nan\n Norway 4836 by Friday", "4417 Lindholm 12\nArendal\n, nan\n Norway 4836"),
        # A country qualified in brackets, with its code.
        ("Address:\n88 Aroni 14\nSuite 5\nLimassol\nCyprus (Greek) 3035", "88 Aroni 14\nSuite 5\nLimassol\nCyprus (Greek) 3035"),
        # (Lines that each start with a bullet are a list, reported item by item: test_detection_outside13.py.)
        # Building number, street, house number, then the town on the next line with its state and code.
        ("it is 9051 Kask 56\nHoogeveen\n, DR\n 7901", "9051 Kask 56\nHoogeveen\n, DR\n 7901"),
        ("send it to 833 Vesturgata 4\nPietersburg, LI 01571? thanks", "833 Vesturgata 4\nPietersburg, LI 01571"),
    ],
)
def test_address_read_whole(engine, text, address):
    assert of_type(engine, text, "STREET_ADDRESS") == [address]


@pytest.mark.parametrize(
    ("text", "address"),
    [
        # Building number, street, house number right after a word of place.
        ("The bus drops you off at 3236 Kooli 79 St.", "3236 Kooli 79"),
        ("The restaurant is at 291 Tylova 285", "291 Tylova 285"),
        ("Meet me at 17 Sõpruse 48 in Tartu.", "17 Sõpruse 48"),
        # A street named without a number after "on".
        ("She lives on Carpenter Road.", "Carpenter Road"),
        ("I grew up on Maple Avenue in a small house.", "Maple Avenue"),
        ("The early shows on Hansen Forks Street were important.", "Hansen Forks Street"),
        # A corner of two named streets.
        ("Meet me at the corner of Elm Street and Oak Avenue.", "Elm Street and Oak Avenue"),
        # Chat in lower case, with a postal code and a town; the street starts at its number or its first
        # word no dictionary holds, the town ends with the known place.
        ("send it to storgatan 12, 114 51 stockholm", "storgatan 12, 114 51 stockholm"),
        ("i live at 44 rue des lilas, 75019 paris", "44 rue des lilas, 75019 paris"),
        ("ul. długa 5, 00-238 warszawa please", "ul. długa 5, 00-238 warszawa"),
        # ... or over lines with its unit, town and a known country.
        ("it's in 7095 metsa 68\n apt. 918\n kastja\n estonia 78211", "7095 metsa 68\n apt. 918\n kastja\n estonia 78211"),
        ("send it to 1015 wezelpad 6\n suite 97\n amersfoort\n netherlands? thanks", "1015 wezelpad 6\n suite 97\n amersfoort\n netherlands"),
    ],
)
def test_street_in_prose(engine, text, address):
    assert of_type(engine, text, "STREET_ADDRESS") == [address]


@pytest.mark.parametrize(
    "text",
    [
        "We ran it on 64 Ubuntu 22 machines.",
        "Upgrade to 10 Windows 11 soon.",
        "It is on page 12 Main 3.",
        "The store on Baker Street Station.",
        "Meet me on Route 66.",
        "The demo runs on Street View now.",
        "The service on Main Street runs `kubectl apply` with the FooBar config.",
        "Apartment 4 is empty.",
        "Flat 12, Big Data, 45 examples of streaming.",
        "- install the package\n- run the tests\n- ship it",
        "i have 3 cats, 12345 dogs and more",
        "we sold 12 books, 2024 copies total",
        "i bought 12 red apples 5\n apt. 3 was closed",
        "The corner of the room and the door frame.",
    ],
)
def test_no_street_in_prose(engine, text):
    assert of_type(engine, text, "STREET_ADDRESS") == []


# ----------------------------------------------------------------- places


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # A town no list holds, before its country.
        ("Next stop: Strovolos, Cyprus.", "Strovolos"),
        ("Location: Cite Ennouzha, Tunisia", "Cite Ennouzha"),
        # More words of place.
        ("She lives just outside Ilulissat.", "Ilulissat"),
        ("My hometown is Danville.", "Danville"),
        ("He was raised in Pukekohe.", "Pukekohe"),
        # Provinces, states, nations and cities the lists lacked; a place that starts with a given name.
        ("We met in Durban in 2010.", "Durban"),
        ("I'm from Nova Scotia.", "Nova Scotia"),
        ("They moved to Tasmania last year.", "Tasmania"),
        # A town with its state code; a town the sentence calls one; where a business has a site or a journey goes.
        ("Ship it to Port Orange, FL.", "Port Orange"),
        ("Ship it to Port Orange, FL.", "FL"),
        ("Danville, VA is where I grew up.", "Danville"),
        ("She moved to San Jose, CA last year.", "San Jose"),
        ("Kokkola is a beautiful town.", "Kokkola"),
        ("The town of Laane has one shop.", "Laane"),
        ("He has an office in Bicske.", "Bicske"),
        ("My flight to Rakvere was cancelled.", "Rakvere"),
        ("I'm heading to Cite El Khil tomorrow.", "Cite El Khil"),
        ("The package was shipped from Ilulissat yesterday.", "Ilulissat"),
        # A leading article and particles are no part of the check.
        ("They returned to Las Toscas by helicopter.", "Las Toscas"),
        ("Las Toscas is a small town.", "Las Toscas"),
        ("Vila do Conde bridge is falling down.", "Vila do Conde"),
    ],
)
def test_place(engine, text, place):
    assert place in of_type(engine, text, "LOCATION")


@pytest.mark.parametrize(
    ("text", "not_place"),
    [
        ("Nordic Widgets AB, Sweden, is the vendor.", "Nordic Widgets AB"),
        ("Hello Kjartan, Iceland is lovely this time of year.", "Kjartan"),
        ("This function is written in Python, Java, and Rust.", "Python"),
        ("The release is planned in March, after the freeze.", "March"),
        ("It runs in Windows, macOS and Linux.", "Windows"),
        ("Nova Smith called about the invoice.", "Nova Smith"),
        ("Signed: Dorothy Williams, MD. DEA: BW2887000.", "Dorothy Williams"),
        ("Signed: Dorothy Williams, MD. DEA: BW2887000.", "MD"),
        ("Press Cancel, OK to continue.", "Cancel"),
        ("Acme Holdings, SA announced results.", "Acme Holdings"),
        ("Kubernetes is a container orchestration platform.", "Kubernetes"),
        ("The office in Excel is a template.", "Excel"),
        ("Our flight to Mars is a dream.", "Mars"),
        ("Tell Maria, CA is sunny.", "Tell Maria"),
    ],
)
def test_not_place(engine, text, not_place):
    assert not_place not in of_type(engine, text, "LOCATION")


def test_place_named_after_a_given_name_is_no_person(engine):
    assert of_type(engine, "Nova Scotia is cold in January.", "PERSON") == []
    assert of_type(engine, "Nova Smith called about the invoice.", "PERSON") == ["Nova Smith"]
