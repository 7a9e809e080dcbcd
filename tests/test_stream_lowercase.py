"""A streamed answer releases a plain lower-case word as soon as it is written when no
recognizer the output rail runs may begin a span on it (``pii_rails.detection.lowercase``,
enforced by detection), and holds it where one may: a given name in chat, a place after
"in", a name after "my name is", a password after its label, a value the conversation knows.
The streamed answer stays the whole answer masked, wherever the stream is cut."""

from __future__ import annotations

import asyncio

import pytest

from conftest import WaitsForTheClient, assert_streams_as_whole, server_config, write_config
from test_stream_colang2 import MAIN as COLANG2_MAIN
from pii_rails.detection.openers import trim_openers
from pii_rails.engine import PiiEngine
from pii_rails.nemo.streaming import StreamRewriter
from pii_rails.spans import Span

# No LOCATION: the NER's places (and dates, groups) may begin on any word, so with them every
# lower-case word waits as before.
OUTPUT = ["PERSON", "EMAIL_ADDRESS", "PHONE_NUMBER", "PASSWORD", "API_KEY", "CREDIT_CARD"]


@pytest.fixture(scope="module")
def engine():
    return PiiEngine.from_dict(
        {"reversible": True, "input": {"entities": ["PERSON", "EMAIL_ADDRESS"]}, "output": {"entities": OUTPUT}}
    )


def _vault(engine):
    vault = engine.vault()
    assert engine.guard("I'm Ada Lovelace, ada.lovelace@example.com.", vault=vault).text == (
        "I'm <PERSON_1>, <EMAIL_ADDRESS_1>."
    )
    return vault


def _rewriter(engine):
    return StreamRewriter(engine, _vault(engine), mask=True, check_share=1.0)


def test_a_content_word_goes_out_as_soon_as_it_is_written(engine):
    rewriter = _rewriter(engine)
    assert rewriter.feed("week") == ""  # still being written
    assert rewriter.feed(", ") == "week, "
    assert rewriter.feed("figures ") == "figures "
    assert rewriter.feed("password: ") == "password: "  # a label is not the value it labels


@pytest.mark.parametrize(
    "before, word",
    [
        ("", "jasmine"),  # a given name: lower-case chat writes names so
        ("hi, my name is ", "zork"),  # anything after "my name is"
        ("the password: ", "hunter"),  # a value after its label
        ("ok.\ncustomer name: ", "quillon"),  # a name field's value, typed in lower case
        ("my api key is ", "abcdefghijklmnopqrst"),
        ("so ", "ada"),  # the start of a value this conversation knows (Ada Lovelace)
        ("we met ", "van"),  # a name particle ("van Gogh")
    ],
)
def test_a_word_a_span_may_begin_on_waits_for_its_right_context(engine, before, word):
    rewriter = _rewriter(engine)
    assert rewriter.feed(before) == before
    assert rewriter.feed(word + " ") == "", word
    assert rewriter.feed("and then ") == ""  # after a held word: held too


def test_with_a_recognizer_that_may_begin_anywhere_every_lower_case_word_waits():
    """The NER's places and the street-address recognizer may begin a span on a lower-case
    word ("via Roma 10", a lower-case city): with them on the output, such words wait as before."""
    engine = PiiEngine.from_dict({"output": {"entities": ["PERSON", "LOCATION", "STREET_ADDRESS"]}})
    for word in ("week,", "via", "calle", "figures"):
        rewriter = StreamRewriter(engine, engine.vault(), mask=True, check_share=1.0)
        assert rewriter.feed(word + " ") == "", word
    rewriter = StreamRewriter(engine, engine.vault(), mask=True, check_share=1.0)
    assert rewriter.feed("the ") == "the "  # function words still go at once


def test_detection_never_begins_a_span_where_its_recognizer_cannot(engine):
    text = "week ada@example.com and jasmine"
    spans = [
        Span("EMAIL_ADDRESS", 0, 20, 1.0, "EmailRecognizer"),  # an e-mail never begins on "week"
        Span("PERSON", 25, 32, 0.5, "GivenNameRecognizer"),  # a given name may
        Span("PERSON", 0, 4, 0.5, "MyOwnRecognizer"),  # one this project has not read may too
    ]
    kept = trim_openers(text, spans, engine.detector.start_rules)
    assert [(s.recognizer, s.start, s.end) for s in kept] == [
        ("EmailRecognizer", 5, 20),
        ("GivenNameRecognizer", 25, 32),
        ("MyOwnRecognizer", 0, 4),
    ]


def test_a_rule_is_the_recognizers_own_and_a_name_shared_with_one_without_a_rule_begins_anywhere():
    """Each recognizer declares its rule (``LOWER_START``); detection reads them by the name results
    carry. A custom recognizer reporting under one of our names without declaring a rule (one that
    may learn lower-case values) lifts the rule for that name instead of having its spans trimmed."""
    from presidio_analyzer import Pattern, PatternRecognizer

    from pii_rails.detection.lowercase import rules_of
    from pii_rails.detection.predefined.phone import PhoneNumberRecognizer

    ours = PhoneNumberRecognizer()
    assert rules_of([ours])["PhoneNumberRecognizer"] is PhoneNumberRecognizer.LOWER_START
    theirs = PatternRecognizer(
        supported_entity="PHONE_NUMBER", name="PhoneNumberRecognizer", patterns=[Pattern("word", r"\bcall\w+", 0.5)]
    )
    assert "PhoneNumberRecognizer" not in rules_of([ours, theirs])
    text = "ok callme now"
    assert trim_openers(text, [Span("PHONE_NUMBER", 3, 9, 0.5, "PhoneNumberRecognizer")], rules_of([ours, theirs]))
    assert not trim_openers(text, [Span("PHONE_NUMBER", 3, 9, 0.5, "PhoneNumberRecognizer")], rules_of([ours]))



@pytest.mark.parametrize(
    "text, names",
    [
        ("first name: jasmine\nlast name: okafor", ["jasmine", "okafor"]),
        ("Customer name: tariq desrosiers", ["tariq desrosiers"]),  # no list knows them, nor the dictionary
        ("patient name: maria garcia\ndob: 1980-01-02", ["maria garcia"]),
        ("first name: required\nlast name: see above\ncontact name: n/a", []),  # a form's own words
        ("first_name,last_name\njasmine,smith", []),  # a column's lower-case cells: not read (yet)
    ],
)
def test_a_name_field_typed_in_lower_case_is_a_name(engine, text, names):
    found = [text[s.start : s.end] for s in engine.detect(text, "output") if s.entity_type == "PERSON"]
    assert found == names

ANSWERS = [
    "week, so the team met jasmine and marcus in town; call them on 415-555-0132.",
    "figures look fine. hi, my name is zork and my password: hunter2 ok, ada lovelace says thanks",
    "step two: send <PERSON_1> the api key abcdefghijklmnopqrst1234 and write to ada.lovelace@example.com now",
    "noted, here is the record.\nfirst name: tariq\nlast name: desrosiers\nstatus: open",
]



@pytest.mark.parametrize("answer", ANSWERS, ids=range(len(ANSWERS)))
def test_every_two_way_cut_masks_like_the_whole_answer(engine, answer):
    whole = engine.guard(answer, "output", vault=_vault(engine)).text
    assert whole != answer
    assert_streams_as_whole(lambda: _rewriter(engine), answer, whole)


async def test_llmrails_sends_an_opening_content_word_before_the_model_writes_on(tmp_path):
    """config/server through real LLMRails: the model writes "week, " and waits for the client
    to read it; holding the word for four words of right context would leave it waiting."""
    from nemoguardrails import LLMRails, RailsConfig

    gate = asyncio.Event()
    answer = "week, so the schedule holds and Grace Hopper can help on 415-555-0132."
    llm = WaitsForTheClient([answer], gate, "week, ", lambda chunk: str(getattr(chunk, "content", chunk)))
    waited_in_vain = llm.waited_in_vain
    rails = LLMRails(RailsConfig.from_path(str(server_config(tmp_path))), llm=llm)
    chunks = []
    async for chunk in rails.stream_async(messages=[{"role": "user", "content": "hi"}]):
        chunks.append(chunk)
        gate.set()
    assert not waited_in_vain
    assert chunks[0] == "week, "
    assert "".join(chunks) == "week, so the schedule holds and <PERSON_1> can help on <PHONE_NUMBER_1>."


V2_CONFIG = """
colang_version: "2.x"
models: []
streaming: true
custom_data:
  pii_rails:
    reversible: true
    input: {entities: [PERSON, PHONE_NUMBER]}
    output: {entities: [PERSON, PHONE_NUMBER]}
"""

V2_MAIN = COLANG2_MAIN.format(output_flow="pii rails mask on output")


async def test_colang_2x_sends_an_opening_content_word_before_the_model_writes_on(tmp_path):
    from nemoguardrails import LLMRails, RailsConfig

    gate = asyncio.Event()
    answer = "figures look fine and Grace Hopper can help on 415-555-0132."
    llm = WaitsForTheClient(
        [answer], gate, "figures ", lambda chunk: str(getattr(chunk, "delta_content", None) or "")
    )
    waited_in_vain = llm.waited_in_vain
    config = write_config(tmp_path, V2_CONFIG, {"main.co": V2_MAIN})
    rails = LLMRails(RailsConfig.from_path(str(config)), llm=llm)
    chunks = []
    async for chunk in rails.stream_async(messages=[{"role": "user", "content": "hi"}]):
        chunks.append(chunk)
        gate.set()
    assert not waited_in_vain
    assert chunks[0] == "figures "
    assert "".join(chunks) == "figures look fine and <PERSON_1> can help on <PHONE_NUMBER_1>."
