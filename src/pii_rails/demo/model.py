"""The demo's models: an embedded offline LLM, and a recorder for any LLM.

:class:`EmbeddedModel` stands in for a real LLM so the demo runs anywhere. It
answers deterministically from what its prompt contains -- the latest user
message, earlier turns, retrieved records -- so its answers show what it was
given. One kind of question (who to contact) it answers from its "own
knowledge", with a name, an e-mail address and a phone number, the way a real
model can produce personal data nobody sent it; the output rail has to catch that.

:class:`RecordingModel` wraps whichever model the demo uses and keeps every
prompt exactly as it reached the model (after pii-rails masked it) with the answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, AsyncIterator, List, Optional

from nemoguardrails.types import LLMResponse, LLMResponseChunk

# The engine name config.yml gives the embedded model (registered in config/config.py).
EMBEDDED_ENGINE = "pii_rails_demo"

from pii_rails.masking.placeholders import TAG  # noqa: E402
# A user line of NeMo's Colang history, plain (`user "..."`) or verbose (`User message: "..."`).
_USER_LINE = re.compile(r'^(?:user|User message:) "(.*)"\s*$')
_CONTEXT = re.compile(r"# This is some additional context:\s*```(?:markdown)?\n(.*?)\n```", re.S)
_CONVERSATION = "# This is the current conversation between the user and the bot:"

# What the embedded model "knows" about the shop. Made-up contact details, as
# a model might have picked up from its training data.
ESCALATION_CONTACT = (
    "For a parcel that has not arrived, please contact our logistics lead, Daniel Kim, "
    "at daniel.kim@support.example.net or (646) 555-0123."
)
_CONTACT_WORDS = ("who can i", "talk to", "contact", "escalate")
_EARLIER_WORDS = ("earlier", "gave you", "before", "already")
_TAG_WORDS = {"email": "<EMAIL_ADDRESS>", "e-mail": "<EMAIL_ADDRESS>", "phone": "<PHONE_NUMBER>", "name": "<PERSON>"}


def prompt_text(prompt: Any) -> str:
    """A prompt as one text: a string as is, chat messages as ``[role] content`` lines."""
    if isinstance(prompt, str):
        return prompt
    lines = []
    for message in prompt:
        role = getattr(message, "role", None) or (message.get("role") if isinstance(message, dict) else "")
        content = getattr(message, "content", None)
        if content is None and isinstance(message, dict):
            content = message.get("content")
        role = getattr(role, "value", role)
        lines.append(f"[{role}] {content if isinstance(content, str) else repr(content)}")
    return "\n".join(lines)


def _unique_tags(text: str) -> List[str]:
    return list(dict.fromkeys(TAG.findall(text)))


def _kind(tag: str) -> str:
    """The entity tag of a placeholder, numbered or not: ``<PERSON_1>`` -> ``<PERSON>``."""
    return re.sub(r"_\d+>$", ">", tag)


@dataclass
class PromptView:
    """What the embedded model reads out of NeMo's bot-message prompt."""

    latest: str
    earlier: List[str]
    records: str

    @classmethod
    def parse(cls, text: str) -> "PromptView":
        context = _CONTEXT.search(text)
        conversation = text.split(_CONVERSATION)[-1]
        users = [m.group(1) for m in map(_USER_LINE.match, conversation.splitlines()) if m]
        if not users:
            # Not NeMo's Colang-style prompt (e.g. a chat prompt): treat the tail as the message.
            users = [text.strip().splitlines()[-1] if text.strip() else ""]
        return cls(latest=users[-1], earlier=users[:-1], records=context.group(1).strip() if context else "")


class EmbeddedModel:
    """A deterministic offline LLM (NeMo's ``LLMModel`` protocol) that answers from its prompt."""

    def __init__(self, model: str = "embedded", **kwargs: Any):
        # NeMo passes the model entry's parameters; this model needs none.
        self._model = model

    @property
    def model_name(self) -> str:
        return self._model

    @property
    def provider_name(self) -> Optional[str]:
        return EMBEDDED_ENGINE

    @property
    def provider_url(self) -> Optional[str]:
        return None

    def answer(self, prompt: Any) -> str:
        return self.answer_view(PromptView.parse(prompt_text(prompt)))

    def answer_chat(self, messages: List[dict]) -> str:
        """Answer an OpenAI chat request's messages, as the demo's IORails part sends them."""
        users = [m["content"] for m in messages if m.get("role") == "user" and isinstance(m.get("content"), str)]
        return self.answer_view(PromptView(latest=users[-1] if users else "", earlier=users[:-1], records=""))

    def answer_view(self, view: PromptView) -> str:
        question = view.latest.lower()
        if any(word in question for word in _EARLIER_WORDS) and view.earlier:
            return self._recall(question, view.earlier)
        if any(word in question for word in _CONTACT_WORDS):
            return ESCALATION_CONTACT
        if view.records:
            record = " ".join(line.strip() for line in view.records.splitlines() if line.strip())
            return f"Here is what our records say: {record}"
        tags = _unique_tags(view.latest)
        if tags:
            people = [t for t in tags if _kind(t) == "<PERSON>"]
            greeting = f"Thanks, {people[0]}!" if people else "Thanks!"
            others = [t for t in tags if _kind(t) != "<PERSON>"]
            noted = f" I have noted {' and '.join(others)}." if others else ""
            return f"{greeting}{noted} How can I help you today?"
        return "How can I help you with your order today?"

    @staticmethod
    def _recall(question: str, earlier: List[str]) -> str:
        seen = _unique_tags(" ".join(earlier))
        kinds = [kind for word, kind in _TAG_WORDS.items() if word in question]
        asked = [tag for tag in seen if _kind(tag) in kinds]
        if not seen:
            return "I don't see those details earlier in our conversation; could you give them again?"
        used = " and ".join(dict.fromkeys(asked or seen))
        return f"Done: I will use {used}, as you gave earlier in our conversation."

    async def generate_async(self, prompt, *, stop=None, **kwargs) -> LLMResponse:
        return LLMResponse(content=self.answer(prompt), model=self._model, finish_reason="stop")

    async def stream_async(self, prompt, *, stop=None, **kwargs) -> AsyncIterator[LLMResponseChunk]:
        words = self.answer(prompt).split(" ")
        for i, word in enumerate(words):
            yield LLMResponseChunk(delta_content=word if i == len(words) - 1 else word + " ")


@dataclass
class Call:
    """One model call: the prompt as the model received it, and its answer."""

    prompt: str
    answer: str


class RecordingModel:
    """Wraps a model and records each prompt it receives and each answer it gives."""

    def __init__(self, inner: Any):
        self.inner = inner
        self.calls: List[Call] = []

    @property
    def model_name(self) -> str:
        return self.inner.model_name

    @property
    def provider_name(self) -> Optional[str]:
        return self.inner.provider_name

    @property
    def provider_url(self) -> Optional[str]:
        return self.inner.provider_url

    async def generate_async(self, prompt, *, stop=None, **kwargs) -> LLMResponse:
        call = Call(prompt_text(prompt), "")
        self.calls.append(call)
        response = await self.inner.generate_async(prompt, stop=stop, **kwargs)
        call.answer = response.content or ""
        return response

    async def stream_async(self, prompt, *, stop=None, **kwargs) -> AsyncIterator[LLMResponseChunk]:
        call = Call(prompt_text(prompt), "")
        self.calls.append(call)
        async for chunk in self.inner.stream_async(prompt, stop=stop, **kwargs):
            call.answer += chunk.delta_content or ""
            yield chunk
