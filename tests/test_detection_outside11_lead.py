"""A street with no type word after words that say where someone lives, goes or is met (issue 17).

"He lives on the north side of Purje 57", "the bus drops you off at Välja 82", "send the parcel to
Eyrarodda 6", in lower-case chat too ("i'll meet you at kooli 79"): many countries name a street
without a type word and put the house number after it, and in prose nothing but the words before
it says it is an address. Counterparts: dictionary words, times, counts, years and technical names
after the same words stay as they were. Every example was written for this file. Real Presidio and
spaCy through ``PiiEngine``.
"""

from __future__ import annotations

import pytest
from conftest import of_type

from test_detection_outside3 import engine  # noqa: F401

ADDRESS = "STREET_ADDRESS"


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("He lives on the north side of Purje 57.", "Purje 57"),
        ("Our flat is at the far end of Dalsetkroken 129, past the school.", "Dalsetkroken 129"),
        ("The bus drops you off at Välja 82.", "Välja 82"),
        ("Can you pick me up at Letališka 72 tomorrow?", "Letališka 72"),
        ("I'll meet you at Κασνέτη 22 after work.", "Κασνέτη 22"),
        ("Visitors enter on Mírová 1690 until the works end.", "Mírová 1690"),
        ("We stayed at Laugavegur 18b over the winter.", "Laugavegur 18b"),
        ("Please send the parcel to Eyrarodda 6 before Friday.", "Eyrarodda 6"),
        ("Mail the cheque to Karlsängen 77 please.", "Karlsängen 77"),
        ("Return the keys to 4 Treinta y Tres 2070 when you leave.", "4 Treinta y Tres 2070"),
        ("Bring it to Fuente del Gallo 4 while we are out.", "Fuente del Gallo 4"),
        # Lower-case chat.
        ("i'll meet you at kooli 79 after the concert", "kooli 79"),
        ("she moved to spojovací 876 last year", "spojovací 876"),
        ("he lives on the north side of clius 145.", "clius 145"),
    ],
)
def test_street_without_type_word_after_where(engine, text, address):  # noqa: F811
    assert of_type(engine, text, ADDRESS) == [address]


@pytest.mark.parametrize(
    "text",
    [
        "Meet me at Gate 12 after the show.",
        "The train drops you off at Platform 9 every day.",
        "We stayed at Hotel 7 for a week.",
        "Send the report to Team 4 by Friday.",
        "Please send it to Marketing 2 for review.",
        "I will see you at Starbucks 5 pm.",
        "Can you meet me at June 12?",
        "they moved to version 2 of the api",
        "see you at noon 12",
        "We moved to Python 3 last year.",
        "We moved to Windows 11 on all laptops.",
        "She moved to Springfield 2019.",
        "He lives on the north side of town.",
        "We moved to Ubuntu 22 machines in March.",
    ],
)
def test_counts_times_and_products_are_no_street(engine, text):  # noqa: F811
    assert of_type(engine, text, ADDRESS) == []
