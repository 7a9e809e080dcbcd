"""Building the rails does the first analysis' one-time work, so the first user's turn does not.

The first text a process analyses loads word lists, compiles patterns and warms
spaCy's components (about 0.2 s of CPU for an English NER configuration). On both
NeMo engines the rails' build does it, with a sample text that leaves nothing
behind: no cache entry, no statistics. Checked through a real ``Guardrails``
(IORails) and ``LLMRails``, the model a recording upstream on 127.0.0.1.
"""

from __future__ import annotations

import pytest

from engines import ENGINES, build, config_dir
from pii_rails.detection import detector, nlp
from pii_rails.detection.predefined import lexicon
from pii_rails.nemo.registry import engine_for
from pii_rails.testing.upstream import RecordingUpstream
from test_ner_per_turn import CONFIG as NER_CONFIG

# The NER configuration whose turns tests/test_ner_per_turn.py counts.
RAILS = NER_CONFIG
MESSAGE = "I'm Grace Hopper, call me on 212-555-0199."


@pytest.mark.parametrize("engine", ENGINES)
def test_the_rails_build_loads_what_the_first_analysis_needs(tmp_path, monkeypatch, engine):
    lexicon.common_words.cache_clear()  # as in a fresh process
    ner_runs = []
    run_components = nlp.run_components

    def counting(pipeline, docs, names, batch_size=32):
        names = list(names)
        if any(name in nlp._NER for name in names):
            ner_runs.extend(doc.text for doc in docs)
        return run_components(pipeline, docs, names, batch_size)

    monkeypatch.setattr(nlp, "run_components", counting)
    with RecordingUpstream(reply=lambda request: "Noted, <PERSON_1>.") as upstream:
        rails = build(config_dir(tmp_path, upstream.url, RAILS), engine)
        pii = engine_for(rails)

        # The build analysed the sample (the NER ran on it) and loaded the dictionary words...
        assert detector.WARM_UP_TEXT in ner_runs
        assert lexicon.common_words.cache_info().currsize == 1
        # ...and left no trace: the turns' figures and cache start empty.
        assert not pii.detector.cache
        assert pii.detector.stats["texts"] == 0

        ner_runs.clear()
        answer = rails.generate(messages=[{"role": "user", "content": MESSAGE}])
        sent = upstream.bodies[-1].decode() if isinstance(upstream.bodies[-1], bytes) else upstream.bodies[-1]

    content = answer["content"] if isinstance(answer, dict) else answer
    assert "Grace Hopper" not in sent and "212-555-0199" not in sent
    assert content == "Noted, Grace Hopper."
    assert detector.WARM_UP_TEXT not in ner_runs and MESSAGE in ner_runs


def test_a_warm_up_that_fails_does_not_fail_the_build(monkeypatch, caplog):
    from pii_rails import PiiEngine

    engine = PiiEngine.from_dict({"input": {"entities": ["EMAIL_ADDRESS"]}})

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(engine.detector, "analyze", broken)
    engine.detector.warm_up()
    assert "warming detection up failed (RuntimeError)" in caplog.text
    # The real analysis fails as it always has: the rails fail closed on it.
    with pytest.raises(RuntimeError):
        engine.detect("mail ada@example.org")
