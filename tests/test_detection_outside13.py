"""Streets with no type word after a bare preposition, and addresses written as lists (issue 17).

A street named in some language other than English with its house number ("Purje 57", "Hrútafjörður 11") is an
address after any word that says where, when a word of its name is in no dictionary, list of names or list of
places. An address whose lines each open with a list's mark (a bullet, what an encoding made of an emoji, a
quote mark, a template's leftover braces) is found whole, and reported item by item: the street, the unit and the
postal code with its country as addresses, the town as a place. Counterparts: counts, codes of standards and
dictionary words stay unreported, and an address over plain lines stays one span. Every example was written for
this file.
"""

from __future__ import annotations

import pytest
from conftest import of_type

from test_detection_outside3 import engine  # noqa: F401

ADDRESS, PLACE = "STREET_ADDRESS", "LOCATION"


@pytest.mark.parametrize(
    ("text", "street"),
    [
        ("There was a fire at Purje 57 last night.", "Purje 57"),
        ("The package was left outside Toppen 81 this morning.", "Toppen 81"),
        ("Customer address - Dalsetkroken 129", "Dalsetkroken 129"),
        ("home: Hrútafjörður 11", "Hrútafjörður 11"),
        ("The bus stops near Napparngummut 57, I think.", "Napparngummut 57"),
        ("we grabbed coffee on spojovací 876 again", "spojovací 876"),
    ],
)
def test_a_street_of_unknown_words_after_where_is_an_address(engine, text, street):  # noqa: F811
    assert of_type(engine, text, ADDRESS) == [street]


@pytest.mark.parametrize(
    "text",
    [
        "The show is back in Season 2 next spring.",
        "Timestamps are stored in ISO 8601 everywhere.",
        "She scored at Wimbledon 3 times.",
        "Meet me at Gate 12 before boarding.",
        "We moved the meeting to Tuesday 14.",
        "It happened in Springfield 2019, I believe.",
        "The report is at John Smith 42 on the shared drive.",
    ],
)
def test_a_name_of_words_or_people_before_a_number_is_no_street(engine, text):  # noqa: F811
    assert of_type(engine, text, ADDRESS) == []


BLOCK = "Signe Lund\\n{m}Kvarngatan 14\\n{m}Suite 206\\n{m}Hällevik\\n{m}Sweden 29475"


@pytest.mark.parametrize("mark", ["}}", "??? ", "- ", "> ", "• "])
def test_an_address_written_as_a_list_is_reported_item_by_item(engine, mark):  # noqa: F811
    text = BLOCK.format(m=mark)
    assert of_type(engine, text, ADDRESS) == ["Kvarngatan 14", "Suite 206", "Sweden 29475"]
    assert of_type(engine, text, PLACE) == ["Hällevik"]


def test_an_address_list_with_real_line_breaks_too(engine):  # noqa: F811
    text = "Ship to:\n> 40 Larchwood Road\n> Apt. 12\n> Ballymena\n> Northern Ireland BT42 1AB"
    assert of_type(engine, text, ADDRESS) == ["40 Larchwood Road", "Apt. 12", "Northern Ireland BT42 1AB"]
    assert of_type(engine, text, PLACE) == ["Ballymena"]


def test_an_address_over_plain_lines_stays_one(engine):  # noqa: F811
    text = "Signe Lund\nKvarngatan 14\nSuite 206\nHällevik\nSweden 29475"
    assert of_type(engine, text, ADDRESS) == ["Kvarngatan 14\nSuite 206\nHällevik\nSweden 29475"]


def test_every_item_of_a_listed_address_is_masked(engine):  # noqa: F811
    text = BLOCK.format(m="}}")
    covered = set()
    for span in engine.detect(text):
        covered.update(range(span.start, span.end))
    for part in ("Kvarngatan 14", "Suite 206", "Hällevik", "Sweden 29475"):
        start = text.index(part)
        assert set(range(start, start + len(part))) <= covered, part


@pytest.mark.parametrize(
    ("text", "addresses", "places"),
    [
        ("- 14 Harbour Street\n- Apt. 4\n- Gothenburg\n- Sweden 41104", ["14 Harbour Street", "Apt. 4", "Sweden 41104"], ["Gothenburg"]),
        ("• 22 Kirkegata 5\n• Suite 9\n• Bergen\n• Norway 5003", ["22 Kirkegata 5", "Suite 9", "Norway 5003"], ["Bergen"]),
        ("??? 512 Tammsaare 17\n??? Apt. 30\n??? Rakvere\n??? Estonia 44307", ["512 Tammsaare 17", "Apt. 30", "Estonia 44307"], ["Rakvere"]),
    ],
)
def test_bulleted_address_lines_are_items(engine, text, addresses, places):  # noqa: F811
    assert of_type(engine, text, ADDRESS) == addresses
    assert of_type(engine, text, PLACE) == places


def test_an_empty_field_in_a_listed_address_is_no_item(engine):  # noqa: F811
    text = "}}Kvarngatan 14\\n}}nan\\n}}Hällevik\\n}}Sweden 29475"
    assert of_type(engine, text, ADDRESS) == ["Kvarngatan 14", "Sweden 29475"]
    assert of_type(engine, text, PLACE) == ["Hällevik"]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Weather today in Ilulissat: light snow, -12 °C.", "Ilulissat"),
        ("The farm lies just north of Tõrva, past the lake.", "Tõrva"),
        ("The population of Qeqertarsuaq is about 800.", "Qeqertarsuaq"),
    ],
)
def test_more_words_only_a_place_stands_after(engine, text, place):  # noqa: F811
    assert of_type(engine, text, PLACE) == [place]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("My name is Ruby Wollaston but everyone calls me Ruby.", ["Ruby Wollaston", "Ruby"]),
        ("Our new tenant, Rose Lindqvist, asked if Rose could paint the hall.", ["Rose Lindqvist", "Rose"]),
        ("The letter was signed by Faith Mbeki, and later Faith called us.", ["Faith Mbeki", "Faith"]),
    ],
)
def test_a_given_name_that_is_a_word_repeats_once_a_full_name_holds_it(engine, text, names):  # noqa: F811
    assert of_type(engine, text, "PERSON") == names


def test_a_word_that_is_a_name_stays_a_word_without_the_full_name(engine):  # noqa: F811
    assert of_type(engine, "We keep Hope in the garden; the Ruby ring is gone.", "PERSON") == []
