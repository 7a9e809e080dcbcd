"""Places and addresses on text nobody here wrote (issue 17, helper h17m), one test per class.

Classes: a town no list holds after the words of a journey, a stay or a thing that stands in a
town ("moved to Tromsø", "a hotel in Kotor", "the ferry from Puttgarden"); known places written in
lower case without their accents or after "into", "via", "then" and a comma ("anyone here from
gdansk?", "flying into lisbon, then porto"). Every example was written for this file; each class
has counterparts that must stay undetected (shops, firms and tools are gone to and worked in as
much as towns). Real Presidio and spaCy through ``PiiEngine`` (English, the small English model).
"""

from __future__ import annotations

import pytest
from conftest import of_type

# The same engine (English, the small model; names, places, addresses, birth dates) as the sixth round's.
from test_detection_outside3 import engine  # noqa: F401

# ----------------------------------------------------------------- towns after the words of a journey or a stay


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("She moved to Tromsø in 2019.", "Tromsø"),
        ("He moved to Ribeirão Preto with his family.", "Ribeirão Preto"),
        ("We stopped in Hvolsvöllur for lunch.", "Hvolsvöllur"),
        ("Can you recommend a hotel in Kotor?", "Kotor"),
        ("Our team in Cluj is hiring.", "Cluj"),
        ("The ferry from Puttgarden was cancelled.", "Puttgarden"),
        ("They relocated from Vantaa to Kokkola last spring.", "Vantaa"),
    ],
)
def test_town_after_words_of_travel(engine, text, place):  # noqa: F811
    assert place in of_type(engine, text, "LOCATION")


@pytest.mark.parametrize(
    "text",
    [
        "Let's go to Costco tomorrow.",
        "We went to Starbucks after class.",
        "He drove to Walmart.",
        "Escalations in the Sydney office go to Jorge Luis Jiménez.",
        "She moved to Marketing last year.",
    ],
)
def test_errands_and_people_are_no_towns(engine, text):  # noqa: F811
    found = of_type(engine, text, "LOCATION")
    assert not [p for p in found if p not in ("Sydney",)]


# ----------------------------------------------------------------- known places in lower case


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("anyone here from gdansk?", "gdansk"),
        ("ok so i'm in malmo for the weekend", "malmo"),
        ("flying into lisbon tomorrow", "lisbon"),
        ("lisbon first, then porto", "porto"),
        ("we ended up in bergen, norway", "norway"),
    ],
)
def test_known_places_in_lower_case(engine, text, place):  # noqa: F811
    assert place in of_type(engine, text, "LOCATION")


@pytest.mark.parametrize(
    "text",
    [
        "then reading the manual helped",
        "we looked into nice options, then split the bill",
        "it went via mobile, then by post",
    ],
)
def test_lower_case_words_that_name_places_elsewhere(engine, text):  # noqa: F811
    assert of_type(engine, text, "LOCATION") == []
