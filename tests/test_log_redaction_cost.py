"""Log redaction made cheap enough for the server, and still safe.

Under ``nemoguardrails server`` NeMo logs about a hundred records a turn at
INFO. Three things keep redacting them off the stream's critical path; each
test here pins one of them to the redaction it must not weaken:

* Presidio's NLP artifacts are built only when a recognizer found something
  (results identical to building them up front);
* NeMo's event records are read in the pieces between NeMo's own ids and
  timestamps, which alone are left unread, and only in exactly their shape;
* a streamed completion is read for names before NeMo logs it whole.
"""

from __future__ import annotations

import collections
import json
import logging
import random
import shutil
import uuid
import weakref
from datetime import datetime, timezone

import pytest

from conftest import REPO
from pii_rails import PiiEngine
from pii_rails.detection import redactor
from pii_rails.masking import logsafe

TEXTS = [
    "call me on 415-555-0132 or mail ada@example.com, password: hunter2x",
    "SSN 078-05-1120 and card 4111 1111 1111 1111, phone +44 20 7946 0958",
    "IP 10.1.2.3 and AKIAIOSFODNN7EXAMPLE, iban DE89 3704 0044 0532 0130 00",
    "my ssn is 078 05 1120",
    "The team reviewed the request and the figures look consistent with what was agreed.",
    "Event :: StartInternalSystemAction {'uid': 'x', 'action_name': 'create_event', 'i': 3}",
    "--- :: Total processing took 1.16 seconds. LLM Stats: 1 total calls, 0.19 total time",
    "",
]


@pytest.fixture(scope="module")
def engine():
    return PiiEngine.from_path(str(REPO / "config" / "server"))


class _Eager(redactor._LazyArtifacts):
    """Presidio's own order: tokens, lemmas and keywords built before any recognizer runs."""

    def __init__(self, *args):
        super().__init__(*args)
        assert self.tokens is not None and self.keywords is not None


@pytest.fixture(scope="module")
def with_context_words():
    """A recognizer whose matches pass the threshold only next to a context word:
    Presidio reads the tokens and lemmas for that."""
    return PiiEngine.from_dict(
        {
            "recognizers": [
                {
                    "name": "MEDICAL_RECORD",
                    "patterns": [{"name": "mrn", "regex": r"\b\d{7}\b", "score": 0.3}],
                    "context": ["mrn", "record"],
                }
            ],
            "input": {"entities": ["MEDICAL_RECORD", "PHONE_NUMBER", "EMAIL_ADDRESS"], "score_threshold": 0.4},
        }
    )


CONTEXT_TEXTS = ["mrn 1234567", "1234567", "the medical record 1234567 is here, mail ada@example.com"]


@pytest.mark.parametrize("name", ["server", "context"])
def test_lazy_nlp_artifacts_redact_exactly_like_eager_ones(name, engine, with_context_words, monkeypatch):
    engine, texts = (engine, TEXTS) if name == "server" else (with_context_words, CONTEXT_TEXTS)
    lazy = [engine._redactor._redact(t) for t in texts]
    monkeypatch.setattr(redactor, "_LazyArtifacts", _Eager)
    eager = [engine._redactor._redact(t) for t in texts]
    assert lazy == eager
    if name == "server":
        assert "415-555-0132" not in lazy[0] and "hunter2x" not in lazy[0] and "078-05-1120" not in lazy[1]
    else:
        assert lazy[:2] == ["mrn <MEDICAL_RECORD>", "1234567"]
        assert lazy[2] == "the medical record <MEDICAL_RECORD> is here, mail <EMAIL_ADDRESS>"


def test_only_a_text_with_a_match_is_tokenized(with_context_words, monkeypatch):
    calls = []
    redacting = with_context_words._redactor
    redacting._redact("warm up")
    tokenizer = redactor._TOKENIZERS[redacting.language]
    monkeypatch.setitem(redactor._TOKENIZERS, redacting.language, lambda text: calls.append(text) or tokenizer(text))
    assert redacting._redact("Executing registered action: create_event") == "Executing registered action: create_event"
    assert calls == []
    assert redacting._redact("mrn 1234567") == "mrn <MEDICAL_RECORD>"
    assert calls == ["mrn 1234567"]


def _forget_known(monkeypatch):
    """No value other tests' rails found (a lower-case "ada" in a stream test's answer is a
    name), and no piece cached with their engines, for the rest of the test."""
    for name, value in (
        ("_seen", collections.OrderedDict()),
        ("_known", {}),
        ("_by_word", {}),
        ("_wordless", {}),
        ("_word_hashes", {}),
        ("_memo", collections.OrderedDict()),
    ):
        monkeypatch.setattr(logsafe, name, value)


def _reads_of_only(engine, monkeypatch):
    """Redact logs with ``engine`` alone; the texts its recognizers read, as they read them.
    Values other tests' rails found, and engines of theirs not yet collected, would replace
    values before this engine's recognizers read the text."""
    logsafe.install(engine)
    monkeypatch.setattr(logsafe, "_engines", weakref.WeakSet([engine]))
    _forget_known(monkeypatch)
    reads = []
    analyse = engine._redactor._redact
    monkeypatch.setattr(engine._redactor, "_redact", lambda text: reads.append(text) or analyse(text))
    return reads


def _event_text(**fields) -> str:
    return "Event :: UserMessage " + str(fields)


UUID = r"\b[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}\b"


def test_nemo_stamps_are_kept_and_everything_around_them_redacted():
    """A value is left unread only if it is exactly one of NeMo's stamps (a uuid4, an ISO
    time) right after the key NeMo gives it; a uuid anywhere else is read by the
    recognizers, here a custom one that takes uuids for customer ids."""
    engine = PiiEngine.from_dict(
        {
            "recognizers": [
                {
                    "name": "CUSTOMER_ID",
                    "patterns": [{"name": "uuid", "regex": UUID, "score": 0.9}],
                }
            ],
            "input": {"entities": ["PHONE_NUMBER", "EMAIL_ADDRESS", "CUSTOMER_ID"]},
        }
    )
    logsafe.install(engine)
    stamp, customer, customer2 = (str(uuid.uuid4()) for _ in range(3))
    created = datetime.now(timezone.utc).isoformat()
    text = _event_text(
        uid=stamp,
        event_created_at=created,
        text=f"I am customer {customer}, call 415-555-0132",
        customer_id=customer2,
        action_uid="call 415-555-0199",  # a stamp key with a value not shaped like a stamp
    )
    redacted = logsafe.redact(text, nemo_events=True)
    assert f"'uid': '{stamp}'" in redacted and f"'event_created_at': '{created}'" in redacted
    for raw in (customer, customer2, "415-555-0132", "415-555-0199"):
        assert raw not in redacted
    assert redacted.count("<CUSTOMER_ID>") == 2
    # The same text from anyone else but NeMo is read whole, stamps included.
    assert stamp not in logsafe.redact(text)


def test_event_records_of_nemo_loggers_are_read_between_stamps(tmp_path, monkeypatch):
    from test_logs import Captured

    engine = PiiEngine.from_dict({"input": {"entities": ["PHONE_NUMBER", "EMAIL_ADDRESS"]}})
    logsafe.install(engine)
    _forget_known(monkeypatch)
    handler = Captured()
    logger = logging.getLogger("nemoguardrails.colang.v1_0.runtime.runtime")
    logger.addHandler(handler)
    old = logger.level
    logger.setLevel(logging.DEBUG)
    try:
        stamp = str(uuid.uuid4())
        event = {"type": "UserMessage", "uid": stamp, "text": "mail ada@example.com"}
        logger.info("Event :: %s %s", "UserMessage", str({k: v for k, v in event.items() if k != "type"}))
        logger.debug("Processing event: %s", event)
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old)
    assert len(handler.records) == 2
    for line in handler.lines:
        assert stamp in line and "ada@example.com" not in line and "<EMAIL_ADDRESS>" in line, line
    assert event["text"] == "mail ada@example.com"  # NeMo's own event is not touched



@pytest.mark.parametrize(
    "answer, reads_of_it",
    [
        ("So the team agreed: call Grace on 415-555-0132 or mail grace@example.com today.", 1),
        ("It's Grace's number, 415-555-0132, and grace@example.com is hers.", 1),  # printed in double quotes
        # Both quotes: the events print it escaped, the chunk record as it is.
        ("She said \"it's 415-555-0132\" and grace@example.com.", 2),
    ],
)
def test_an_answer_nemo_logs_in_several_events_is_analysed_once(answer, reads_of_it, monkeypatch):
    """NeMo prints one answer in a turn's events under several keys ('script', 'text',
    'bot_message') and in its stream's chunk record: the recognizers read it once and
    every record is redacted."""
    from test_logs import Captured

    engine = PiiEngine.from_dict({"output": {"entities": ["PHONE_NUMBER", "EMAIL_ADDRESS"]}})
    reads = _reads_of_only(engine, monkeypatch)
    handler = Captured()
    loggers = [logging.getLogger(n) for n in ("nemoguardrails.colang.v1_0.runtime.runtime", "nemoguardrails.streaming")]
    for logger in loggers:
        logger.addHandler(handler)
        monkeypatch.setattr(logger, "level", logging.DEBUG)
    try:
        for key in ("script", "text"):
            event = {"uid": str(uuid.uuid4()), key: answer, "event_created_at": datetime.now(timezone.utc).isoformat()}
            loggers[0].info("Event :: %s %s", "StartUtteranceBotAction", str(event))
        event = {"type": "BotMessage", "uid": str(uuid.uuid4()), "data": {"bot_message": answer, "stream": False}}
        loggers[0].info("Processing event: %s", event)
        loggers[1].info(f"{str(uuid.uuid4())[0:3]} - CHUNK after finish: {answer}")
    finally:
        for logger in loggers:
            logger.removeHandler(handler)
    assert len(handler.lines) == 4
    for line in handler.lines:
        assert "415-555-0132" not in line and "grace@example.com" not in line
        assert "<PHONE_NUMBER>" in line and "<EMAIL_ADDRESS>" in line
    assert len([text for text in reads if "415-555-0132" in text]) == reads_of_it, reads


# Invented by the model, one pair per request: none of them was ever seen before the
# answer that holds it, so only reading the completion itself keeps it out of the logs.
INVENTED = [
    ("Margaret Hamilton", "415-555-0141", "start"),
    ("Katherine Johnson", "415-555-0142", "middle"),
    ("Dorothy Vaughan", "415-555-0143", "end"),
    ("Radia Perlman", "415-555-0144", "end"),
]
USER = [
    ("Ada Lovelace", "ada.lovelace@example.com", "212-555-0199"),
    ("Alan Turing", "alan.turing@example.org", "212-555-0177"),
]
FILLER = "the team reviewed the request and the figures look consistent with what was agreed last week "


def _answer(name: str, phone: str, where: str) -> str:
    pii = f"{name} can help, call her on {phone}."
    if where == "start":
        return f"{pii} Then {FILLER}."
    if where == "end":
        return f"So {FILLER}and {pii}"
    return f"So {FILLER}and {pii} Then {FILLER}."


def test_no_raw_value_reaches_the_server_log_at_debug(tmp_path):
    """The real server path: `nemoguardrails server` with config/server, logging at
    DEBUG, streamed and whole answers from a streaming upstream on 127.0.0.1, the
    model inventing a name and a number at the start, middle and end of its answer."""
    from servers import NemoServer, server_env, streamed_text
    from pii_rails.testing.upstream import RecordingUpstream

    config = tmp_path / "server"
    shutil.copytree(REPO / "config" / "server", config)
    # Every record at DEBUG to a file of its own (the server's console shows NeMo's
    # verbose rendering of some of them), added when the server loads the config
    # (an init() of the configuration's own: this server runs on LLMRails).
    (config / "config.py").write_text(
        "import logging as _logging\n\n\n"
        "def init(app):\n"
        f"    handler = _logging.FileHandler({str(tmp_path / 'records.log')!r})\n"
        "    handler.setFormatter(_logging.Formatter('%(levelname)s:%(name)s:%(message)s'))\n"
        "    _logging.getLogger().addHandler(handler)\n"
        "    _logging.getLogger().setLevel(_logging.DEBUG)\n"
    )
    answers = iter([_answer(*invented) for invented in INVENTED])
    with RecordingUpstream(lambda request: next(answers), tokens_per_second=400) as upstream:
        server = NemoServer(config, server_env(upstream.url), tmp_path / "server.log")
        try:
            got = []
            for i in range(len(INVENTED)):
                user = USER[i % 2]
                message = f"I'm {user[0]} ({user[1]}, {user[2]}). Who can help with my request?"
                if i < 3:
                    got.append(streamed_text(server.stream([{"role": "user", "content": message}])))
                else:
                    reply = server.chat([{"role": "user", "content": message}]).json()
                    got.append(reply["choices"][0]["message"]["content"])
        finally:
            server.stop()
    for text, (name, phone, _) in zip(got, INVENTED, strict=True):
        assert name not in text and phone not in text and "<PHONE_NUMBER_" in text
    records = (tmp_path / "records.log").read_text()
    assert "DEBUG:" in records and records.count("Event :: BotMessage") >= 4  # every turn, at DEBUG
    assert "<PERSON_1>" in records
    log = records + (tmp_path / "server.log").read_text()
    raw = [v for user in USER for v in user] + [v for name, phone, _ in INVENTED for v in (name, phone)]
    leaked = {value: log.count(value) for value in raw if value in log}
    assert not leaked, json.dumps(leaked)
    surnames = [name.split()[1] for name, _, _ in INVENTED] + [user[0].split()[1] for user in USER]
    assert not [s for s in surnames if s in log]


def _one_pattern(text: str, known: dict) -> str:
    """How log redaction found known values before: one pattern of them all."""
    from pii_rails.masking.vault import any_of

    if not known:
        return text
    types = {value.casefold(): entity_type for value, entity_type in known.items()}
    return any_of(known).sub(lambda m: f"<{types[m.group(0).casefold()]}>", text)


@pytest.fixture
def fresh_known(monkeypatch):
    engine = PiiEngine.from_dict({"input": {"entities": ["PHONE_NUMBER"]}})
    logsafe.install(engine)
    _forget_known(monkeypatch)
    return engine


def test_known_values_are_found_as_one_pattern_of_them_all_found_them(fresh_known):
    """Values found by their first word give what one case-insensitive whole-word pattern
    of every value gave (leftmost, then longest), on random texts made of values,
    pieces of them, other casings and glue."""
    rng = random.Random(20)
    words = ["Ada", "Lovelace", "ada.lovelace@example.com", "415-555-0132", "+1", "O'Brien", "van", "Straße",
             "x-9", "---", "Ben", "Benjamin", "DE89 3704", "(212)", "ßig", "İstanbul"]
    for _ in range(300):
        known = {}
        for _ in range(rng.randint(1, 6)):
            value = " ".join(rng.choice(words) for _ in range(rng.randint(1, 3)))
            if len(value) >= 3 and value.casefold() not in {k.casefold() for k in known}:
                known[value] = rng.choice(["PERSON", "PHONE_NUMBER", "EMAIL_ADDRESS"])
        for state in (logsafe._seen, logsafe._known, logsafe._by_word, logsafe._wordless):
            state.clear()
        logsafe.remember((t, v) for v, t in known.items())
        pieces = list(known) + words + [v.upper() for v in known] + [v[1:] for v in known]
        before, after = ["", "x", "_", "(", "9"], ["", ",", ".", "x", "'s"]
        text = "".join(
            rng.choice(before) + rng.choice(pieces) + rng.choice(after) + rng.choice(" -")
            for _ in range(rng.randint(1, 12))
        )
        assert logsafe._conceal_known(text) == _one_pattern(text, known), (known, text)


def test_many_known_values_are_found_and_forgotten(fresh_known, monkeypatch):
    """A server keeps up to KNOWN_MAX values: each is still found among thousands, and the
    oldest are forgotten (from the word index too) once there are more."""
    monkeypatch.setattr(logsafe, "KNOWN_MAX", 5000)
    values = [f"Person{i} Surname{i % 97}" for i in range(6000)]
    logsafe.remember(("PERSON", v) for v in values)
    assert len(logsafe._seen) == 5000 and len(logsafe._known) == 5000
    assert sum(len(v) for v in logsafe._by_word.values()) == 5000
    assert logsafe._conceal_known(f"ask {values[-1]} or {values[999]}") == f"ask <PERSON> or {values[999]}"
    assert logsafe._conceal_known(f"ask {values[1000].upper()}, then") == "ask <PERSON>, then"


def test_a_piece_redacted_before_its_value_was_known_is_concealed_once_it_is(fresh_known):
    """Record pieces are cached by digest with their words' hashes, not with the values known
    when they were read: a value learnt later (by this process or the conversation's vault)
    is concealed in the same piece, and a stamp holding a known value is concealed too."""
    from pii_rails.masking import vault as vaults

    stamp = "deadbeef-1234-4abc-8def-0123456789ab"
    text = _event_text(uid=stamp, text="ask Zelda Quist or Marta Quell", note="Marta Quell said so")
    assert logsafe.redact(text, nemo_events=True) == text  # nothing known, no pattern matches
    logsafe.remember([("PERSON", "Zelda Quist")])
    assert "Zelda" not in logsafe.redact(text, nemo_events=True)
    vault = fresh_known.vault()
    vault.remember("PERSON", "Marta Quell", restorable=True)
    with vaults.use(vault):
        redacted = logsafe.redact(text, nemo_events=True)
    assert "Marta" not in redacted and redacted.count("<PERSON_1>") == 2 and stamp in redacted
    assert "Marta Quell" in logsafe.redact(text, nemo_events=True)  # another conversation's value
    logsafe.remember([("ACCOUNT", "deadbeef")])
    assert "deadbeef" not in logsafe.redact(text, nemo_events=True)


def test_cached_pieces_give_what_reading_every_record_afresh_gives(fresh_known):
    """Random records of NeMo's shape, values learnt between them: redacted with the cache,
    then with it emptied before every record, the same text."""
    from pii_rails.masking import vault as vaults

    rng = random.Random(7)
    names = ["Zelda Quist", "Marta Quell", "Ivo Brandt", "Ona Sky", "Pia Dorn"]
    words = names + ["the", "call", "415-555-0132", "about", "Ivo", "Quell", "and"]
    vault = fresh_known.vault()
    for _ in range(200):
        if rng.random() < 0.2:
            logsafe.remember([("PERSON", rng.choice(names))])
        if rng.random() < 0.2:
            vault.remember("PERSON", rng.choice(names), restorable=True)
        text = _event_text(
            uid=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            text=" ".join(rng.choice(words) for _ in range(rng.randint(1, 8))),
            note=" ".join(rng.choice(words) for _ in range(rng.randint(0, 4))),
        )
        with vaults.use(vault):
            cached = logsafe.redact(text, nemo_events=True)
            logsafe._memo.clear()
            assert cached == logsafe.redact(text, nemo_events=True), text


def test_colang_2_records_are_read_between_the_ids_nemo_makes(monkeypatch):
    """Colang 2.x prints flow instance ids ('(flow)<uuid4>', flow paths, loop ids), variables
    named after a uuid4, objects' addresses and events' ids in every record: they are left
    unread, so a second record differing only in them reads nothing new; a uuid anywhere else
    (a customer id) is still read, and the text around every id is redacted."""
    engine = PiiEngine.from_dict(
        {
            "recognizers": [{"name": "CUSTOMER_ID", "patterns": [{"name": "uuid", "regex": UUID, "score": 0.9}]}],
            "input": {"entities": ["PHONE_NUMBER", "EMAIL_ADDRESS", "CUSTOMER_ID"]},
        }
    )
    reads = _reads_of_only(engine, monkeypatch)

    def record(customer):
        ids = [str(uuid.uuid4()) for _ in range(6)]
        kept = [
            f"'_ref_{ids[0].replace('-', '_')}'",
            f"0x{random.getrandbits(40):x}",
            f"'(user said something){ids[1]}'",
            f"(main){ids[2]}/(bot say){ids[3]}/",
            f"'{ids[4]}'",
            f"{{'(main){ids[5]}'}}",
        ]
        text = (
            f"Flow finished: '{kept[3]}' context=[{{{kept[0]}: <nemoguardrails.flows.Action object at {kept[1]}>}}, "
            f"{{'output_text': 'call 415-555-0132'}}, {{'flow_instance_uid': {kept[2]}, 'customer': '{customer}'}}, "
            f"ActionEvent(action_uid={kept[4]}), {{'loop_ids': {kept[5]}}}]"
        )
        return text, kept

    for turn in range(2):
        customer = str(uuid.uuid4())
        text, kept = record(customer)
        reads.clear()
        redacted = logsafe.redact(text, nemo_events=True, colang_2=True)
        assert all(k in redacted for k in kept), redacted
        assert customer not in redacted and "415-555-0132" not in redacted and "<PHONE_NUMBER>" in redacted
        if turn:
            assert reads and all(customer in r for r in reads), reads
