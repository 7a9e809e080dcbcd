"""The recording upstream streams model-like pieces or whole words, and either way the
pieces put back together are the answer (the streaming benches rely on both)."""

import json

import httpx
import pytest

from pii_rails.testing.upstream import RecordingUpstream, tokens

ANSWER = "Grace Hopper can help, call her on 415-555-0101.  Thanks!"


def _streamed(upstream: RecordingUpstream) -> list:
    body = {"model": "recorder", "stream": True, "messages": [{"role": "user", "content": "hi"}]}
    pieces = []
    with httpx.stream("POST", upstream.url + "/chat/completions", json=body, timeout=30) as response:
        for line in response.iter_lines():
            if line.startswith("data: ") and line != "data: [DONE]":
                delta = json.loads(line[6:])["choices"][0]["delta"]
                if delta.get("content"):
                    pieces.append(delta["content"])
    return pieces


@pytest.mark.parametrize("whole_words", [False, True])
def test_the_pieces_put_back_together_are_the_answer(whole_words):
    with RecordingUpstream(lambda request: ANSWER, tokens_per_second=2000, whole_words=whole_words) as upstream:
        pieces = _streamed(upstream)
    assert "".join(pieces) == ANSWER
    assert pieces == tokens(ANSWER, whole_words)


def test_words_arrive_whole_and_model_like_pieces_cut_long_words():
    words = tokens(ANSWER, whole_words=True)
    assert words[:4] == ["Grace", " Hopper", " can", " help,"]
    assert " 415-555-0101." in words
    pieces = tokens(ANSWER)
    assert pieces[:4] == ["Grac", "e", " Hopp", "er"]
    assert all(len(p.strip()) <= 4 for p in pieces)
