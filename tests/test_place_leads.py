"""The place phrases of ``PlaceRecognizer`` tried only where one of their leads starts.

In an ASCII text, Python's ``re`` finds the leads' offsets in the lower-cased text; the phrases
are then matched only there (``gazetteer._phrases``). The matches must be exactly those of the
phrases' own scan; the lower-case phrases are read only when a sentence is written in lower case.
"""

from __future__ import annotations

import pytest

from pii_rails.detection.predefined import gazetteer
from pii_rails.detection.predefined.gazetteer import PlaceRecognizer

TEXTS = [
    "I moved here from Tromsø last year, and we spent the summer in Kokkola.",
    "I moved here from Tromso last year, and we spent the summer in Kokkola.",
    "She is a native of Oslo, and flew in to Bergen. A ferry from Oslo to Bergen.",
    "xfrom Paris; FROM PARIS; Moved To Paris, ok; ORIGINALLY FROM LYON.",
    "i am in kokkola for a business trip. we live near tartu now",
    "Am in Oslo for a business trip. I Am In Oslo For A Business Trip.",
    "Our team in Leeds and the hotel in Porto; the outskirts of Lisbon, near Braga.",
    "The weather in Cork was fine; we stopped in Sligo, and stayed in Galway for a work trip.",
    "Relocated to Kubernetes (the team moved to Jira). Spent three weeks in Hvalsø.",
    "Ünë lead: born in Ålesund, raised in Malmö.",
    "just moved back from denver, living in boise now",
]


def test_the_shortcut_is_on():
    assert gazetteer._LEAD_START is not None
    assert gazetteer._lead_starts("née in Malmö") is None  # not ASCII: the phrases' own scan
    assert gazetteer._lead_starts("Born in Oslo, grew up in Bergen") == [0, 14]


@pytest.mark.parametrize("pattern", [gazetteer._PLACE_PHRASE, gazetteer._LOWER_PLACE_PHRASE])
@pytest.mark.parametrize("text", TEXTS + [t.lower() for t in TEXTS] + [t.upper() for t in TEXTS] + [t.title() for t in TEXTS])
def test_phrases_at_the_leads_are_the_scan_s(pattern, text):
    found = [(m.span(), m.span("place")) for m in gazetteer._phrases(pattern, text, gazetteer._lead_starts(text))]
    assert found == [(m.span(), m.span("place")) for m in pattern.finditer(text)]


def test_places_found_as_without_the_shortcuts(monkeypatch):
    recognizer = PlaceRecognizer()
    texts = TEXTS + [t.lower() for t in TEXTS]

    def found():
        return [sorted((r.start, r.end, r.score) for r in recognizer.analyze(t, ["LOCATION"])) for t in texts]

    ours = found()
    assert sum(map(len, ours)) > 10
    real = PlaceRecognizer._unlisted_places
    monkeypatch.setattr(gazetteer, "_lead_starts", lambda text: None)
    monkeypatch.setattr(PlaceRecognizer, "_unlisted_places", lambda self, text, names, nlp_artifacts=None, lower_case=True: real(self, text, names, nlp_artifacts, True))
    assert found() == ours
