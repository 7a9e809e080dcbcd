"""Phone numbers missed whole and birth dates missed whole (issue 17, h17t), examples written here.

Classes: a phone number next to another value with only a space between (a birth date in a record's
row, a US ZIP code closing an address), a short phone number on its own line or comma part after an
address block, a run of digits the matcher cannot read right after a phone word, a card read across a
date and a phone; birth dates with a time after an ISO date, the German birth verb at the clause's
end ("am ... geboren", "zur Welt"), "into the world", "turns N on". Each class has a counterpart that
must stay undetected. Real Presidio and spaCy, through ``PiiEngine``: English with the small English
model, Spanish and German without a NER model (patterns and word lists).
"""

from __future__ import annotations

import pytest

from pii_rails import PiiEngine

ENTITIES = ["PERSON", "LOCATION", "STREET_ADDRESS", "PHONE_NUMBER", "DATE_OF_BIRTH", "CREDIT_CARD"]


@pytest.fixture(scope="module")
def engines():
    made = {"en": PiiEngine.from_dict({"language": "en", "input": {"entities": ENTITIES}})}
    for language in ("es", "de"):
        made[language] = PiiEngine.from_dict({"language": language, "regex_only": True, "input": {"entities": ENTITIES}})
    return made


def found(engines, language, text):
    return [(s.entity_type, text[s.start : s.end]) for s in engines[language].detect(text, language=language)]


def typed(engines, language, text, entity):
    return [value for kind, value in found(engines, language, text) if kind == entity]


# ----------------------------------------------------------------- phones next to other values


@pytest.mark.parametrize(
    "text, phone",
    [
        ("Marta Kowal 11/23/1979 610-442-9187", "610-442-9187"),
        ("Jonas Berg 1969-04-02 070 418 2290", "070 418 2290"),
        ("Olga Dunn, 88 Birch Road, Dayton, OH 45402 937 555 0148", "937 555 0148"),
    ],
)
def test_phone_after_a_date_or_a_zip_code(engines, text, phone):
    assert phone in typed(engines, "en", text, "PHONE_NUMBER")
    assert not typed(engines, "en", text, "CREDIT_CARD")


def test_date_and_order_number_stay_no_phone(engines):
    text = "Order 3/14/2024 1182 shipped with 12 items."
    assert not typed(engines, "en", text, "PHONE_NUMBER")


@pytest.mark.parametrize(
    "text, phone",
    [
        ("Helga Arnadottir\n22 Laugavegur\nReykjavik\nIceland\n563 8814", "563 8814"),
        ("Kadri Tamm, 5 Pikk tn, Tallinn, 662 4410", "662 4410"),
    ],
)
def test_short_phone_closing_an_address_block(engines, text, phone):
    assert phone in typed(engines, "en", text, "PHONE_NUMBER")
    assert not any(phone in value for value in typed(engines, "en", text, "STREET_ADDRESS"))


def test_district_code_still_closes_the_address(engines):
    values = typed(engines, "en", "Send it to 14 Kent Ridge Road, Singapore, 11 91742", "PHONE_NUMBER")
    assert "11 91742" not in values


@pytest.mark.parametrize(
    "language, text, phone",
    [
        ("en", "Call me at 4479112345670 after lunch.", "4479112345670"),
        ("es", "Llámame al 34612345678901 mañana.", None),
        ("es", "Mi número es 346123456789", "346123456789"),
        ("de", "Meine Nummer ist 4917612345678", "4917612345678"),
    ],
)
def test_bare_digit_run_after_a_phone_word(engines, language, text, phone):
    values = typed(engines, language, text, "PHONE_NUMBER")
    if phone is None:
        assert values == []  # fourteen digits: no phone plan dials that many
    else:
        assert phone in values


def test_bare_digit_runs_without_phone_word_stay_clean(engines):
    for text in ("Invoice 44791123456 was paid.", "Tracking 4479112345670 arrives Monday.", "Population 8 336 817 (2020)"):
        assert not typed(engines, "en", text, "PHONE_NUMBER"), text


# ----------------------------------------------------------------- birth dates


@pytest.mark.parametrize(
    "text, value",
    [
        ("DOB: 1983-07-19T00:00:00", "1983-07-19T00:00:00"),
        ('{"name": "Ana", "birth_date": "1983-07-19T00:00:00Z"}', "1983-07-19T00:00:00Z"),
        ("Ruth Okafor | 1983-07-19 00:00:00 | Leeds", "1983-07-19 00:00:00"),
    ],
)
def test_birth_date_with_a_time(engines, text, value):
    assert typed(engines, "en", text, "DATE_OF_BIRTH") == [value]


def test_timestamp_is_no_birth_date(engines):
    assert not typed(engines, "en", "Last login 2023-04-05T14:22:01Z from the office.", "DATE_OF_BIRTH")


@pytest.mark.parametrize(
    "text, value",
    [
        ("Er wurde am 12.05.1961 in Graz geboren.", "12.05.1961"),
        ("Sie kam am 3. März 1977 zur Welt.", "3. März 1977"),
        ("Ich bin am 1970-11-01 geboren.", "1970-11-01"),
    ],
)
def test_german_birth_verb_after_the_date(engines, text, value):
    assert typed(engines, "de", text, "DATE_OF_BIRTH") == [value]


def test_german_other_event_before_a_birth_stays_clean(engines):
    assert not typed(engines, "de", "Am 3.4.2010 traf ich Anna, die in Lyon geboren ist.", "DATE_OF_BIRTH")


@pytest.mark.parametrize(
    "text, value",
    [
        ("We welcomed our daughter into the world on June 26, 2007.", "June 26, 2007"),
        ("Grandpa turns 80 on 4/11/1946, so we are planning a party.", "4/11/1946"),
        ("Fecha nac. 9/3/1951", "9/3/1951"),
    ],
)
def test_more_birth_cues(engines, text, value):
    language = "es" if text.startswith("Fecha") else "en"
    assert typed(engines, language, text, "DATE_OF_BIRTH") == [value]


def test_day_of_turning_an_age_is_no_birth_date(engines):
    assert not typed(engines, "en", "She turned 30 on 5/5/2020 and we went dancing.", "DATE_OF_BIRTH")


# ----------------------------------------------------------------- escaped breaks and lost spaces


@pytest.mark.parametrize(
    "text, phone",
    [
        # a literal backslash-n before the number, in a text with another backslash (a path, an escaped quote)
        ("Contact\\nKeld Madsen\\n+45 32 14 77 90\\nsaved in D:\\exports", "+45 32 14 77 90"),
        ("Ana said \\'ok\\'\\n(0161) 496 0341\\nManchester", "(0161) 496 0341"),
    ],
)
def test_phone_after_an_escaped_break_among_other_backslashes(engines, text, phone):
    assert phone in typed(engines, "en", text, "PHONE_NUMBER")


def test_windows_path_keeps_its_backslash_n(engines):
    text = "Copy it to C:\\Users\\nina\\new and run it."
    assert not typed(engines, "en", text, "PHONE_NUMBER")
    from pii_rails.detection.overlaps import analysable

    assert analysable(text) == text


@pytest.mark.parametrize(
    "text, phone",
    [("call me at555-201-4477 after six", "555-201-4477"), ("reach her on(415) 555-0132 tomorrow", "(415) 555-0132")],
)
def test_phone_glued_to_a_word(engines, text, phone):
    assert phone in typed(engines, "en", text, "PHONE_NUMBER")


def test_ids_glued_to_codes_stay_no_phone(engines):
    for text in ("Ticket ES1307761234 is closed.", "see ref555-201-4477 in the log", "user john555-0100 logged in"):
        assert not typed(engines, "en", text, "PHONE_NUMBER"), text
