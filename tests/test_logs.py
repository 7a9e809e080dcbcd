"""No raw value in any log, at any level, from any library, nor in NeMo's verbose console."""

from __future__ import annotations

import logging

import pytest
from nemoguardrails import LLMRails, RailsConfig

from conftest import EXAMPLES, RecordingLLM, plugin_config
from pii_rails.masking import logsafe

USER_VALUES = ["Ada Lovelace", "ada.lovelace@example.com", "212-555-0199", "4111 1111 1111 1111"]
# Made up by the model: never in the vault, found by the recognizers.
INVENTED = ["Grace Hopper", "grace.hopper@navy-example.org", "415-555-0132"]
KB_VALUES = ["Priya Raman", "priya.raman@contoso.example", "212-555-0143"]


LIBRARIES = ("nemoguardrails", "presidio-analyzer", "presidio-anonymizer", "httpx", "pii_rails")


class Captured(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.records = []
        self.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))
        self.lines = []

    def emit(self, record):
        self.records.append(record)
        self.lines.append(self.format(record))

    @property
    def text(self):
        return "\n".join(self.lines)


@pytest.fixture
def everything_logged():
    """Every record at DEBUG, also from loggers that do not propagate (NeMo's verbose mode)."""
    handler = Captured()
    root = logging.getLogger()
    root.addHandler(handler)
    old_level = root.level
    root.setLevel(logging.DEBUG)
    for name in LIBRARIES:
        logging.getLogger(name).setLevel(logging.DEBUG)
        logging.getLogger(name).addHandler(handler)
    yield handler
    root.removeHandler(handler)
    root.setLevel(old_level)
    for name in LIBRARIES:
        logging.getLogger(name).setLevel(logging.NOTSET)
        logging.getLogger(name).removeHandler(handler)


def _assert_nothing_raw(text: str, values):
    for value in values:
        assert value not in text, f"{value!r} was logged"


async def test_a_reversible_conversation_logs_no_value(tmp_path, everything_logged, capsys):
    config = plugin_config(
        tmp_path,
        "reversible: true\n"
        "input: {entities: [PERSON, EMAIL_ADDRESS, PHONE_NUMBER, CREDIT_CARD]}\n"
        "output: {entities: [PERSON, EMAIL_ADDRESS, PHONE_NUMBER, CREDIT_CARD]}\n",
        output=True,
    )
    llm = RecordingLLM([f"Thanks <PERSON_1>! I'll cc {INVENTED[0]} at {INVENTED[1]} and call {INVENTED[2]}."] * 2)
    rails = LLMRails(RailsConfig.from_path(str(config)), llm=llm, verbose=True)
    messages = [
        {"role": "user", "content": f"I'm {USER_VALUES[0]}, {USER_VALUES[1]}, {USER_VALUES[2]}."},
        {"role": "assistant", "content": "Noted."},
        {"role": "user", "content": f"Card {USER_VALUES[3]} please."},
    ]
    result = await rails.generate_async(messages=messages)
    assert result["content"].startswith("Thanks Ada Lovelace!")  # restoring still works

    logged = everything_logged.text
    assert len(everything_logged.records) > 20 and "<PERSON_1>" in logged  # it was logged, redacted
    console = capsys.readouterr()
    _assert_nothing_raw(logged + console.out + console.err, USER_VALUES + INVENTED)


def test_retrieved_chunks_are_not_logged_raw(everything_logged, capsys):
    rails = LLMRails(RailsConfig.from_path(str(EXAMPLES / "rag")), llm=RecordingLLM(["Ask payroll."]), verbose=True)
    rails.generate(messages=[{"role": "user", "content": "Who handles payroll questions?"}])
    console = capsys.readouterr()
    assert "payroll" in everything_logged.text.lower()
    _assert_nothing_raw(everything_logged.text + console.out + console.err, KB_VALUES)


def test_exceptions_logged_by_others_are_redacted(tmp_path, everything_logged):
    config = plugin_config(tmp_path, "input: {entities: [PERSON, EMAIL_ADDRESS]}\n")
    LLMRails(RailsConfig.from_path(str(config)), llm=RecordingLLM([]))
    try:
        raise ValueError("could not handle 'mail ada.lovelace@example.com from Ada Lovelace'")
    except ValueError:
        logging.getLogger("some.library").exception("action failed for %s", "Ada Lovelace")
    record = everything_logged.records[-1]
    text = everything_logged.text
    assert "ValueError" in text and "<EMAIL_ADDRESS>" in text
    _assert_nothing_raw(text, ["Ada Lovelace", "ada.lovelace@example.com"])
    assert record.exc_info is None and "Traceback" in record.exc_text


def test_a_failing_redaction_withholds_the_record(tmp_path, everything_logged, monkeypatch):
    config = plugin_config(tmp_path, "input: {entities: [PERSON]}\n")
    rails = LLMRails(RailsConfig.from_path(str(config)), llm=RecordingLLM([]))

    def broken(text):
        raise RuntimeError("recognizer down")

    from pii_rails.nemo.binding import engine_for

    monkeypatch.setattr(engine_for(rails), "redact", broken)
    logging.getLogger("some.library").warning("user said %s", "Ada Lovelace")
    assert everything_logged.records[-1].getMessage() == "<log record withheld by pii-rails: RuntimeError>"


def test_redact_logs_false_leaves_records_alone(tmp_path, everything_logged):
    config = plugin_config(tmp_path, "redact_logs: false\ninput: {entities: [PERSON]}\n")
    rails = LLMRails(RailsConfig.from_path(str(config)), llm=RecordingLLM([]))
    from pii_rails.nemo.binding import engine_for

    assert engine_for(rails) not in set(logsafe._engines)


def test_log_redaction_cache_gives_the_same_text_and_holds_no_raw_value():
    """Records repeat (format strings, event names, payloads), so redaction results are
    cached; by digest, so the cache itself never keeps a value."""
    from pii_rails import PiiEngine

    engine = PiiEngine.from_dict({"input": {"entities": ["EMAIL_ADDRESS", "PHONE_NUMBER"]}})
    texts = ["Event :: %s %s", "mail ada@example.com now", "call +1 212-555-0199", "mail ada@example.com now"]
    first = [engine.redact(t) for t in texts]
    again = [engine.redact(t) for t in texts]
    assert first == again
    assert "ada@example.com" not in first[1] and "212-555-0199" not in first[2]
    cache = engine._redactor._cache
    assert len(cache) == 3
    assert all(isinstance(k, bytes) and len(k) == 16 for k in cache)
    assert not any("ada@example.com" in v or "212-555-0199" in v for v in cache.values())


def test_a_record_made_by_the_garbage_collector_mid_redaction_does_not_hang(tmp_path, everything_logged):
    """A finalizer that logs (asyncio's "exception was never retrieved", an unclosed
    session) runs whenever the collector does, also on a thread that is redacting a record
    under the redaction's own locks: that record must be redacted too, not wait forever for
    a lock its own thread holds (it hung a streamed turn's audit thread on IORails)."""
    import gc
    import threading

    config = plugin_config(tmp_path, "input: {entities: [PERSON, EMAIL_ADDRESS]}\n")
    LLMRails(RailsConfig.from_path(str(config)), llm=RecordingLLM([]))
    logsafe.remember([("PERSON", "Ada Lovelace"), ("EMAIL_ADDRESS", "ada.lovelace@example.com")])
    finalizing = threading.local()
    made = []

    def finalizer_logs(phase, info):
        if phase == "start" and not getattr(finalizing, "on", False):
            finalizing.on = True
            try:
                logging.getLogger("some.library").error("collected the session of %s", "Ada Lovelace")
                made.append(1)
            finally:
                finalizing.on = False

    def log_turns():
        for _ in range(30):
            logging.getLogger("some.library").info("mail from %s: %s", "Ada Lovelace", "ada.lovelace@example.com")

    threshold = gc.get_threshold()
    gc.callbacks.append(finalizer_logs)
    gc.set_threshold(1)  # the collector runs at nearly every allocation, inside the locked sections too
    try:
        worker = threading.Thread(target=log_turns, daemon=True)
        worker.start()
        worker.join(60)
    finally:
        gc.set_threshold(*threshold)
        gc.callbacks.remove(finalizer_logs)
    assert not worker.is_alive(), "a record made while redacting waited on its own thread's lock"
    assert made and "collected the session of" in everything_logged.text
    _assert_nothing_raw(everything_logged.text, ["Ada Lovelace", "ada.lovelace@example.com"])
