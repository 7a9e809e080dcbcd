"""Towns no list holds, after more words that say where (issue 17).

A town is found after an invitation's "Where:" or a listing's "Location:", in a home town, a university, a
firm's site, a year spent there, a move "here", a journey across the world, and alone on its line over its
country's. Under a "Where:" the town before the venue it names is the place ("Kuopio Country Club"). Each kind has counterparts that must stay unreported: rooms, calls and platforms under the same keys,
dictionary words after the same leads, and a person's name over a country in a signature. Every example was
written for this file.

Names beside addresses: a unit's word ("Apt", "Suite") after a titled name is no surname, a title opens no street
and is no town, a name answering "last name?" is found, and a blank line escaped in a text with other
backslashes splits a name from what follows it. A person is also found credited after "Directed by:", after
"between him and", written first in an address, and quoted after a colon when a name list knows the name.
"""

from __future__ import annotations

import pytest
from conftest import of_type

from test_detection_outside3 import engine  # noqa: F401

PLACE, PERSON = "LOCATION", "PERSON"


@pytest.mark.parametrize(
    ("text", "town"),
    [
        ("Quarterly offsite\\nWhere: Raikküla\\nWhen: Thursday 2pm", "Raikküla"),
        ("Location: Tõrva", "Tõrva"),
        ("Venue: Gyopárosfürdô", "Gyopárosfürdô"),
        ("She got her degree at the University of Kustja in 2019.", "Kustja"),
        ("Back in my home city Hajdina for the holidays.", "Hajdina"),
        ("Lena's home town Dobrna has a new mayor.", "Dobrna"),
        ("We moved here from Asheville when I was six.", "Asheville"),
        ("It is my 10th year in Anholt and I love it.", "Anholt"),
        ("Nordwind Corporation in Bergamo is hiring engineers.", "Bergamo"),
        ("I worked for Helix Holdings Limited in Moknine.", "Moknine"),
        ("People travelled from all over the world to Knebel for the festival.", "Knebel"),
        ("Please send it to:\\n\\nTserkezoi\\nCyprus", "Tserkezoi"),
        ("Regards,\\nJohn\\n\\nStrowan\\nCanada", "Strowan"),
    ],
)
def test_a_town_after_more_words_of_where(engine, text, town):  # noqa: F811
    assert town in of_type(engine, text, PLACE)


@pytest.mark.parametrize(
    "text",
    [
        "Standup\\nWhere: Zoom\\nWhen: 9am",
        "Where: Microsoft Teams Meeting",
        "Where: The Grand Ballroom",
        "Location: Remote",
        "Where: Webex",
        "Location: Main Hall",
        "Location: On-site",
        "Location: Remote-first",
        "Location: EMEA",
        "It is my first year in Marketing and I love it.",
        "Our Company in Numbers",
        "Best\\nSales Team\\nGermany",
    ],
)
def test_rooms_calls_and_words_stay_unreported(engine, text):  # noqa: F811
    assert [t for t in of_type(engine, text, PLACE) if t not in ("Germany",)] == []


def test_a_name_over_a_country_stays_a_persons(engine):  # noqa: F811
    text = "Thanks,\\nMikko Virtanen\\nFinland"
    assert of_type(engine, text, PERSON) == ["Mikko Virtanen"]
    assert of_type(engine, text, PLACE) == ["Finland"]


def test_a_person_one_does_things_with_is_still_a_person(engine):  # noqa: F811
    assert of_type(engine, "Beverly and I went to Celje last May.", PERSON) == ["Beverly"]
    assert of_type(engine, "We stayed in Komen and I loved it.", PERSON) == []


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("Summer party\\nWhere: Raikküla Country Club.\\nDress code: casual", ["Raikküla"]),
        ("Location: Tartu Town Hall", ["Tartu"]),
        ("Where: Riverside Country Club", []),
        ("City: Kustja.", ["Kustja"]),
        ("Location: OSLO", ["OSLO"]),
    ],
)
def test_the_town_before_a_venue_is_the_place(engine, text, places):  # noqa: F811
    assert of_type(engine, text, PLACE) == places


@pytest.mark.parametrize(
    ("text", "names", "addresses"),
    [
        ("Please deliver to Mrs. Lund Apt. 12, Kvarngatan 14", ["Lund"], ["Apt. 12, Kvarngatan 14"]),
        ("Ship to Dr. Haddad Suite 400 Main Street", ["Haddad"], ["Suite 400 Main Street"]),
        ("Ms. Okafor Apt. 5", ["Okafor"], []),
        ("Mrs. Lund Unit 3, 45 Harbour Road", ["Lund"], ["Unit 3, 45 Harbour Road"]),
    ],
)
def test_a_units_word_after_a_titled_name_is_no_surname(engine, text, names, addresses):  # noqa: F811
    assert of_type(engine, text, PERSON) == names
    assert of_type(engine, text, "STREET_ADDRESS") == addresses
    assert of_type(engine, text, PLACE) == []


def test_a_name_answering_a_question_for_it(engine):  # noqa: F811
    assert of_type(engine, "What is your last name? Kowalczyk", PERSON) == ["Kowalczyk"]
    assert of_type(engine, "Full name? Wiktoria Zalewska", PERSON) == ["Wiktoria Zalewska"]
    assert of_type(engine, "What is your last name? Please type it.", PERSON) == []


def test_an_escaped_blank_line_breaks_a_line_among_other_backslashes():  # noqa: F811
    from pii_rails.detection.overlaps import analysable

    text = "Rasmus Berg\\n\\n4100 Main St, it\\'s here"
    assert analysable(text) == "Rasmus Berg \n \n4100 Main St, it\\'s here"
    # Not a path: a backslash-n before a lower-case word stays two characters there.
    assert analysable("C:\\new\\nina \\d") == "C:\\new\\nina \\d"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Film facts\\nDirected by: Halvorsen\\nYear: 1998", "Halvorsen"),
        ("The conflict between him and Halvorsen grew.", "Halvorsen"),
        ("There was tension between her and Wiktoria for years.", "Wiktoria"),
        ("Billing address: Halvorsen, 12 Harbour Road", "Halvorsen"),
        ('Halvorsen: "I never said that."', "Halvorsen"),
    ],
)
def test_a_person_in_more_slots(engine, text, name):  # noqa: F811
    assert of_type(engine, text, PERSON) == [name]


@pytest.mark.parametrize(
    "text",
    [
        'Kubernetes: "the pod failed"',
        'Warning: "disk is full"',
        "The gap between him and Berlin is large.",
        "Address: Main Office, 12 Harbour Road",
    ],
)
def test_products_words_and_towns_in_those_slots_are_no_people(engine, text):  # noqa: F811
    assert of_type(engine, text, PERSON) == []
