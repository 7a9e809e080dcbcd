"""Detection never starts an entity on a function word: what lets a stream release one at once."""

from __future__ import annotations

import pytest

from pii_rails.detection.openers import never_starts, opener_words, trim_openers
from pii_rails.engine import PiiEngine
from pii_rails.spans import Span


def test_function_words_qualify_and_names_that_are_words_do_not():
    for word in ("The", "the", "Sure,", "Here", "I", "I'm", "It’s", "yes.", "Thanks!", "and", "of"):
        assert never_starts(word), word
    # Given names, family names, places, titles and particles of the project's own lexicons,
    # initials, acronyms, numbers, placeholders and half-written addresses.
    for word in ("Will", "May", "Mark", "Rose", "Grace", "Can", "My", "Us", "van", "de", "al", "von", "Dr", "Dr.",
                 "Mr", "I.", "A.", "US", "IT", "WHO", "THE", "415", "1st", "<PERSON_1>", "ada@x.org", "(the", "via",
                 "calle", "rue", "last", "next", "one", "no"):
        assert not never_starts(word), word
    assert "may" not in opener_words() and "will" not in opener_words()


def test_a_capitalised_function_word_opens_nothing_only_where_a_sentence_starts():
    # "He", "An", "So", "Do" are also family and given names: mid-sentence, or before another
    # capitalised word, a capital says name.
    for before, word, after in (("", "He", " Jiankui said"), ("we met ", "He", " yesterday"),
                                ("I called ", "An", " and left"), ("", "An", " Nguyen called"),
                                ("so, ", "The", " Hague"), ("and then ", "So", " Ji-sub"), ("", "The", " ")):
        assert not never_starts(word, before, after, ended=False), (before, word, after)
    for before, word, after in (("", "He", " said so"), ("Done. ", "The", " answer"), ("Done!\n- ", "The", " list"),
                                ('She said: "', "Here", " it is"), ("", "The", ""), ("we met ", "he", " Jiankui"),
                                ("and ", "I", " Grace"), ("", "Sure,", " Grace")):
        assert never_starts(word, before, after, ended=False) or after == "", (before, word, after)
    assert never_starts("The", "", "", ended=True)


def test_names_behind_function_words_keep_them():
    text = "Yesterday we met He Jiankui. He said An Nguyen called. So Ji-sub agreed."
    spans = [
        Span("PERSON", text.index("He Jiankui"), text.index("He Jiankui") + 10, 0.8, "ner"),
        Span("PERSON", text.index("An Nguyen"), text.index("An Nguyen") + 9, 0.8, "ner"),
        Span("PERSON", text.index("So Ji-sub"), text.index("So Ji-sub") + 9, 0.8, "ner"),
        Span("PERSON", text.index("He said"), text.index("He said") + 2, 0.5, "ner"),
    ]
    assert [text[s.start : s.end] for s in trim_openers(text, spans, {})] == ["He Jiankui", "An Nguyen", "So Ji-sub"]


def test_spans_lose_their_leading_function_words():
    text = "Sure, the Grace Hopper said so. Here it is: 415 555 0132"
    spans = [
        Span("PERSON", 0, 22, 0.8, "ner"),  # "Sure, the Grace Hopper"
        Span("PERSON", 4, 9, 0.5, "ner"),  # from the comma of "Sure,": no name left
        Span("PHONE_NUMBER", text.index("it"), len(text), 0.7, "x"),  # "it is: 415 ..."
        Span("PERSON", text.index("said"), text.index("said") + 4, 0.5, "ner"),  # not a function word
    ]
    trimmed = trim_openers(text, spans, {})
    assert [(s.entity_type, text[s.start : s.end]) for s in trimmed] == [
        ("PERSON", "Grace Hopper"),
        ("PHONE_NUMBER", "415 555 0132"),
        ("PERSON", "said"),
    ]
    assert trimmed[2] is spans[3]  # untouched spans are the same objects
    # A span that starts on whitespace holds no function word: left as it was.
    assert trim_openers(text, [Span("PERSON", 5, 22, 0.5)], {}) == [Span("PERSON", 5, 22, 0.5)]


@pytest.fixture(scope="module")
def engine():
    return PiiEngine.from_dict({"output": {"entities": ["PERSON", "LOCATION", "DATE_TIME", "PHONE_NUMBER"]}})


def test_whole_answers_never_mask_a_function_word(engine):
    text = "The Hague is where I met Ada Lovelace on the 5th of May, and the team called 415-555-0132."
    spans = engine.detect(text, "output")
    found = {text[s.start : s.end] for s in spans}
    assert "Ada Lovelace" in found and "415-555-0132" in found
    for s in spans:
        assert not never_starts(text[s.start : s.end].split()[0]), text[s.start : s.end]
