"""One turn on IORails reads each of its texts with the NER once, however many rails see it.

The numbering of the request's history, the input rail, the LLM boundary, the log
redaction's pre-read of the answer and the output rail all need the same detections:
the spaCy NER, most of a NER turn's cost, must not run twice on one text. Counted
through a real ``Guardrails`` (IORails) and the real pipeline; the model is the
recording upstream on 127.0.0.1.
"""

from __future__ import annotations

import collections
import json
import re

import pytest
import regex
from nemoguardrails import Guardrails, RailsConfig

from conftest import model_at, write_config
from pii_rails.detection import nlp
from pii_rails.masking.vault import Vault
from pii_rails.testing.upstream import RecordingUpstream

CONFIG = """\
import_paths: [pii_rails/flows/v1]
custom_data:
  pii_rails:
    reversible: true
rails:
  config:
    sensitive_data_detection:
      input: {entities: [PERSON, LOCATION, EMAIL_ADDRESS, PHONE_NUMBER]}
      output: {entities: [PERSON, LOCATION, EMAIL_ADDRESS, PHONE_NUMBER]}
  input: {flows: [mask sensitive data on input]}
  output: {flows: [mask sensitive data on output]}
"""
SYSTEM = "You are the support desk of Contoso. Escalations go to Miriam Okafor, 415-555-0144."
EARLIER = "Hello, my name is Ada Lovelace and I live in Springfield."
EARLIER_ANSWER = "Thanks Ada, I have noted your address in Springfield."
LATEST = "Please call me back on 212-555-0199, or mail ada@example.org. Ask for Charles Babbage."
ANSWER = "Sure. Rajesh Patel from our Chicago office will call you on {phone} today."


def answer_with_the_placeholder(request: dict) -> str:
    """The answer a model gives: the number as the placeholder it was sent."""
    phone = re.search(r"<PHONE_NUMBER_\d+>", request["messages"][-1]["content"])
    return ANSWER.format(phone=phone.group() if phone else "(no number)")


@pytest.fixture()
def ner_runs(monkeypatch):
    """How often the NER component ran, per text."""
    runs: "collections.Counter[str]" = collections.Counter()
    run_components = nlp.run_components

    def counting(pipeline, docs, names, batch_size=32):
        names = list(names)
        if any(name in nlp._NER for name in names):
            runs.update(doc.text for doc in docs)
        return run_components(pipeline, docs, names, batch_size)

    monkeypatch.setattr(nlp, "run_components", counting)
    return runs


def test_each_text_of_a_turn_goes_through_the_ner_once(tmp_path, ner_runs):
    with RecordingUpstream(reply=answer_with_the_placeholder) as upstream:
        config = RailsConfig.from_path(str(write_config(tmp_path, CONFIG)))
        config.models = [model_at(upstream.url)]
        rails = Guardrails(config, require_iorails=True)
        messages = [
            {"role": "system", "content": SYSTEM},
            {"role": "user", "content": EARLIER},
            {"role": "assistant", "content": EARLIER_ANSWER},
            {"role": "user", "content": LATEST},
        ]
        ner_runs.clear()  # building the rails may warm the pipeline up
        answer = rails.generate(messages=messages)["content"]
        request = json.loads(upstream.bodies[-1])
        sent = "\n".join(m.get("content") or "" for m in request["messages"])
        model_answer = answer_with_the_placeholder(request)

    # Every rail and the boundary did their work: nothing of the user's reached the model,
    # the user gets their own number back and the name the model made up stays masked.
    user_side = ("Miriam Okafor", "415-555-0144", "Ada Lovelace", "212-555-0199", "ada@example.org", "Charles Babbage")
    assert not [value for value in user_side if value in sent]
    assert "<PHONE_NUMBER_" in model_answer and "212-555-0199" in answer and "Rajesh Patel" not in answer

    # Four request texts and the answer, each read by the NER exactly once.
    assert set(ner_runs) == {SYSTEM, EARLIER, EARLIER_ANSWER, LATEST, model_answer}, sorted(ner_runs)
    assert set(ner_runs.values()) == {1}, ner_runs


def test_a_conversations_values_stay_out_of_regexs_process_wide_cache():
    # The known-values pattern spells out the values: it lives and goes with the vault.
    vault = Vault(None, b"0" * 16)
    vault.remember("PERSON", "Zebulon Quartermaine", restorable=True)
    regex.purge()
    assert vault.known("Zebulon  Quartermaine called") == [(0, 21, "PERSON")]
    assert not any("Quartermaine" in str(key[0]) for key in regex._main._cache)  # type: ignore[attr-defined]
