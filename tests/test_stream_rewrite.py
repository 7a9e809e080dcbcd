"""Streamed answers are restored and masked exactly as a whole answer would be,
wherever the stream is cut, through real LLMRails.stream_async."""

from __future__ import annotations

import itertools
import json
import random

import pytest

from conftest import make_rails, write_config
from pii_rails.engine import PiiEngine
from pii_rails.nemo.streaming import LOOKAHEAD, RELEASE_STEP, StreamRewriter
from pii_rails.masking.vault import Vault

ENTITIES = "[PERSON, EMAIL_ADDRESS, PHONE_NUMBER, CREDIT_CARD]"


@pytest.fixture(scope="module")
def engine():
    return PiiEngine.from_dict(
        {
            "reversible": True,
            "input": {"entities": ["PERSON", "EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD"]},
            "output": {"entities": ["PERSON", "EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD"]},
        }
    )


def _vault(engine):
    vault = engine.vault()
    masked = engine.guard("I'm Ada Lovelace, ada.lovelace@example.com, card 4111 1111 1111 1111.", vault=vault)
    assert masked.text == "I'm <PERSON_1>, <EMAIL_ADDRESS_1>, card <CREDIT_CARD_1>."
    return vault


def _pieces(text, cuts):
    bounds = [0, *sorted(cuts), len(text)]
    return [text[a:b] for a, b in zip(bounds, bounds[1:])]


def _run(rewriter, pieces):
    return "".join(rewriter.feed(p) for p in pieces) + rewriter.finish()


ANSWER = "Thanks <PERSON_1>! Mail to <Email_Address_1> and [credit card 1] are on file, <PERSON_1>."


def test_every_two_way_cut_restores_like_the_whole(engine):
    vault = _vault(engine)
    whole = vault.restore(ANSWER)[0]
    assert whole == "Thanks Ada Lovelace! Mail to ada.lovelace@example.com and 4111 1111 1111 1111 are on file, Ada Lovelace."
    for cut in range(len(ANSWER) + 1):
        assert _run(StreamRewriter(engine, vault, mask=False), _pieces(ANSWER, [cut])) == whole, cut


def test_random_many_way_cuts_restore_like_the_whole(engine):
    vault = _vault(engine)
    whole = vault.restore(ANSWER)[0]
    rng = random.Random(7)
    for _ in range(300):
        cuts = rng.sample(range(1, len(ANSWER)), rng.randint(2, 40))
        assert _run(StreamRewriter(engine, vault, mask=False), _pieces(ANSWER, cuts)) == whole


def test_character_by_character_holds_only_a_placeholder(engine):
    vault = _vault(engine)
    rewriter = StreamRewriter(engine, vault, mask=False)
    released = [rewriter.feed(c) for c in "Hi <PERSON_1> there"]
    # "Hi " goes out at once; "<PERSON_1" is held until ">" closes it.
    assert released[:3] == ["H", "i", " "]
    assert released[3:12] == [""] * 9
    assert released[12] == "Ada Lovelace"
    assert "".join(released[13:]) + rewriter.finish() == " there"


def test_masked_stream_equals_masking_the_whole_answer(engine):
    answer = (
        "Sure <PERSON_1>, I'll copy Grace Hopper at grace.hopper@navy-example.org and call "
        "+1 415 555 0132 tomorrow; your card <CREDIT_CARD_1> stays on file. " * 2
    )
    whole = engine.guard(answer, "output", vault=_vault(engine)).text
    assert "Ada Lovelace" in whole and "4111 1111 1111 1111" in whole
    assert "Grace Hopper" not in whole and "grace.hopper" not in whole and "555 0132" not in whole
    rng = random.Random(11)
    for size in (1, 2, 5, 17, 64):
        pieces = [answer[i : i + size] for i in range(0, len(answer), size)]
        assert _run(StreamRewriter(engine, _vault(engine), mask=True), pieces) == whole, size
    for _ in range(5):
        cuts = rng.sample(range(1, len(answer)), 25)
        assert _run(StreamRewriter(engine, _vault(engine), mask=True), _pieces(answer, cuts)) == whole


def test_masked_stream_holds_no_more_than_the_lookahead(engine):
    rewriter = StreamRewriter(engine, _vault(engine), mask=True)
    text = "word " * 100
    out = "".join(rewriter.feed(c) for c in text)
    assert len(text) - len(out) <= LOOKAHEAD + RELEASE_STEP + len("word ")


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
    rails, llm = make_rails(config, ["Noted <PERSON_1>, I'll write to grace.hopper@navy-example.org about <CREDIT_CARD_1>."])
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
        for piece in _pieces(text, cuts):
            yield piece
        yield error

    async def collect():
        return [c async for c in GuardedStream(source(), engine, vault, mask=False)]

    out = asyncio.run(collect())
    assert "".join(out[:-1]) == "Hi Ada Lovelace bye " and out[-1] == error
