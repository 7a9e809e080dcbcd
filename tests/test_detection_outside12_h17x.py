"""People's names of many countries, in e-mail, CRM, chat, minutes and news styles (issue 17, helper h17x).

Exact ends: a surname a place list also holds stays in the name a model found ("Thanks,\\nPer K
Aalborg"), a job set off by a dash after a signature's name stays out ("- Operations Manager"), an
unknown given name before a known one stays in ("Una Seamus Kilduff"), a third name word after a
name a model cut short joins it ("Mirjana Ladislav Kovše"), a suffix joins the name ("MD", "Jr.").
Recall: a given name in "X and I went ...", the value of a minutes' label ("Apologies:"), a quoted
mail's header without its comma ("On Monday ... wrote:"), a speaker with a role in brackets
("Sean (Support):"). Precision: legal forms of Central and Northern Europe end no person ("Valmet
Oyj", "Richter Gedeon Nyrt."), a pronoun with its verb is no lower-case name ("she'd"), and products after "Present:" or before "and I" are
none. Every example was written for this file; each class has counterparts that must stay
undetected. Real Presidio and spaCy through ``PiiEngine``.
"""

from __future__ import annotations

import pytest
from conftest import of_type

from pii_rails import PiiEngine

ENTITIES = ["PERSON", "LOCATION", "STREET_ADDRESS", "EMAIL_ADDRESS", "PHONE_NUMBER"]


@pytest.fixture(scope="module")
def engine():
    return PiiEngine.from_dict({"language": "en", "input": {"entities": ENTITIES}})


def people(engine, text: str):
    return of_type(engine, text, "PERSON", "en")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # A surname spelled like a town, inside the name a model found.
        ("Thanks,\nDan T Jessen\nAccount Manager | Orion Pharma", "Dan T Jessen"),
        # A job after a dash is no part of the name.
        ("Zoltán Boros - Operations Manager", "Zoltán Boros"),
        ("Marcia G. Lindqvist – Head of Sales", "Marcia G. Lindqvist"),
        # An unknown given name before a known one.
        ("Thanks,\nUna Seamus Kilduff\nHead of Procurement", "Una Seamus Kilduff"),
        # A third name word after the two a model found.
        ("Yesterday Sanja Ladislav Logar signed the form.", "Sanja Ladislav Logar"),
        # Suffixes.
        ("Hello, this is Mr. Mario Friedman MD. Who are you?", "Mario Friedman MD"),
        # Who one does things with.
        ("Beverly and I went to Celje last week.", "Beverly"),
        ("Then Sándor and I drove to Pécs.", "Sándor"),
        # Minutes.
        ("Minutes, 4 March\nPresent: Ruth Dam, Haruka Sato\nApologies: Jorunn", "Jorunn"),
        ("Chair: Ilse Vandam\nAgenda: budget", "Ilse Vandam"),
        # A quoted mail's header without a comma.
        ("On Monday Benek Arıpınar Akça wrote:\n> see below", "Benek Arıpınar Akça"),
        ("On Monday BRUNO DEL PINHO wrote:\n> see below", "BRUNO DEL PINHO"),
        # A speaker with a role in brackets.
        ("Sean (Support): Could you confirm your e-mail?", "Sean"),
    ],
)
def test_names_found_with_exact_ends(engine, text, name):
    assert name in people(engine, text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Ask Diane Lane about it.", "Diane Lane"),  # a surname that is a street's type too stays a person
        ("Beneficiary Leanne Williams called.", "Leanne Williams"),  # a word before a known given name is cut
        ("I met John Smith Tuesday.", "John Smith"),  # a weekday is no surname
    ],
)
def test_ends_stay_where_they_are(engine, text, name):
    assert name in people(engine, text)


@pytest.mark.parametrize(
    ("text", "not_a_person"),
    [
        ("Contact Tea Breznik-Eriksson, Valmet Oyj, Kraków", "Valmet Oyj"),
        ("Leon Pirc | Logistics Coordinator | Richter Gedeon Nyrt.", "Gedeon Nyrt"),
        ("-- \nMARITTA G. ANDERS\nNorðurál hf.\nTel +81 756 3490", "Norðurál"),
        ("marin l. ozimec said she'd call back", "she'd"),
    ],
)
def test_not_people_next_to_people(engine, text, not_a_person):
    assert not any(not_a_person in found for found in people(engine, text))


@pytest.mark.parametrize(
    ("text", "street"),
    [
        ("Please meet me at the corner of Tornimäe 4 and Giedre Place", "Giedre Place"),
        ("I'll wait at the corner of Vilniaus 12 and Oyelaran Inlet.", "Oyelaran Inlet"),
    ],
)
def test_street_named_after_someone_is_masked_as_a_street(engine, text, street):
    spans = engine.detect(text, language="en")
    assert ("PERSON", street) not in [(s.entity_type, text[s.start : s.end]) for s in spans]
    begin = text.index(street)
    # Still masked: by a span of its own or by the whole corner's address.
    assert any(s.entity_type != "PERSON" and s.start <= begin and begin + len(street) <= s.end for s in spans)


@pytest.mark.parametrize(
    "text",
    [
        "Python and I never got along.",
        "Mum and I went shopping.",
        "Present: Azure DevOps and Account Manager representatives",
        "Apologies: Network Outage",
        "On Monday the server wrote: disk full",
        "Billing (Support): Could you confirm your e-mail?",
        "I moved from Toledo to Madrid.",
        "Thanks,\nThe Valmet Oyj team",
        "and then she said they'll come",
    ],
)
def test_nothing_here_is_a_person(engine, text):
    assert people(engine, text) == []
