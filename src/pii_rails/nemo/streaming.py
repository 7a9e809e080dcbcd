"""Masking and restoring streamed answers.

NeMo 0.24.1 runs output rails on streamed chunks but drops their rewrites,
and holds every chunk back until its output rails have run on ``chunk_size``
tokens. :class:`GuardedStream` wraps the stream ``stream_async`` returns and is
the output rail of a streamed answer itself (``plugin.py`` lets the tokens
through NeMo's chunking when pii-rails' flows are the only output rails):

* restore only: text is passed on at once, except a tail that may be the
  start of a placeholder (``<PER`` + ``SON_1>``, across any number of chunks);
* masking: text goes out as soon as nothing that arrives later can make it part
  of an entity or change what the detector finds in it (see
  :meth:`StreamRewriter.open_tail`); the output rail's policy (mask new PII,
  restore the user's values, or block) is applied to each released piece with
  the spans found in the piece, its left context and everything held.

Error frames (NeMo's JSON ``{"error": ...}`` chunks) pass through unchanged;
text still held when one arrives is dropped, as it was never checked whole.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import contextvars
import json
import logging
import time
import weakref
from typing import Any, AsyncIterator, Deque, Dict, List, NamedTuple, Optional, Tuple

import regex

from pii_rails.detection import lowercase
from pii_rails.detection import nlp as spacy_pipelines
from pii_rails.detection.lowercase import plain_core
from pii_rails.detection.openers import never_starts
from pii_rails.engine import PiiEngine
from pii_rails.masking import vault as vaults
from pii_rails.masking.policy import Flow
from pii_rails.masking.vault import Vault
from pii_rails.nemo.actions import FAILURE_BLOCK_MESSAGE, block_message
from pii_rails.spans import Span

log = logging.getLogger("pii_rails")

# Released text kept as left context for the detector: context words ("call
# me at", "my name is") and the NER's left window are read from it.
LEFT_CONTEXT = 120
# Share of the stream's time the checks may take. Detection holds the GIL, so
# checking after every word would slow the model's own tokens down as much as
# it costs; after a check of d ms the next waits until d / CHECK_SHARE ms have
# passed (a few words on a fast model), and everything that arrived meanwhile
# is checked at once. Which text goes out together does not change what goes
# out: any cut of the stream gives the same answer.
CHECK_SHARE = 0.2
# Right-context words held for a pipeline whose reach is unknown (transformers).
UNBOUNDED_REACH_WORDS = 64
# Right-context words held whatever the pipeline: pattern and word-list
# recognizers look right too. A lower-case given name is a name only with the
# surname after it ("john smith"), a street word only with the street after it
# ("via Roma 10"), a title with the name after it ("dr. ada lovelace").
PATTERN_REACH_WORDS = 3
# Held text beyond this is checked and released in part even if it is one long
# run of numbers or capitalised words (a table): no entity is longer than
# HOLD_KEEP characters, except key blocks, which are held up to their END line.
HOLD_LIMIT = 8000
HOLD_KEEP = 4000

_WHITESPACE = regex.compile(r"\s")
_LAST_WHITESPACE = regex.compile(r"\s", flags=regex.REVERSE)
_WORD = regex.compile(r"\S+")
# Words that may join two parts of one entity: name particles ("Ludwig van
# Beethoven", "María de la Cruz"), phone extensions ("ext. 12"), "&" and "and"
# in organisation names.
_GLUE = frozenset(
    "van der den von de la los las del da di du le dos y bin ibn al el ext ext. x and & of st st.".split()
)
_KEY_BEGIN = regex.compile(r"-----BEGIN[A-Z ]*-----|-----BEGIN")
_KEY_END = regex.compile(r"-----END[A-Z ]*-----")
# NeMo's terminal frames: the server's own three, and a rail that failed (which
# 0.24.1's server streams on as text; either way the held text is not sent).
_ERROR_TYPES = frozenset({"generation_error", "downstream_error", "guardrails_violation", "internal_error"})

# Set for a streamed call whose output :class:`GuardedStream` checks: the output
# rail actions NeMo still runs in it (on the whole message, or on its chunks)
# would only issue placeholder numbers for rewrites NeMo drops.
_STREAM_CHECKS_OUTPUT: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "pii_rails_stream_checks_output", default=False
)


class ModelEnd:
    """The completions of the streamed model calls of one answer, as the LLM boundary saw
    them end.

    NeMo closes its stream only after its end-of-turn work (events, logs, in Colang 2.x
    the output rails flow on the whole message), hundreds of milliseconds after the
    model's last token. The last words the stream holds for right context need only the
    model's text to be complete: :class:`GuardedStream` settles them as soon as all the
    text it received is a completion the model finished.
    """

    def __init__(self) -> None:
        self.texts: List[str] = []
        self.wake: Optional[Any] = None
        # Completions reported, those the stream has read (settled or not), and those it
        # settled: checked whole with the output's recognizers, so the logs know their values.
        self._ended = 0
        self._answered = 0
        self._settled = 0
        self._closed = False
        self._waiting: List[Tuple[int, "asyncio.Future[bool]"]] = []

    def ended(self, text: str) -> int:
        """Report a completion; its number, for :meth:`checked`."""
        self.texts.append(text)
        self._ended += 1
        if self.wake is not None:
            self.wake()
        return self._ended

    def answer(self, settled: int = 0) -> None:
        """The stream has read every completion reported so far; ``settled`` more of them
        were checked whole."""
        self._settled += settled
        self._answered = self._ended
        waiting, self._waiting = self._waiting, []
        for number, future in waiting:
            if not future.done():
                future.get_loop().call_soon_threadsafe(_resolve, future, self._settled >= number)

    def close(self) -> None:
        """The stream reads no more: whatever is reported or waited for is not checked by it."""
        self._closed = True
        self.answer()

    async def checked(self, number: int, timeout: float) -> bool:
        """Whether the stream checked completion ``number`` whole (waits for it to read the
        completion, at most ``timeout`` seconds; False when no stream reads this one)."""
        if self.wake is None or self._closed:
            return False
        if self._answered >= number:
            return self._settled >= number
        future: "asyncio.Future[bool]" = asyncio.get_running_loop().create_future()
        self._waiting.append((number, future))
        try:
            return await asyncio.wait_for(future, timeout)
        except asyncio.TimeoutError:
            return False


def _resolve(future: "asyncio.Future[bool]", value: bool) -> None:
    if not future.done():
        future.set_result(value)


_MODEL_END: contextvars.ContextVar[Optional[ModelEnd]] = contextvars.ContextVar("pii_rails_model_end", default=None)


# How long the end of a model call waits for its stream to settle before the completion
# is read for the logs anyway (a client that stopped reading).
SETTLE_WAIT = 2.0


def model_ended(text: str) -> Optional[Tuple[ModelEnd, int]]:
    """Tell the stream of this call that a streamed model call returned all of ``text``
    (the LLM boundary calls it in the model call's task, which inherits the stream's context);
    the stream and the completion's number, for :meth:`ModelEnd.checked`."""
    sink = _MODEL_END.get()
    if sink is not None and text:
        return sink, sink.ended(text)
    return None


async def checked_by_stream(ended: Optional[Tuple[ModelEnd, int]]) -> bool:
    """Whether the stream that reported ``ended`` checked that completion whole, its values
    known to the logs: then the boundary need not read it again before NeMo logs it."""
    if ended is None:
        return False
    sink, number = ended
    return await sink.checked(number, SETTLE_WAIT)


@contextlib.contextmanager
def watching_model(sink: ModelEnd):
    """Tasks started inside (NeMo's generation task) report their model's end to ``sink``."""
    token = _MODEL_END.set(sink)
    try:
        yield
    finally:
        _MODEL_END.reset(token)


def checks_output() -> bool:
    """Whether this call's output is checked by the stream (see :func:`checking_output`)."""
    return _STREAM_CHECKS_OUTPUT.get()


@contextlib.contextmanager
def checking_output():
    """Mark the tasks started inside (NeMo's generation task) as checked by the stream."""
    token = _STREAM_CHECKS_OUTPUT.set(True)
    try:
        yield
    finally:
        _STREAM_CHECKS_OUTPUT.reset(token)


def _is_error_frame(chunk: str) -> bool:
    """Whether ``chunk`` is a terminal error frame of NeMo's (as its server tells them apart)."""
    if not chunk.startswith('{"error"'):
        return False
    try:
        error = json.loads(chunk).get("error")
    except ValueError:
        return False
    return isinstance(error, dict) and error.get("type") in _ERROR_TYPES and isinstance(error.get("message"), str)


def error_frame(message: str, flow: Optional[str]) -> str:
    """A blocked stream's last chunk, in the shape NeMo's own streamed output rails use."""
    return json.dumps(
        {
            "error": {
                "message": message,
                "type": "guardrails_violation",
                "param": flow or "output rails",
                "code": "content_blocked",
            }
        }
    )


def _entity_ish(word: str) -> bool:
    """Whether a whole word may be part of an entity that goes on into the next word.

    Digits (phone numbers, cards, IBANs, IPs, codes), capitals (names, places,
    IBAN country codes, postcodes), glue words inside names and numbers, and
    bare punctuation (separators: ``-``, ``/``, ``(``). A lowercase word of
    letters ends every multi-word pattern the recognizers have.
    """
    core = word.strip(".,;:!?\"'()[]{}")
    if not core:
        return True
    if any(c.isdigit() or c.isupper() for c in core):
        return True
    return word.lower() in _GLUE or core.lower() in _GLUE


def pipeline_reach(pipeline: Any) -> Optional[int]:
    """How many tokens to the right a spaCy pipeline's tags and entities can depend on.

    A CNN tok2vec (``MaxoutWindowEncoder``/``MishWindowEncoder``) of depth d and
    window w sees d·w tokens on each side; the NER and tagger decide a token
    from vectors of that token and the ones before it. ``None`` when a
    component's reach is not bounded that way (transformers, unknown layers).
    """
    try:
        config = pipeline.config
    except AttributeError:
        return None
    reach = 0
    found = False

    def walk(node: Any) -> bool:
        nonlocal reach, found
        if isinstance(node, dict):
            arch = str(node.get("@architectures", ""))
            # A HashEmbedCNN is a window encoder under another name (spaCy's default tok2vec).
            if "WindowEncoder" in arch or "HashEmbedCNN" in arch:
                reach = max(reach, int(node.get("depth", 0)) * int(node.get("window_size", 0)))
                found = True
            elif "ransformer" in arch or "TransformerListener" in arch:
                return False
            return all(walk(v) for v in node.values())
        if isinstance(node, (list, tuple)):
            return all(walk(v) for v in node)
        return True

    components = config.get("components", {})
    for name in getattr(pipeline, "pipe_names", []):
        if not walk(components.get(name, {})):
            return None
    return reach if found else 0


class _Reach(NamedTuple):
    tokens: int  # pipeline tokens a word's tags and entities can depend on, to its right
    words: int  # whole words to its right: the patterns', or an unbounded pipeline's
    tokenizers: Tuple[Any, ...]  # the pipelines' own, to count a word's tokens


_REACH: "weakref.WeakKeyDictionary[PiiEngine, _Reach]" = weakref.WeakKeyDictionary()


def right_context(engine: PiiEngine) -> _Reach:
    """What must follow a word before the stream lets it go.

    A word's tokens are final once whitespace follows it (spaCy's tokens never
    cross whitespace), so the widest pipeline's reach, counted in the tokens of the
    complete words after it, is enough; and never fewer than
    :data:`PATTERN_REACH_WORDS` words, which the pattern recognizers need with or
    without a pipeline. Counting tokens, not words, lets a name go one word sooner
    where punctuation follows it ("Ada Lovelace can help, call ..."): "help," is two.
    """
    cached = _REACH.get(engine)
    if cached is not None:
        return cached
    reaches: List[Optional[int]] = []
    tokenizers: Tuple[Any, ...] = ()
    nlp_engine = getattr(engine.analyzer, "nlp_engine", None)
    nlp_engine = getattr(nlp_engine, "inner", nlp_engine)
    pipelines = getattr(nlp_engine, "nlp", None)
    if isinstance(pipelines, dict):
        reaches = [pipeline_reach(p) for p in pipelines.values()]
        tokenizers = tuple(p.tokenizer for p in pipelines.values())
    elif nlp_engine is not None:
        reaches = [None]  # an NLP engine that is not spaCy's: nothing bounds it
    if getattr(engine.settings, "ner_parser", False) and reaches:
        # Sentence starts from the dependency parser bound NER entities, and a
        # parse can hang on any later word: no window bounds it.
        reaches.append(None)
    bounded = [r for r in reaches if r is not None]
    if len(bounded) < len(reaches):
        words = UNBOUNDED_REACH_WORDS
        log.info("pii_rails: streamed answers hold %d words of right context (NER reach unknown)", words)
        reach = _Reach(0, UNBOUNDED_REACH_WORDS, ())
    else:
        reach = _Reach(max(bounded, default=0), PATTERN_REACH_WORDS, tokenizers)
    _REACH[engine] = reach  # one engine, one set of pipelines
    return reach


def right_context_words(engine: PiiEngine) -> int:
    """Complete words that always suffice after a word (each holds at least one token)."""
    reach = right_context(engine)
    return max(reach.tokens, reach.words)


_Recognizers = Tuple[Tuple[Optional[lowercase.StartRule], Tuple[str, ...]], ...]
_RECOGNIZERS: "weakref.WeakKeyDictionary[PiiEngine, _Recognizers]" = weakref.WeakKeyDictionary()


def output_recognizers(engine: PiiEngine) -> _Recognizers:
    """(lower-case start rule, entity types) of every recognizer that reports an entity the output
    rail looks for (all languages: which one an answer is read in is not known before it is
    written). The rules are detection's, by the recognizer's name, so the stream releases a word
    only where detection would cut a span beginning on it."""
    cached = _RECOGNIZERS.get(engine)
    if cached is not None:
        return cached
    wanted = set(engine.settings.rail("output").entities)
    found = []
    for recognizer in engine.analyzer.registry.recognizers:
        entities = tuple(e for e in recognizer.supported_entities if e in wanted)
        if entities:
            found.append((engine.detector.start_rules.get(str(recognizer.name)), entities))
    _RECOGNIZERS[engine] = result = tuple(found)
    return result


class StreamRewriter:
    """The text logic of :class:`GuardedStream`: feed chunks, get releasable text.

    ``flow`` is ``"mask"`` (apply the output rail's policy) or ``"detect"``
    (block where the policy would mask); ``mask=False`` only restores.
    """

    def __init__(
        self,
        engine: PiiEngine,
        vault: Vault,
        mask: bool,
        flow: Flow = "mask",
        flow_name: Optional[str] = None,
        check_share: float = CHECK_SHARE,
    ):
        self.engine = engine
        self.vault = vault
        self.mask = mask
        self.flow = flow
        self.flow_name = flow_name
        self.blocked = False
        # The error frame that ends a blocked stream (its text when there is no frame to send).
        self.block_text = ""
        self._buffer = ""
        # Released text as the model wrote it, the detector's left context.
        self._released = ""
        # Values masked so far in this answer: masked again wherever they recur.
        self._found: Dict[str, Span] = {}
        # Buffer length when the last attempt released nothing: until a new
        # word boundary or a new word's first letter arrives, another attempt
        # cannot release more.
        self._stalled_at: Optional[int] = None
        self._reach = right_context(engine) if mask else _Reach(0, 0, ())
        self._token_counts: Dict[str, int] = {}
        self._next_check = 0.0
        self._pause = 1 / check_share - 1  # after a check, this many times its duration

    def feed(self, text: str) -> str:
        self._buffer += text
        return self._release(final=False)

    def finish(self) -> str:
        return self._release(final=True)

    def discard(self) -> None:
        self._buffer = ""

    @property
    def held(self) -> str:
        return self._buffer

    def _release(self, final: bool) -> str:
        if self.blocked or not self._buffer:
            return ""
        if self.mask:
            try:
                return self._release_masked(final)
            except Exception as exc:
                log.error("pii_rails: output check failed on a streamed answer (%s)", type(exc).__name__)
                if not self.engine.settings.fail_open:
                    self._block(FAILURE_BLOCK_MESSAGE)
                    return ""
        cut = len(self._buffer) if final else self.vault.pending(self._buffer)
        piece, self._buffer = self._buffer[:cut], self._buffer[cut:]
        return self.vault.restore(piece)[0] if self.engine.settings.restores else piece

    def checked_frame(self, frame: str) -> str:
        """An error frame with its message checked like the answer: a model's error
        text can quote what it was sent or made up."""
        if not self.mask:
            return frame
        payload = json.loads(frame)
        try:
            checked = self.engine.guard(payload["error"]["message"], "output", vault=self.vault)
            payload["error"]["message"] = FAILURE_BLOCK_MESSAGE if checked.blocked else checked.text
        except Exception as exc:
            log.error("pii_rails: output check failed on a stream's error frame (%s)", type(exc).__name__)
            payload["error"]["message"] = FAILURE_BLOCK_MESSAGE
        return json.dumps(payload)

    def _block(self, message: str) -> None:
        self.blocked, self._buffer = True, ""
        self.block_text = error_frame(message, self.flow_name)

    def open_tail(self, buffer: str) -> int:
        """Where the text that may still change begins: nothing before it can become
        part of an entity, or be detected differently, whatever arrives next.

        Held from the earliest of:
        * the last word, while no whitespace follows it ("4111", "Gra", "ada@ex");
        * the trailing run of words that may continue one entity into the next
          word (:func:`_entity_ish`: "+1 415 555", "Grace", "DE89 3704",
          "221B Baker"), with the first word after it still to come;
        * the last complete words that hold fewer than :func:`right_context`'s
          tokens or words, whose NER tags and POS tags (and so names and context
          scores) can still change;
        * a private key block without its END line yet;
        * a placeholder still forming (``<PERSON_`` -> ``<PERSON_1>``);
        except the function words that follow what goes out (:meth:`_past_openers`), which go at once.
        """
        n = len(buffer)
        words = [(m.start(), m.group()) for m in _WORD.finditer(buffer)]
        if not words:
            return n
        limit = n
        complete = words
        if not buffer[-1].isspace():
            limit = words[-1][0]
            complete = words[:-1]
        if self._reach.tokens or self._reach.words:
            limit = min(limit, self._right_context_start(complete))
        for start, word in reversed(complete):
            if not _entity_ish(word):
                break
            limit = min(limit, start)
        begins = list(_KEY_BEGIN.finditer(buffer))
        if begins and not _KEY_END.search(buffer, begins[-1].start()):
            limit = min(limit, begins[-1].start())
        return self._past_openers(buffer, complete, min(limit, self.vault.pending(buffer)))

    def _right_context_start(self, complete: List[Tuple[int, str]]) -> int:
        """Where the fewest trailing complete words that hold the reach begin (0: not yet)."""
        need_tokens, need_words = self._reach.tokens, self._reach.words
        held = tokens = 0
        while held < len(complete) and (tokens < need_tokens or held < need_words):
            held += 1
            tokens += self._tokens_of(complete[-held][1])
        if tokens < need_tokens or held < need_words:
            return 0
        return complete[-held][0]

    def _tokens_of(self, word: str) -> int:
        """The fewest tokens any of the pipelines cuts ``word`` into (a bound from below, so
        never less right context than every pipeline needs)."""
        count = self._token_counts.get(word)
        if count is None:
            if not self._reach.tokenizers:
                count = 1
            else:
                with spacy_pipelines.LOCK:  # tokenizing adds to the pipeline's shared vocabulary
                    count = min(len(tokenizer(word)) for tokenizer in self._reach.tokenizers)
            if len(self._token_counts) > 4096:
                self._token_counts.clear()
            self._token_counts[word] = count
        return count

    def _past_openers(self, buffer: str, complete, held: int) -> int:
        """``held`` moved past the complete words at its start that no entity may begin with
        ("Sure,", "The", "I", "here": :func:`never_starts`).

        Everything before ``held`` goes out, and where it ends no entity goes on (that is what
        the right context above settles); detection never starts an entity on such a word
        (:mod:`pii_rails.detection.openers` trims them off every span, in a stream and in a whole
        answer alike); so no entity can hold it, whatever comes next, and it need not wait for
        right context. A word after one that is held stays held.
        """
        for start, word in complete:
            if start + len(word) <= held:
                continue
            end = start + len(word)
            before = self._released + buffer[:start]
            if start < held or buffer[held:start].strip():
                break
            if not (never_starts(word, before, buffer[end:], ended=False) or self._no_lower_start(word, before)):
                break
            held = start + len(word)
            ws = _WORD.search(buffer, held)
            held = ws.start() if ws else len(buffer)
        return held

    def _no_lower_start(self, word: str, before: str) -> bool:
        """Whether ``word`` is a plain lower-case word no span can begin on: no recognizer the
        output rail runs may begin one there (:mod:`pii_rails.detection.lowercase`, which detection
        enforces), and no value this conversation knows or this answer masked begins with it
        (those are found again wherever they recur, whatever recognized them)."""
        core = plain_core(word)
        if core is None or (("'" in core or "’" in core) and (len(self.vault) or self._found)):
            return False  # a known value may begin after the apostrophe ("o'brien")
        if lowercase.may_start(output_recognizers(self.engine), word, before):
            return False
        folded = core.casefold()
        if any(" ".join(value.split()).casefold().startswith(folded) for value in self._found):
            return False
        return not self.vault.knows_value_starting(core)

    def _release_masked(self, final: bool) -> str:
        buffer = self._buffer
        if final:
            cut = len(buffer)
        else:
            stalled = self._stalled_at
            if (
                stalled is not None
                and not _WHITESPACE.search(buffer, stalled)
                # The first letter after a space says whether a capitalised function word
                # before it may go (:func:`~pii_rails.detection.openers.never_starts`).
                and not (0 < stalled < len(buffer) and buffer[stalled - 1].isspace())
            ):
                return ""
            # Until the first text goes out the checks are not paced: the time to the
            # first token is what a reader waits on, and each check runs once per word.
            if self._released and time.monotonic() < self._next_check:
                return ""
            cut = self._boundary(buffer, self.open_tail(buffer))
            if cut <= 0 and len(buffer) > HOLD_LIMIT:
                cut = self._boundary(buffer, len(buffer) - HOLD_KEEP)
            if cut <= 0:
                self._stalled_at = len(buffer)
                return ""
        context = self._left_context()
        text = context + buffer
        offset = len(context)
        started = time.monotonic()
        spans = [
            Span(s.entity_type, max(s.start, offset) - offset, s.end - offset, s.score, s.recognizer)
            for s in self.engine.detect(text, "output")
            if s.end > offset  # spans of released text were decided with it
        ]
        ended = time.monotonic()
        self._next_check = ended + (ended - started) * self._pause
        if not final:
            cut = self._outside(buffer, cut, spans)
            if cut <= 0:
                self._stalled_at = len(buffer)
                return ""
        self._stalled_at = None
        piece = buffer[:cut]
        inside = [s for s in spans if s.end <= cut]
        inside = self._with_found(piece, inside)
        result = self.engine.guard(piece, "output", flow=self.flow, vault=self.vault, spans=inside)
        self._buffer = buffer[cut:]
        self._released = (self._released + piece)[-2 * LEFT_CONTEXT :]
        if result.blocked:
            template = self.engine.settings.rail("output").block_message or self.engine.settings.block_message
            self._block(block_message(template, result.blocking_spans))
            return ""
        for decision in result.decisions:
            if decision.masked:
                self._found.setdefault(piece[decision.span.start : decision.span.end], decision.span)
        return result.text

    def _left_context(self) -> str:
        """The end of the released text, from a word boundary, at least :data:`LEFT_CONTEXT`
        characters of it (the lower-case rules read :data:`~pii_rails.detection.lowercase.WINDOW`
        characters before a word, and must see here what they see in the whole answer)."""
        released = self._released
        if len(released) <= LEFT_CONTEXT:
            return released
        start = len(released) - LEFT_CONTEXT
        # The last whitespace at or before ``start``, searched backwards: a forward scan read
        # the whole released text on every release, quadratic over a long answer.
        m = _LAST_WHITESPACE.search(released, 0, start + 1)
        return released[m.end() :] if m else released

    def _with_found(self, piece: str, spans: List[Span]) -> List[Span]:
        """Add occurrences in ``piece`` of values masked earlier in the answer, as a
        whole answer masks every occurrence of a value it found once."""
        if not self._found:
            return spans
        taken = [(s.start, s.end) for s in spans]
        extra = []
        for value, span in self._found.items():
            for m in regex.finditer(r"(?<!\w)" + regex.escape(value) + r"(?!\w)", piece):
                if not any(m.start() < b and a < m.end() for a, b in taken):
                    taken.append((m.start(), m.end()))
                    extra.append(Span(span.entity_type, m.start(), m.end(), span.score, span.recognizer))
        return sorted([*spans, *extra], key=lambda s: s.start) if extra else spans

    def _outside(self, buffer: str, cut: int, spans) -> int:
        """``cut`` moved back, at whitespace, until no detected entity crosses it."""
        moved = True
        while moved and cut > 0:
            moved = False
            for span in spans:
                if span.start < cut < span.end:
                    cut, moved = self._boundary(buffer, span.start + 1), True
        return cut

    @staticmethod
    def _boundary(text: str, limit: int) -> int:
        """Just after the last whitespace before ``limit`` (0 if there is none)."""
        if limit <= 0:
            return 0
        last = None
        for m in _WHITESPACE.finditer(text, 0, limit):
            last = m.end()
        return last or 0


_END = object()
# Put in the queue when the LLM boundary reports a finished completion (see ModelEnd).
_MODEL_DONE = object()


class GuardedStream:
    """An async iterator over ``stream_async``'s chunks, rewritten by :class:`StreamRewriter`.

    A reader task takes the chunks as NeMo produces them; each step checks all
    text that arrived meanwhile at once, so a slow check never falls behind a
    fast model by more than one check. The conversation's vault is made current
    in the reader, because NeMo runs streaming output rails in the consumer's
    task, not the generation's.
    """

    def __init__(
        self,
        inner: AsyncIterator[Any],
        engine: PiiEngine,
        vault: Vault,
        mask: bool,
        on_end=None,
        flow: Flow = "mask",
        flow_name: Optional[str] = None,
        model_end: Optional[ModelEnd] = None,
        settle: bool = True,
    ):
        self._inner = inner
        self._vault = vault
        self._mask = mask
        self._rewriter = StreamRewriter(engine, vault, mask, flow=flow, flow_name=flow_name)
        # Where the LLM boundary reports the model's completions (given when NeMo starts
        # the model call before the first read), and the text received since the last one.
        self._model_end = model_end if model_end is not None else ModelEnd()
        self._unsettled: List[str] = []
        # Off while other output rails check NeMo's chunks: one of them may still block
        # text that already reached this stream (stream_first), and what it holds must go.
        self._settles = settle
        self._ready: Deque[Any] = collections.deque()
        self._done = False
        self._on_end = on_end
        self._queue: Optional[asyncio.Queue] = None
        self._reader: Optional[asyncio.Task] = None

    def __aiter__(self) -> "GuardedStream":
        return self

    async def _read(self) -> None:
        assert self._queue is not None
        try:
            async for chunk in self._inner:
                self._queue.put_nowait(chunk)
        except BaseException as exc:  # handed to the consumer, which fails closed
            self._queue.put_nowait(_Failure(exc))
            if isinstance(exc, asyncio.CancelledError):
                raise
        finally:
            self._queue.put_nowait(_END)

    def _start(self) -> None:
        queue: asyncio.Queue = asyncio.Queue()
        self._queue = queue
        self._model_end.wake = lambda: queue.put_nowait(_MODEL_DONE)
        if self._model_end.texts:
            queue.put_nowait(_MODEL_DONE)
        checking = checking_output() if self._mask else contextlib.nullcontext()
        with vaults.use(self._vault), checking, watching_model(self._model_end):
            self._reader = asyncio.ensure_future(self._read())

    async def __anext__(self) -> Any:
        while not self._ready:
            if self._done:
                raise StopAsyncIteration
            if self._reader is None:
                self._start()
            assert self._queue is not None
            items = [await self._queue.get()]
            while not self._queue.empty():
                items.append(self._queue.get_nowait())
            await self._take_all(items)
        return self._ready.popleft()

    async def _take_all(self, items: List[Any]) -> None:
        text: List[str] = []

        async def flush() -> None:
            if text and not self._rewriter.blocked:
                joined = "".join(text)
                text.clear()
                self._unsettled.append(joined)
                self._emit(await self._in_vault(self._rewriter.feed, joined))
                await self._settle()
            text.clear()

        for item in items:
            if self._done:
                return
            if item is _MODEL_DONE:
                await flush()
                if not await self._settle() and not self._may_settle():
                    self._model_end.answer()  # NeMo changed the text: the boundary reads the completion
                continue
            if isinstance(item, str) and not _is_error_frame(item):
                if self._mask:
                    text.append(item)
                else:
                    # Restoring only is cheap: chunk by chunk, in the loop, as the model sends them.
                    with vaults.use(self._vault):
                        self._emit(self._rewriter.feed(item))
                continue
            await flush()
            if self._rewriter.blocked:
                self._end_blocked()
            elif item is _END:
                self._emit(await self._in_vault(self._rewriter.finish))
                if self._rewriter.blocked:
                    self._ready.append(self._rewriter.block_text)
                self._done = True
                self._ended()
            elif isinstance(item, _Failure):
                # Held text was not checked whole: it goes nowhere.
                self._rewriter.discard()
                self._done = True
                self._ended()
                raise item.exc
            elif isinstance(item, str):
                # An error frame: held text was not checked whole yet (it may be half a card number).
                self._rewriter.discard()
                self._ready.append(await self._in_vault(self._rewriter.checked_frame, item))
            elif isinstance(item, dict) and isinstance(item.get("text"), str):
                self._unsettled.append(item["text"])
                released = await self._in_vault(self._rewriter.feed, item["text"])
                if self._rewriter.blocked:
                    self._end_blocked()
                elif released or item.get("generation_info"):
                    self._ready.append({**item, "text": released})
            else:
                self._ready.append(item)
        await flush()
        if self._rewriter.blocked:
            self._end_blocked()

    async def _settle(self) -> int:
        """Release the held text once everything received is a completion the model finished;
        how many completions were so checked whole.

        The held words wait for right context that can only come from the model; when its
        call has returned and every character of it is here, they are checked as the end
        of the answer, as NeMo's own end would check them later. Text NeMo changed on the
        way (a stripped prefix, a rail's rewrite) matches no completion: it waits for the end.
        """
        if not (self._mask and self._settles and self._model_end.texts) or self._rewriter.blocked or self._done:
            return 0
        received = "".join(self._unsettled).strip()
        if not received:
            return 0
        for i, completion in enumerate(self._model_end.texts):
            if completion.strip() == received:
                del self._model_end.texts[: i + 1]
                self._unsettled.clear()
                self._emit(await self._in_vault(self._rewriter.finish))
                if self._rewriter.blocked:
                    self._end_blocked()
                    return 0
                self._model_end.answer(i + 1)
                return i + 1
        return 0

    def _may_settle(self) -> bool:
        """Whether text still on its way may make what was received a finished completion."""
        if not (self._mask and self._settles) or self._rewriter.blocked or self._done:
            return False
        received = "".join(self._unsettled).strip()
        return any(completion.strip().startswith(received) for completion in self._model_end.texts)

    async def _in_vault(self, fn, *args: Any) -> str:
        def run() -> str:
            with vaults.use(self._vault):
                return fn(*args)

        return await asyncio.to_thread(run)

    def _end_blocked(self) -> None:
        """The block message ends the stream; the rest of the answer is not read."""
        if self._done:
            return
        self._ready.append(self._rewriter.block_text)
        self._done = True
        self._ended()
        if self._reader is not None:
            self._reader.cancel()

    def _emit(self, text: Optional[str]) -> None:
        if text:
            self._ready.append(text)

    def _ended(self) -> None:
        self._model_end.close()
        if self._on_end is not None:
            on_end, self._on_end = self._on_end, None
            on_end()

    async def aclose(self) -> None:
        self._done = True
        self._ended()
        if self._reader is not None:
            self._reader.cancel()
        close = getattr(self._inner, "aclose", None)
        if close is not None:
            try:
                await close()
            except RuntimeError:
                pass  # the reader task is still closing it


class _Failure:
    def __init__(self, exc: BaseException):
        self.exc = exc
