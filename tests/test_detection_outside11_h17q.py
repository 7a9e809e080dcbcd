"""Whole postal addresses and places alone, exact ends (issue 17, helper h17q): one test per class.

Classes: a postal code after the town or region when the sentence goes on ("..., OR, 97123 since
2019") and at the end of a CSV field; a country on the line under the town line whatever follows it,
also in its long form ("Kingdom of the Netherlands"); the town after a postal code, known or not
("4050-262 Penafiel", "637 26 Chlumec nad Cidlinou"); a town no list knows closing an address after a
comma ("Reichergasse 396, Traun between 9 and 5"); the units written before the street ("Level 9 , 4
Stephen Crescent", "Suite 114, PO Box 561", "Flat 88\\nWoods Ridge"), a street's type in lower case
("rue Frédéric Mistral 6", "282 allée Marcel") and a unit with a slash ("116/3 Banksia Crescent"); a
letter postal code closing the street line with its town after it; a region named with "and"
("Newfoundland and Labrador"); the full stop after a house number ("utca 21., H-6720 Szeged"); places in a list with a found place ("offices in Lyon, Oberwälz
and Traunstein") and where a journey from a place goes ("from Lisbon to Ponte de Lima"); a town's
first word read alone ("North Emily"). Every example was written for this file; each class has
counterparts that must stay as they were. Real Presidio and spaCy through ``PiiEngine``.
"""

from __future__ import annotations

import pytest
from conftest import of_type

# The same engine (English, the small model; names, places, addresses, birth dates) as the sixth round's.
from test_detection_outside3 import engine  # noqa: F401

ADDRESS, PLACE, PERSON = "STREET_ADDRESS", "LOCATION", "PERSON"


@pytest.mark.parametrize(
    ("text", "address"),
    [
        # A postal code after a region, the sentence going on after it; CSV fields without spaces.
        ("He has lived at 52 Harlow Street,Brightwater,OR,97123 since 2019.", "52 Harlow Street,Brightwater,OR,97123"),
        ("Pickup from Kastanienweg 14,Waidhofen an der Ybbs,Niederösterreich,3340; drop-off at the depot.",
         "Kastanienweg 14,Waidhofen an der Ybbs,Niederösterreich,3340"),
        ('{"name": "R. Ode", "address": "Lindenring 361,Feldkirch,Vorarlberg,6800", "plan": "pro"}', "Lindenring 361,Feldkirch,Vorarlberg,6800"),
        # A country on its own line under the town line, whatever the sentence does next.
        ("ship it to 48 Fenwick Road\nAshby, OH 43003\nUnited States pls", "48 Fenwick Road\nAshby, OH 43003\nUnited States"),
        ("Deliver to 3, rue des Tanneurs\n67000 Strasbourg\nFrance between 9 and 5.", "3, rue des Tanneurs\n67000 Strasbourg\nFrance"),
        ("Return address: Bloemgracht 83\n1016 KE Amsterdam\nKingdom of the Netherlands", "Bloemgracht 83\n1016 KE Amsterdam\nKingdom of the Netherlands"),
        ("Contact: R. Ode, 24 Quay Street\nGalway H91 T2X3\nRepublic of Ireland, ro@example.org", "24 Quay Street\nGalway H91 T2X3\nRepublic of Ireland"),
        # The town after a postal code, known or not.
        ("Deliver to Rua das Flores 12, 4050-262 Penafiel between 9 and 5.", "Rua das Flores 12, 4050-262 Penafiel"),
        ("- Address: Poleradská 711\n637 26 Chlumec nad Cidlinou\nCzech Republic\n- Status: verified", "Poleradská 711\n637 26 Chlumec nad Cidlinou\nCzech Republic"),
        ("Ship to: 31 Maple Falls, G7S 3L9 Gravesland", "31 Maple Falls, G7S 3L9 Gravesland"),
        ("Mail it to Vicolo Fagiani, 4, 07018, Pozzomaggiore (SS), Italy", "Vicolo Fagiani, 4, 07018, Pozzomaggiore (SS), Italy"),
        # A town no list knows closing an address after a comma.
        ("Deliver to Reichergasse 396, Traun between 9 and 5.", "Reichergasse 396, Traun"),
        ("I moved from Radlring 1/1, Oberwälz to a smaller flat downtown.", "Radlring 1/1, Oberwälz"),
        # Units before the street, on its line or the line above.
        ("Deliver to Level 9 , 4 Stephen Crescent, Smithton, SA 5023 between 9 and 5.", "Level 9 , 4 Stephen Crescent, Smithton, SA 5023"),
        ("Registered office: Suite 114, PO Box 561, 1141 Auckland", "Suite 114, PO Box 561, 1141 Auckland"),
        ("ship it to Flat 95\nMann Stream, Leeds pls", "Flat 95\nMann Stream, Leeds"),
        # A street's type in lower case and the house number before it; a unit number with a slash.
        ("ship it to rue Frédéric Mistral 6\n1830 Bellerive pls", "rue Frédéric Mistral 6\n1830 Bellerive"),
        ("Please update my address to 282 allée Marcel Apt. 222, Tanguay, Canada, thanks.", "282 allée Marcel Apt. 222, Tanguay, Canada"),
        ("Deliver to 116/3 Banksia Crescent, Kellyville, Australia between 9 and 5.", "116/3 Banksia Crescent, Kellyville, Australia"),
        # A letter postal code closing the street line, the town after it; a region whose name holds "and".
        ("My new address is 17 Quay Street H91 T2X3 Aaron Ville.", "17 Quay Street H91 T2X3 Aaron Ville"),
        ("I'm at 50 Water Street Apt. 3,Corner Brook,Newfoundland and Labrador,A2H 3N5 right now",
         "50 Water Street Apt. 3,Corner Brook,Newfoundland and Labrador,A2H 3N5"),
        # The full stop after a house number, then the postal code.
        ("Billing address: Kossuth Lajos utca 21., H-6720 Szeged\nCard ending 4242", "Kossuth Lajos utca 21., H-6720 Szeged"),
    ],
)
def test_whole_address_is_one_span(engine, text, address):  # noqa: F811
    assert address in of_type(engine, text, ADDRESS)


@pytest.mark.parametrize(
    ("text", "address"),
    [
        # A count after a street is no postal code; a clause after the comma no town.
        ("Ship 9 Oak Street, 10000 units by Monday.", "9 Oak Street"),
        ("Liefern an Reichergasse 396, Anna said.", "Reichergasse 396"),
        ("Send it to Reichergasse 396, Thanks!", "Reichergasse 396"),
        ("Envoyez à 12 rue Victor Hugo, Merci.", "12 rue Victor Hugo"),
        # German joining words go on with a noun, not the town's name.
        ("Hausbesuch in der Lindenallee 7, 24103 Kiel bei Marta Olsen.", "Lindenallee 7, 24103 Kiel"),
        ("Deliver to 12 Main Street, URGENT", "12 Main Street"),
        # A page or a section number with a slash is no unit.
        ("See page 3/12 Park Lane Press for the map.", "12 Park Lane"),
        # Before a unit, only a unit with a number joins it: "the flat at" is no unit.
        ("Caller: it's the flat at Apt. 512, same building as before.", "Apt. 512"),
        # A town on the next line that opens a sentence is not the address's.
        ("Our shop: 12 Main Street\nLondon office hours are 9 to 5.", "12 Main Street"),
        # A person named after the town is no part of the address.
        ("Ship it to 12 Main Street, Springfield, Anna Berg will sign.", "12 Main Street, Springfield"),
        # A house number is no postal code: the unit after it stays a unit, no town.
        ("Envíe el paquete a Av. Insurgentes Sur 1602, Int. 4, 03940 Ciudad de México.", "Av. Insurgentes Sur 1602, Int. 4, 03940 Ciudad de México"),
    ],
)
def test_address_ends_where_it_ends(engine, text, address):  # noqa: F811
    assert of_type(engine, text, ADDRESS) == [address]


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("We have offices in Lyon, Oberwälz and Traunstein.", ["Lyon", "Oberwälz", "Traunstein"]),
        ("I flew from Lisbon to Ponte de Lima last week.", ["Lisbon", "Ponte de Lima"]),
        ("Our team is split between Boston and North Emily.", ["Boston", "North Emily"]),
        ("Branches: Madrid, Ponte de Sor, Porto.", ["Madrid", "Ponte de Sor", "Porto"]),
    ],
)
def test_places_in_lists_and_journeys(engine, text, places):  # noqa: F811
    assert of_type(engine, text, PLACE) == places


@pytest.mark.parametrize(
    ("text", "not_places"),
    [
        # People, dictionary words and products after a place are no places.
        ("We met in Paris, Anna and Tom were there too.", ["Anna", "Tom"]),
        ("He was in Berlin, Monday and Tuesday.", ["Monday", "Tuesday"]),
        ("The parcel went from Berlin to Anna yesterday.", ["Anna"]),
        ("We met in Paris, Smith and Jones too.", ["Smith", "Jones"]),
        ("Sales in Spain and Windows licences grew.", ["Windows"]),
        ("Install Windows 11 and update Unicode fonts before running the script.", ["Windows", "Unicode"]),
    ],
)
def test_list_counterparts_stay_clean(engine, text, not_places):  # noqa: F811
    found = of_type(engine, text, PLACE)
    assert not any(p in found for p in not_places)
