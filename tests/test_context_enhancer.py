"""The analyzer's context enhancer (``analyzer.ContextEnhancer``) scores as Presidio's lemma enhancer.

It skips Presidio's deep copy of the results when no result can gain from
context words; where one can (a custom recognizer's Presidio context words),
it is Presidio's own. Compared with Presidio's enhancer on the same engine.
"""

from __future__ import annotations

import copy

from presidio_analyzer.context_aware_enhancers import LemmaContextAwareEnhancer

from pii_rails import PiiEngine
from pii_rails.detection.analyzer import ContextEnhancer

NER = ["PERSON", "LOCATION", "EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD"]
# Presidio's lemma context: 0.2 alone, 0.55 with "ticket" or "case" (any inflection) nearby.
CUSTOM = {"name": "TICKET", "supported_entity": "TICKET_ID", "context": ["ticket", "case"]}
CUSTOM["patterns"] = [{"name": "tk", "regex": r"TK-\d{5}", "score": 0.2}]
TEXTS = [
    "Hi, I'm Ada Lovelace, mail ada.lovelace@example.com or call 212-555-0199.",
    "Card 4111 1111 1111 1111 on file, phone +44 20 7946 0958, from Boston.",
    "The tickets TK-12345 and TK-54321 are open; TK-11111 is unknown.",
    "Cases: TK-22222. Contractor badge: none.",
    "TK-33333 was raised by Grace Hopper, who works in Arlington, about her case.",
    "No personal data here, just a question about the opening hours.",
]


def _found(engine):
    engine.detector.cache.clear()
    return [[(s.entity_type, s.start, s.end, s.score, s.recognizer) for s in engine.detect(t)] for t in TEXTS]


def test_the_scores_are_presidios_lemma_enhancer_s(monkeypatch):
    engine = PiiEngine.from_dict(
        {"recognizers": [CUSTOM], "input": {"entities": [*NER, "TICKET_ID"], "below_threshold_action": "flag"}}
    )
    assert type(engine.analyzer.context_aware_enhancer) is ContextEnhancer
    ours = _found(engine)
    engine.analyzer.context_aware_enhancer = LemmaContextAwareEnhancer()
    assert _found(engine) == ours
    # Context words did raise some custom matches, and not others.
    scores = {score for spans in ours for entity, *_, score, _ in spans if entity == "TICKET_ID"}
    assert {0.2, 0.55} <= {round(s, 2) for s in scores}


def test_no_copy_when_no_result_can_gain_from_context(monkeypatch):
    """The predefined recognizers weigh context themselves: their results are never copied; a
    custom recognizer's are, through Presidio's enhancer."""
    copies = []
    real = copy.deepcopy
    monkeypatch.setattr(copy, "deepcopy", lambda *a, **k: copies.append(1) or real(*a, **k))
    engine = PiiEngine.from_dict({"input": {"entities": NER}})
    spans = _found(engine)
    assert any(spans) and not copies
    custom = PiiEngine.from_dict({"recognizers": [CUSTOM], "input": {"entities": ["TICKET_ID"]}})
    assert any(_found(custom)) and copies


class _Echo:
    """A recognizer's own enhancement that reads the other recognizers' results: each of its
    results gains 0.01 per other result, so a wrong grouping shows in the scores."""

    @staticmethod
    def make():
        from presidio_analyzer import PatternRecognizer

        class Echo(PatternRecognizer):
            def enhance_using_context(self, text, raw_recognizer_results, other_raw_recognizer_results, nlp_artifacts, context=None):
                for result in raw_recognizer_results:
                    result.score = round(result.score + 0.01 * len(other_raw_recognizer_results), 4)
                return raw_recognizer_results

        return Echo(supported_entity="TICKET_ID", name="ECHO", deny_list=["TK-12345", "TK-33333"], context=["ticket"])


def test_results_grouped_once_score_as_presidios_grouping():
    """``PiiAnalyzer._enhance_using_context`` groups the results by recognizer once; Presidio's own,
    put back on the same engine, gives every span, score and recognizer the same."""
    from presidio_analyzer import AnalyzerEngine

    engine = PiiEngine.from_dict(
        {"recognizers": [CUSTOM], "input": {"entities": [*NER, "TICKET_ID"], "below_threshold_action": "flag"}}
    )
    engine.analyzer.registry.add_recognizer(_Echo.make())
    ours = _found(engine)
    engine.analyzer._enhance_using_context = AnalyzerEngine._enhance_using_context.__get__(engine.analyzer)
    assert _found(engine) == ours
    # The echo recognizer's results did read the others'.
    echoed = [score for spans in ours for *_, score, name in spans if name == "ECHO"]
    assert echoed and any(round(score * 100) % 5 for score in echoed)


def test_recognizers_chosen_again_when_the_registry_changes():
    """The registry keeps its choice of recognizers per request, and chooses again when one is added or removed."""
    from presidio_analyzer import PatternRecognizer

    engine = PiiEngine.from_dict({"input": {"entities": NER}})
    text = "Ask Zorblax Quux about it."
    registry = engine.analyzer.registry
    first = registry.get_recognizers("en", NER)
    assert sorted(r.id for r in registry.get_recognizers("en", NER)) == sorted(r.id for r in first)
    assert not any(s.recognizer == "ALIENS" for s in engine.detect(text))
    registry.add_recognizer(PatternRecognizer(supported_entity="PERSON", name="ALIENS", deny_list=["Quux"]))
    engine.detector.cache.clear()
    assert any(s.recognizer == "ALIENS" for s in engine.detect(text))
    registry.remove_recognizer("ALIENS")
    engine.detector.cache.clear()
    assert not any(s.recognizer == "ALIENS" for s in engine.detect(text))
