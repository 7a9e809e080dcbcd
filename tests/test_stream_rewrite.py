"""Streamed answers are restored and masked exactly as a whole answer would be,
wherever the stream is cut, through real LLMRails.stream_async."""

from __future__ import annotations

import itertools
import json
import random

import pytest

from conftest import assert_streams_as_whole, make_rails, pieces, server_config, streamed, write_config
from test_logs import everything_logged  # noqa: F401  (a fixture)
from pii_rails.detection.openers import never_starts
from pii_rails.engine import PiiEngine
from pii_rails.masking.vault import Vault
from pii_rails.nemo.streaming import StreamRewriter, pipeline_reach, right_context_words

ENTITIES = "[PERSON, EMAIL_ADDRESS, PHONE_NUMBER, CREDIT_CARD]"
OUTPUT = ["PERSON", "EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "US_SSN", "IBAN_CODE", "IP_ADDRESS", "PRIVATE_KEY"]


@pytest.fixture(scope="module")
def engine():
    return PiiEngine.from_dict(
        {
            "reversible": True,
            "input": {"entities": ["PERSON", "EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD"]},
            "output": {"entities": OUTPUT},
        }
    )


def _vault(engine):
    vault = engine.vault()
    masked = engine.guard("I'm Ada Lovelace, ada.lovelace@example.com, card 4111 1111 1111 1111.", vault=vault)
    assert masked.text == "I'm <PERSON_1>, <EMAIL_ADDRESS_1>, card <CREDIT_CARD_1>."
    return vault



ANSWER = "Thanks <PERSON_1>! Mail to <Email_Address_1> and [credit card 1] are on file, <PERSON_1>."


def test_every_two_way_cut_restores_like_the_whole(engine):
    vault = _vault(engine)
    whole = vault.restore(ANSWER)[0]
    assert (
        whole
        == "Thanks Ada Lovelace! Mail to ada.lovelace@example.com and 4111 1111 1111 1111 are on file, Ada Lovelace."
    )
    assert_streams_as_whole(lambda: StreamRewriter(engine, vault, mask=False), ANSWER, whole)


def test_random_many_way_cuts_restore_like_the_whole(engine):
    vault = _vault(engine)
    whole = vault.restore(ANSWER)[0]
    rng = random.Random(7)
    for _ in range(300):
        cuts = rng.sample(range(1, len(ANSWER)), rng.randint(2, 40))
        assert streamed(StreamRewriter(engine, vault, mask=False), pieces(ANSWER, cuts)) == whole


def test_character_by_character_holds_only_a_placeholder(engine):
    vault = _vault(engine)
    rewriter = StreamRewriter(engine, vault, mask=False)
    released = [rewriter.feed(c) for c in "Hi <PERSON_1> there"]
    # "Hi " goes out at once; "<PERSON_1" is held until ">" closes it.
    assert released[:3] == ["H", "i", " "]
    assert released[3:12] == [""] * 9
    assert released[12] == "Ada Lovelace"
    assert "".join(released[13:]) + rewriter.finish() == " there"


# Answers with PII at the start, in the middle and at the end, of every kind
# the output rail guards: names the NER finds only with the next word, numbers
# with spaces and separators, e-mails, IBANs, IPs, keys, placeholders to restore.
ANSWERS = [
    "Grace Hopper will call you at +1 415 555 0132 tomorrow, <PERSON_1>.",
    "Sure <PERSON_1>, I'll copy Grace Hopper at grace.hopper@navy-example.org and call "
    "+1 415 555 0132 tomorrow; your card <CREDIT_CARD_1> stays on file.",
    "Your IBAN DE89 3704 0044 0532 0130 00 and SSN 219-09-9999 are noted. Server at 10.0.0.12 is up. Ask Jordan Smith",
    "Thanks! The meeting with Dr. Marie Curie is at 3 pm in room 12; phone (212) 555-0199 ext. 42",
    "Here is the key:\n-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAx3Yp9qL0\n-----END RSA PRIVATE KEY-----\nkeep it safe, Alan Turing",
    "no capitals or digits here, just lowercase words until <PERSON_1> at the very end",
    # Answers that open with function words, with names that are also words or open a sentence,
    # lower-case names, name particles and numbers right after the opening words.
    "Sure, here is what I found: the card 4111 1111 1111 1111 belongs to <PERSON_1>.",
    "Will Smith called, and May Jones too; I said yes to Will and to Mark Rose.",
    "The owner is Ludwig van Beethoven, then van der Berg; it is all on file.",
    "I think my name is john smith and that is all, thanks.",
    "Here are the numbers: 212-555-0198, then 10.0.0.12 and DE89 3704 0044 0532 0130 00.",
    "It’s for Grace Hopper at grace.hopper@navy-example.org, as you asked.",
    "Yes. 415 555 0132 is the one to call, or Ada at the desk.",
]
LONG = (
    "We reviewed the account history in detail and everything looks consistent with the records. " * 5
    + "Grace Hopper can be reached at 212-555-0198 or grace.hopper@navy-example.org, and Alan Turing at +44 20 7946 0958. "
    + "Please keep card <CREDIT_CARD_1> on file and remind <PERSON_1> that Grace Hopper signs off. " * 3
)


def _masked(engine, answer):
    return engine.guard(answer, "output", vault=_vault(engine)).text


@pytest.mark.parametrize("answer", ANSWERS, ids=range(len(ANSWERS)))
def test_every_two_way_cut_masks_like_the_whole_answer(engine, answer):
    whole = _masked(engine, answer)
    assert whole != answer  # every answer holds something to mask or restore
    assert_streams_as_whole(lambda: StreamRewriter(engine, _vault(engine), mask=True, check_share=1.0), answer, whole)


def test_random_many_way_cuts_of_a_long_answer_mask_like_the_whole(engine):
    # Longer than the left context the stream keeps: detection sees only a window of it.
    whole = _masked(engine, LONG)
    assert "Grace Hopper" not in whole and "7946" not in whole and "Ada Lovelace" in whole
    rng = random.Random(11)
    for _ in range(25):
        cuts = rng.sample(range(1, len(LONG)), rng.randint(1, 80))
        assert streamed(StreamRewriter(engine, _vault(engine), mask=True, check_share=1.0), pieces(LONG, cuts)) == whole
    assert streamed(StreamRewriter(engine, _vault(engine), mask=True, check_share=1.0), list(LONG)) == whole


def test_nothing_released_is_ever_part_of_a_value(engine):
    """Character by character, no released prefix holds any part of a value masked in the end."""
    answer = ANSWERS[1]
    rewriter = StreamRewriter(engine, _vault(engine), mask=True, check_share=1.0)
    released = ""
    for c in answer:
        released += rewriter.feed(c)
        for fragment in ("Grace", "Hop", "grace", "+1 4", "415", "0132"):
            assert fragment not in released


@pytest.fixture(scope="module")
def places_engine():
    """The engine's output with the NER's places: a place may begin on any word, so every
    lower-case word waits for its right context (see tests/test_stream_lowercase.py)."""
    return PiiEngine.from_dict(
        {
            "reversible": True,
            "input": {"entities": ["PERSON", "EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD"]},
            "output": {"entities": [*OUTPUT, "LOCATION"]},
        }
    )


def test_text_that_cannot_become_pii_goes_out_a_few_words_behind(places_engine):
    """What is held is the NER's reach in words plus the word being written, not a character
    count; a function word right after what went out goes at once."""
    engine = places_engine
    reach = right_context_words(engine)
    assert reach == 4  # en_core_web_sm: CNN tok2vec of depth 4, window 1
    words = ("answer simply reviewed figures consistent schedule summary colleagues involved " * 8).split(" ")
    # Every feed checks (no pause between checks), so what is held is the rule alone.
    rewriter = StreamRewriter(engine, _vault(engine), mask=True, check_share=1.0)
    released = ""
    sent = ""
    for i, word in enumerate(words[:-1]):
        for c in word + " ":
            sent += c
            released += rewriter.feed(c)
        held = sent[len(released) :].split()
        assert len(held) == min(i + 1, reach), (i, held)
    # The same with function words in between: each goes as soon as the word before it went.
    words = ("the answer is simply that we reviewed figures and summary " * 6).split(" ")
    rewriter = StreamRewriter(engine, _vault(engine), mask=True, check_share=1.0)
    released = sent = ""
    gone = 0  # words released by the rule
    for i, word in enumerate(words[:-1]):
        for c in word + " ":
            sent += c
            released += rewriter.feed(c)
        while gone <= i and (never_starts(words[gone]) or i - gone >= reach):
            gone += 1
        assert sent[len(released) :].split() == words[gone : i + 1], (i, sent[len(released) :])


# Names followed by punctuation, which spaCy cuts into tokens of their own: the NER's
# right context is counted in those tokens.
PUNCTUATED = [
    "Grace Hopper can help, call her on 415-555-0132. Then we are done.",
    "Katherine Johnson (NASA), Dorothy Vaughan; Mary Jackson: all three, yes.",
    "Ask Alan Turing, or Ada Lovelace! Or \"Edsger Dijkstra\" (maybe), then stop.",
]


def test_a_name_goes_out_once_the_tokens_after_it_are_final(engine):
    """A name followed by punctuation goes out as soon as the NER's reach in tokens is
    written after it ("can help , call": four tokens, three words), not four words later."""
    assert right_context_words(engine) == 4
    rewriter = StreamRewriter(engine, _vault(engine), mask=True, check_share=1.0)
    out = rewriter.feed("Grace Hopper can help, ")
    assert out == ""  # three tokens after the name
    out += rewriter.feed("call")
    assert out == ""  # "call" may still go on ("caller")
    out += rewriter.feed(" ")
    assert out.startswith("<PERSON_") and out.endswith(" can help, call ") and "Grace" not in out


@pytest.mark.parametrize("answer", PUNCTUATED, ids=range(len(PUNCTUATED)))
def test_punctuated_names_stream_as_the_whole_answer(engine, answer):
    whole = engine.guard(answer, "output", vault=_vault(engine)).text
    assert "<PERSON_" in whole
    word_by_word = [w + " " for w in answer.split(" ")]
    word_by_word[-1] = word_by_word[-1].rstrip()
    assert streamed(StreamRewriter(engine, _vault(engine), mask=True, check_share=1.0), word_by_word) == whole
    assert_streams_as_whole(lambda: StreamRewriter(engine, _vault(engine), mask=True, check_share=1.0), answer, whole)


def test_a_number_or_a_name_is_held_until_the_word_after_it(engine):
    rewriter = StreamRewriter(engine, _vault(engine), mask=True, check_share=1.0)
    out = rewriter.feed("please note that we will phone you soon at the number 415 555 ")
    # The digits that may go on; the words before them begin no entity ("the" is a function
    # word, "number" a lower-case word no recognizer of this output begins a span on).
    assert out == "please note that we will phone you soon at the number "
    out += rewriter.feed("0132 before lunch on the first ")
    assert out.startswith("please note that we will phone you soon at the number <PHONE_NUMBER_")
    assert "0132" not in out


def test_a_function_word_at_the_start_goes_out_before_its_right_context(engine):
    """An answer's opening words that no entity may begin with go out as they are written, not
    four words later; a word that may begin a name or a number waits, and so does every word
    after it."""
    rewriter = StreamRewriter(engine, _vault(engine), mask=True, check_share=1.0)
    assert rewriter.feed("Sure") == ""  # the word is still being written
    assert rewriter.feed(", ") == "Sure, "
    assert rewriter.feed("here ") == "here "
    assert rewriter.feed("is ") == "is "
    assert rewriter.feed("Grace ") == ""
    assert rewriter.feed("and ") == ""  # after a held word: held too
    out = rewriter.feed("the list of things to do today ")
    out += rewriter.finish()
    assert out == "Grace and the list of things to do today " and rewriter.held == ""
    for opener in ("I", "Yes,", "Thanks!", "It’s", "we", "and"):
        rewriter = StreamRewriter(engine, _vault(engine), mask=True, check_share=1.0)
        assert rewriter.feed(opener + " ") == opener + " ", opener
    # A capitalised one with nothing after it waits for the next word's first letter: a capital
    # there may make it part of a name ("He Jiankui", "An Nguyen").
    for opener in ("The", "Here", "Of", "He", "An"):
        rewriter = StreamRewriter(engine, _vault(engine), mask=True, check_share=1.0)
        assert rewriter.feed(opener + " ") == "", opener
        assert rewriter.feed("r") == opener + " ", opener
        rewriter = StreamRewriter(engine, _vault(engine), mask=True, check_share=1.0)
        assert rewriter.feed(opener + " ") + rewriter.feed("R") == "", opener
    # Mid-sentence a capital is no sentence's start: held like a name.
    rewriter = StreamRewriter(engine, _vault(engine), mask=True, check_share=1.0)
    assert rewriter.feed("yes, and ") == "yes, and "
    assert rewriter.feed("He ") + rewriter.feed("s") == ""
    rewriter = StreamRewriter(engine, _vault(engine), mask=True, check_share=1.0)
    assert rewriter.feed("yes, and he ") == "yes, and he "
    # ("via", "calle" and "dr." go at once here: no address recognizer runs on this output and no
    # recognizer it runs begins a span on them, see tests/test_stream_lowercase.py.)
    for word in ("Will", "May", "Mark", "Rose", "John", "john", "van", "de", "al", "Dr.",
                 "415", "+1", "Grace", "US", "IT", "I.", "A.", "My", "Can", "<PERSON_1>", "ada@example.com"):
        rewriter = StreamRewriter(engine, _vault(engine), mask=True, check_share=1.0)
        assert rewriter.feed(word + " ") == "", word


def test_detect_flow_blocks_and_keeps_what_was_held(engine):
    rewriter = StreamRewriter(engine, _vault(engine), mask=True, flow="detect", flow_name="pii rails detect on output")
    out = "".join(
        rewriter.feed(c) for c in "All good so far, now call Grace Hopper at 415 555 0132 please and thanks ok"
    )
    out += rewriter.finish()
    assert rewriter.blocked and "Grace" not in out and "0132" not in out
    error = json.loads(rewriter.block_text)["error"]
    assert error["code"] == "content_blocked" and error["param"] == "pii rails detect on output"
    assert "PERSON" in error["message"] or "PHONE" in error["message"]


def test_a_failing_detector_blocks_and_drops_the_held_text(engine, monkeypatch):
    rewriter = StreamRewriter(engine, _vault(engine), mask=True)
    out = rewriter.feed("Hello there, the card is 4111 1111 ")

    def broken(*args, **kwargs):
        raise RuntimeError("detector down")

    monkeypatch.setattr(engine, "detect", broken)
    out += rewriter.feed("1111 1111 and more text after it arrives now ")
    out += rewriter.finish()
    assert rewriter.blocked and "4111" not in out and rewriter.held == ""
    assert json.loads(rewriter.block_text)["error"]["code"] == "content_blocked"


def test_pipeline_reach_is_read_from_the_model_config(engine):
    class Fake:
        pipe_names = ["tok2vec", "ner"]

        def __init__(self, config):
            self.config = config

    cnn = {"@architectures": "spacy.MaxoutWindowEncoder.v2", "depth": 3, "window_size": 2}
    assert pipeline_reach(Fake({"components": {"tok2vec": {"model": {"encode": cnn}}, "ner": {}}})) == 6
    # spaCy's default tok2vec names no window encoder: its depth and window are its own keys.
    hashed = {"@architectures": "spacy.HashEmbedCNN.v2", "depth": 4, "window_size": 1, "width": 96}
    assert pipeline_reach(Fake({"components": {"tok2vec": {"model": hashed}, "ner": {}}})) == 4
    trf = {"@architectures": "spacy-transformers.TransformerModel.v3", "name": "roberta-base"}
    assert pipeline_reach(Fake({"components": {"tok2vec": {"model": trf}, "ner": {}}})) is None


# Entities a pattern or word list finds only once the words after their start
# have arrived: a lower-case given name with its surname, a street word with the
# street.
LOOKS_RIGHT = [
    "Sure, my name is john smith and I live here now.",
    "Ship it to via Roma 10, Milano please, it is fine.",
    "The parcel goes to via Roma 10 and the rest to calle Mayor 5, as agreed.",
    "Yes, the doctor is Dr. Marie Curie and the nurse is john smith.",
]


@pytest.fixture(scope="module")
def patterns_only():
    return PiiEngine.from_dict(
        {
            "regex_only": True,
            "output": {"entities": ["PERSON", "STREET_ADDRESS", "PHONE_NUMBER"], "action": "mask"},
        }
    )


@pytest.mark.parametrize("answer", LOOKS_RIGHT, ids=range(len(LOOKS_RIGHT)))
def test_without_a_pipeline_words_wait_for_the_patterns_right_context(patterns_only, answer):
    whole = patterns_only.guard(answer, "output", vault=patterns_only.vault()).text
    assert whole != answer
    assert right_context_words(patterns_only) >= 2
    word_by_word = [w + " " for w in answer.split(" ")]
    word_by_word[-1] = word_by_word[-1].rstrip()
    rewriter = StreamRewriter(patterns_only, patterns_only.vault(), mask=True, check_share=1.0)
    assert streamed(rewriter, word_by_word) == whole
    assert_streams_as_whole(
        lambda: StreamRewriter(patterns_only, patterns_only.vault(), mask=True, check_share=1.0), answer, whole
    )


STREAM_CONFIG = """
models: []
streaming: true
import_paths: [pii_rails/flows/v1]
rails:
  input:
    flows: [pii rails mask on input]
  output:
    flows: [pii rails mask on output]
    streaming:
      enabled: true
      chunk_size: 5
      context_size: 0
      stream_first: false
custom_data:
  pii_rails:
    reversible: true
    input:
      entities: {entities}
    output:
      entities: {entities}
{extra}"""


async def test_stream_async_restores_and_masks_new_pii(tmp_path):
    config = write_config(tmp_path, STREAM_CONFIG.format(entities=ENTITIES, extra=""))
    rails, llm = make_rails(
        config, ["Noted <PERSON_1>, I'll write to grace.hopper@navy-example.org about <CREDIT_CARD_1>."]
    )
    messages = [{"role": "user", "content": "I'm Ada Lovelace, card 4111 1111 1111 1111."}]
    chunks = [c async for c in rails.stream_async(messages=messages)]
    text = "".join(chunks)
    assert text.startswith("Noted Ada Lovelace, I'll write to <EMAIL_ADDRESS_")
    assert text.endswith("> about 4111 1111 1111 1111.")
    assert "Ada Lovelace" not in llm.everything_sent and "4111" not in llm.everything_sent


async def test_stream_blocked_by_output_policy_ends_with_the_message(tmp_path):
    extra = "      policies:\n        CREDIT_CARD: {action: block}\n"
    config = write_config(tmp_path, STREAM_CONFIG.format(entities=ENTITIES, extra=extra))
    rails, _ = make_rails(config, ["Your other card is 5500 0000 0000 0004, fine? " + "More words here. " * 10])
    chunks = [c async for c in rails.stream_async(messages=[{"role": "user", "content": "Which card?"}])]
    text = "".join(c if isinstance(c, str) else json.dumps(c) for c in chunks)
    # NeMo's chunks split the card; the part that passed NeMo's check was still held here.
    assert "5500" not in text
    assert json.loads(chunks[-1])["error"]["code"] == "content_blocked"


def test_vault_state_round_trip(engine):
    vault = _vault(engine)
    vault.reserve_literals("a user typed <PERSON_7>")
    again = Vault.from_state(json.loads(json.dumps(vault.to_state())), "c-1")
    for text in (ANSWER, "<PERSON_7> and <PERSON_1>"):
        assert again.restore(text) == vault.restore(text)
    assert again.conceal("Ada Lovelace paid with 4111 1111 1111 1111") == "<PERSON_1> paid with <CREDIT_CARD_1>"
    # Numbering goes on where it stopped, skipping reserved numbers.
    from pii_rails.settings import PlaceholderSpec

    spec = PlaceholderSpec(style="numbered")
    assert [again.placeholder("PERSON", n, spec, restorable=True) for n in ("B", "C")] == ["<PERSON_2>", "<PERSON_3>"]
    for n in range(4, 8):
        again.placeholder("PERSON", f"x{n}", spec, restorable=True)
    assert again.placeholder("PERSON", "last", spec, restorable=True) == "<PERSON_9>"


@pytest.mark.parametrize("cuts", list(itertools.combinations([5, 9, 14], 2)))
def test_error_frames_pass_and_held_text_is_dropped(engine, cuts):
    import asyncio

    from pii_rails.nemo.streaming import GuardedStream

    vault = _vault(engine)
    error = json.dumps({"error": {"message": "blocked", "type": "guardrails_violation"}})
    text = "Hi <PERSON_1> bye <PERS"

    async def source():
        for piece in pieces(text, cuts):
            yield piece
        yield error

    async def collect():
        return [c async for c in GuardedStream(source(), engine, vault, mask=False)]

    out = asyncio.run(collect())
    assert "".join(out[:-1]) == "Hi Ada Lovelace bye " and out[-1] == error


@pytest.mark.parametrize(
    "user",
    ["What's the support line?", "I'm Ada Lovelace, call me on 212-555-0199."],
    ids=["no-user-phone", "user-phone"],
)
async def test_streamed_and_whole_answers_get_the_same_placeholder_numbers(tmp_path, user):
    """Issue 19 item 5: the phone the model makes up was <PHONE_NUMBER_3> streamed and _1 whole."""
    answer = "Noted <PERSON_1>. Or call our desk at 415-555-0132, Grace Hopper answers."
    config = server_config(tmp_path)
    messages = [{"role": "user", "content": user}]
    rails, _ = make_rails(config, [answer])
    whole = (await rails.generate_async(messages=messages))["content"]
    rails, _ = make_rails(config, [answer])
    chunks = [c async for c in rails.stream_async(messages=messages)]
    assert "".join(chunks) == whole
    assert "415-555-0132" not in whole and "Grace Hopper" not in whole
    first_phone = "<PHONE_NUMBER_2>" if "212-555-0199" in user else "<PHONE_NUMBER_1>"
    assert first_phone in whole


async def test_the_shipped_server_config_streams_before_the_answer_is_complete(tmp_path):
    """config/server keeps chunk_size: 200 for NeMo, yet the client gets the start of a short
    answer while the model is still writing it: the model waits for the client to see text
    before it writes the rest (NeMo's chunking would hold it all until the end)."""
    import asyncio

    from conftest import WaitsForTheClient
    from nemoguardrails import LLMRails, RailsConfig

    first = "so we will look into that request and get back to you shortly with news, "
    rest = "meanwhile call 415-555-0132 now."

    gate = asyncio.Event()
    llm = WaitsForTheClient([first + rest], gate, "news, ", lambda chunk: str(getattr(chunk, "content", chunk)))
    waited_in_vain = llm.waited_in_vain
    rails = LLMRails(RailsConfig.from_path(str(server_config(tmp_path))), llm=llm)
    chunks = []
    async for chunk in rails.stream_async(messages=[{"role": "user", "content": "hi"}]):
        chunks.append(chunk)
        gate.set()
    assert not waited_in_vain
    assert first.startswith(chunks[0]) and len(chunks) >= 2
    assert "".join(chunks) == first + "meanwhile call <PHONE_NUMBER_1> now."


async def test_the_docs_streaming_config_streams_masked_and_restored(tmp_path):
    """The YAML block of docs/streaming.md, loaded as written (the model passed in code)."""
    import re

    from conftest import REPO

    page = (REPO / "docs" / "streaming.md").read_text()
    blocks = re.findall(r"```yaml\n(.*?)```", page, re.S)
    assert len(blocks) == 2 and "2.x" in blocks[1]  # the second, Colang 2.x: tests/test_stream_colang2.py
    rails, llm = make_rails(
        write_config(tmp_path, blocks[0]), ["Sure <PERSON_1>, Grace Hopper is on 415-555-0132 today."]
    )
    messages = [{"role": "user", "content": "I'm Ada Lovelace, who can help?"}]
    chunks = [c async for c in rails.stream_async(messages=messages)]
    assert "".join(chunks) == "Sure Ada Lovelace, <PERSON_2> is on <PHONE_NUMBER_1> today."
    assert "Ada Lovelace" not in llm.everything_sent


async def test_with_another_output_rail_nemo_chunks_the_stream_and_pii_rails_still_masks(tmp_path):
    """Another output rail needs NeMo's chunks: the stream goes through them (the other rail
    sees every chunk), and pii-rails masks and restores what they let through."""
    seen = []
    config = STREAM_CONFIG.replace(
        "flows: [pii rails mask on output]", "flows: [pii rails mask on output, note the chunk]"
    ).format(entities=ENTITIES, extra="")
    flow = "define subflow note the chunk\n  execute note_chunk(text=$bot_message)\n"
    rails, _ = make_rails(
        write_config(tmp_path, config, {"rails.co": flow}),
        ["Noted <PERSON_1>, I'll write to grace.hopper@navy-example.org about <CREDIT_CARD_1>."],
    )

    async def note_chunk(text=None, **kwargs):
        from nemoguardrails.actions.rail_outcome import RailOutcome

        seen.append(text)
        return RailOutcome.allow()

    rails.register_action(note_chunk, name="note_chunk")
    messages = [{"role": "user", "content": "I'm Ada Lovelace, card 4111 1111 1111 1111."}]
    text = "".join([c async for c in rails.stream_async(messages=messages)])
    assert text.startswith("Noted Ada Lovelace, I'll write to <EMAIL_ADDRESS_")
    assert text.endswith("> about 4111 1111 1111 1111.")
    # NeMo ran the other rail on chunks of 5 tokens, before pii-rails restored them.
    assert len(seen) >= 2 and any("<PERSON_1>" in chunk for chunk in seen)


def test_an_error_frame_passes_with_its_message_checked_and_the_held_text_dropped(engine):
    import asyncio

    from pii_rails.nemo.streaming import GuardedStream

    frame = json.dumps(
        {"error": {"message": "model said: call Grace Hopper on 415-555-0132", "type": "generation_error"}}
    )

    async def source():
        yield "Here is the card 4111 1111 "
        yield frame

    async def collect():
        return [c async for c in GuardedStream(source(), engine, _vault(engine), mask=True)]

    out = asyncio.run(collect())
    error = json.loads(out[-1])["error"]
    assert error["type"] == "generation_error"
    assert "415-555-0132" not in error["message"] and "<PHONE_NUMBER_" in error["message"]
    assert "4111" not in "".join(out[:-1])


SETTLED = "so the report is ready now, call Grace Hopper on 415-555-0132 any time after lunch."


def _words_of(text):
    return [w + " " for w in text.split(" ")[:-1]] + [text.split(" ")[-1]]


async def _settled_by_model_end(engine, reported, settle=True, patience=10.0):
    """Stream SETTLED through a GuardedStream whose model reports ``reported`` as its whole
    completion, then keeps the stream open until the client has read the answer's end
    (as NeMo does while its end-of-turn work runs). Returns (chunks, whether it waited in vain)."""
    import asyncio

    from pii_rails.nemo import streaming
    from pii_rails.nemo.streaming import GuardedStream

    gate = asyncio.Event()
    waited_in_vain = []

    async def nemo():
        for word in _words_of(SETTLED):
            yield word
        streaming.model_ended(reported)  # what the LLM boundary does when the model returns
        try:
            await asyncio.wait_for(gate.wait(), patience)
        except asyncio.TimeoutError:
            waited_in_vain.append(True)

    chunks = []
    async for chunk in GuardedStream(nemo(), engine, _vault(engine), mask=True, settle=settle):
        chunks.append(chunk)
        if "".join(chunks).endswith("after lunch."):
            gate.set()
    return chunks, bool(waited_in_vain)


async def test_the_held_words_go_out_when_the_model_ends_not_when_nemo_closes(engine):
    """The last words wait for right context only the model can add: once its call
    returned all of the text received, they are checked as the end of the answer."""
    chunks, waited_in_vain = await _settled_by_model_end(engine, SETTLED)
    assert not waited_in_vain
    assert "".join(chunks) == _masked(engine, SETTLED)
    assert "Grace" not in "".join(chunks) and "0132" not in "".join(chunks)


async def test_text_that_is_not_the_models_completion_waits_for_the_end(engine):
    """A completion that is not what the stream received (NeMo changed it on the way, or
    another call's text) settles nothing: the held words wait for NeMo's end as before."""
    chunks, waited_in_vain = await _settled_by_model_end(engine, "Bot message: " + SETTLED, patience=1.0)
    assert waited_in_vain
    assert "".join(chunks) == _masked(engine, SETTLED)


async def test_with_other_output_rails_the_held_words_wait_for_the_end(engine):
    """Another output rail checks NeMo's chunks and may still block text this stream has
    received (stream_first): what is held is not released before NeMo's end."""
    chunks, waited_in_vain = await _settled_by_model_end(engine, SETTLED, settle=False, patience=1.0)
    assert waited_in_vain
    assert "".join(chunks) == _masked(engine, SETTLED)


async def test_llmrails_releases_the_last_words_while_nemo_is_still_ending_the_turn(tmp_path, monkeypatch):
    """config/server through real LLMRails: the LLM boundary reports the model's end, and
    the client gets the last words while NeMo's end-of-turn work (here, the log redaction
    reading the completion, held until the client has the end) still keeps the stream open."""
    import asyncio
    import threading

    from nemoguardrails import LLMRails, RailsConfig

    import pii_rails
    from conftest import RecordingLLM

    rails = LLMRails(RailsConfig.from_path(str(server_config(tmp_path))), llm=RecordingLLM([SETTLED]))
    engine = pii_rails.engine_for(rails)
    assert engine.settings.redact_logs
    client_has_the_end = threading.Event()
    waited_in_vain = []
    notice = engine.notice

    def slow_notice(text, *args, **kwargs):
        if text == SETTLED and not client_has_the_end.wait(10):
            waited_in_vain.append(True)
        return notice(text, *args, **kwargs)

    monkeypatch.setattr(engine, "notice", slow_notice)
    chunks = []
    async for chunk in rails.stream_async(messages=[{"role": "user", "content": "Where is the report?"}]):
        chunks.append(chunk)
        if "".join(chunks).endswith("after lunch."):
            client_has_the_end.set()
        await asyncio.sleep(0)
    assert not waited_in_vain
    whole_rails = LLMRails(RailsConfig.from_path(str(server_config(tmp_path))), llm=RecordingLLM([SETTLED]))
    whole = (await whole_rails.generate_async(messages=[{"role": "user", "content": "Where is the report?"}]))["content"]
    assert "".join(chunks) == whole and "0132" not in whole


@pytest.mark.parametrize(
    "reported, settle, checked",
    [
        (SETTLED, True, True),
        ("Bot message: " + SETTLED, True, False),  # NeMo changed the text: not what the stream read
        (SETTLED, False, False),  # other output rails: the stream does not settle
    ],
)
async def test_the_model_end_learns_at_once_whether_the_stream_checked_the_completion(
    engine, reported, settle, checked, monkeypatch
):
    """The LLM boundary waits for the stream's verdict on a completion before NeMo logs it:
    checked whole (its values known to the logs), or not (the boundary reads it itself).
    The verdict comes when the stream reads the model's end, never from the time-out."""
    import asyncio

    from pii_rails.nemo import streaming
    from pii_rails.nemo.streaming import GuardedStream

    monkeypatch.setattr(streaming, "SETTLE_WAIT", 600.0)
    verdicts = []

    async def nemo():
        for word in _words_of(SETTLED):
            yield word
        ended = streaming.model_ended(reported)
        verdicts.append(await asyncio.wait_for(streaming.checked_by_stream(ended), 30))

    chunks = [c async for c in GuardedStream(nemo(), engine, _vault(engine), mask=True, settle=settle)]
    assert verdicts == [checked]
    assert "".join(chunks) == _masked(engine, SETTLED)


async def test_a_stream_that_ended_early_checks_nothing_more(engine):
    """A client gone (the stream closed) leaves the model's end to the boundary at once."""
    from pii_rails.nemo import streaming

    sink = streaming.ModelEnd()
    sink.wake = lambda: None
    number = sink.ended("the answer")
    sink.close()
    assert await sink.checked(number, 600.0) is False


async def test_llmrails_logs_none_of_a_streamed_answers_values_read_by_the_stream_alone(
    tmp_path, monkeypatch, everything_logged
):
    """config/server through real LLMRails with every record logged: the stream's checks make
    the answer's values known to the log redaction, so the boundary does not read the
    completion again, and no value of it is in any record."""
    from nemoguardrails import LLMRails, RailsConfig

    import pii_rails
    from conftest import RecordingLLM

    rails = LLMRails(RailsConfig.from_path(str(server_config(tmp_path))), llm=RecordingLLM([SETTLED]), verbose=True)
    engine = pii_rails.engine_for(rails)
    read = []
    notice = engine.notice
    monkeypatch.setattr(engine, "notice", lambda text, *a, **k: read.append(text) or notice(text, *a, **k))
    # Also from NeMo's loggers, which an earlier verbose rails may have stopped propagating.
    handler = everything_logged
    chunks = [c async for c in rails.stream_async(messages=[{"role": "user", "content": "Where is the report?"}])]
    assert SETTLED not in read
    answer = "".join(chunks)
    assert answer.startswith("so the report is ready now, call <PERSON_1> on <PHONE_NUMBER_1> any")
    assert "after lunch" in handler.text  # the answer was logged
    for value in ("Grace", "Hopper", "415-555-0132"):
        assert value not in handler.text
