"""Addresses and names known by where they stand (issue 17), one test per class.

A street with no type word after words that say where someone lives, goes or is met:

"He lives on the north side of Purje 57", "the bus drops you off at Välja 82", "send the parcel to
Eyrarodda 6", in lower-case chat too ("i'll meet you at kooli 79"): many countries name a street
without a type word and put the house number after it, and in prose nothing but the words before
it says it is an address. Counterparts: dictionary words, times, counts, years and technical names
after the same words stay as they were.

The speakers of a transcript (a name and a colon at two lines' starts or more, one name at least a
known given name) and a person's name on the line above a job title; counterparts: forms, role
labels, lists of software, a company above a job title. Every example was written for this file.
Real Presidio and spaCy through ``PiiEngine``.
"""

from __future__ import annotations

import pytest
from conftest import of_type

from test_detection_outside3 import engine  # noqa: F401

ADDRESS, PERSON = "STREET_ADDRESS", "PERSON"


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


@pytest.mark.parametrize(
    ("text", "people"),
    [
        ("lily: what a day.\ntracey: remember me, richard?\ndouglas: you saved my life!", ["lily", "tracey", "richard", "douglas"]),
        ("Maria: are you coming tonight?\nOkonkwo: yes, after work\nMaria: great, see you", ["Maria", "Okonkwo", "Maria"]),
    ],
)
def test_transcript_speakers(engine, text, people):  # noqa: F811
    assert of_type(engine, text, PERSON) == people


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Kat Szalai\nConstruction equipment operator\nGolden West Inc.", "Kat Szalai"),
        ("maria sangi\ntruck dispatcher\noxford square capital corp", "maria sangi"),
        ("Thanks again.\n\nBrigitta Holm\n\nHead of Customer Success\nNordlys AB", "Brigitta Holm"),
        ("Olumide Adebayo-Smith\nSenior Payroll Specialist", "Olumide Adebayo-Smith"),
    ],
)
def test_name_above_a_job_title(engine, text, person):  # noqa: F811
    assert person in of_type(engine, text, PERSON)


@pytest.mark.parametrize(
    "text",
    [
        "Summary: the build failed twice\nCause: a missing key in the config file",
        "Customer: my card was declined twice\nAgent: let me check that for you",
        "Kunde: Ich komme nicht mehr rein.\nMitarbeiter: das prüfen wir gleich",
        "Django: a web framework for perfectionists\nFlask: a small framework for web apps",
        "Host: the staging server\nPort: 8080\nMode: read only for now",
        "Golden West Inc.\nConstruction equipment operator",
        "Best regards\nAccount Manager",
        "The quick fox\nSoftware engineer wanted",
        "Python 3.11\nSenior Data Analyst",
    ],
)
def test_forms_roles_and_companies_are_no_people(engine, text):  # noqa: F811
    assert of_type(engine, text, PERSON) == []
