"""Build the demo rails, play the scripted conversation, print what happened.

Everything goes through a real NeMo ``LLMRails`` built from ``config/``; the
only stand-in is the LLM, unless a real one is given. The report comes from
two places: the model recorder (what the LLM received and answered) and NeMo's
own generation log (what each pii-rails action decided).
"""

from __future__ import annotations

import argparse
import os
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, List, Optional, Sequence, TextIO, Tuple

from nemoguardrails import LLMRails, RailsConfig
from nemoguardrails.actions.rail_outcome import RailOutcome
from nemoguardrails.llm.filters import first_turns, verbose_v1
from nemoguardrails.rails.llm.config import Model

from pii_rails.nemo import binding as plugin
from pii_rails.nemo.iorails import ADVICE
from pii_rails.nemo.registry import nemo_engine, why_not_iorails
from pii_rails.demo import on_iorails
from pii_rails.demo.model import EMBEDDED_ENGINE, Call, RecordingModel
from pii_rails.settings import SOURCES

CONFIG_DIR = Path(__file__).resolve().parent / "config"
ENV_BASE_URL = "PII_RAILS_DEMO_BASE_URL"
ENV_MODEL = "PII_RAILS_DEMO_MODEL"

_CONTEXT_MARK = "# This is some additional context:"
_CONVERSATION_MARK = "# This is the current conversation between the user and the bot:"
_TAIL_LINES = 20
WIDTH = 78


@dataclass(frozen=True)
class Turn:
    """One scripted user message, what it shows, and the raw values it carries."""

    shows: str
    text: str
    pii: Tuple[str, ...] = ()
    # Served by freshly built rails, as by another server worker: NeMo then has
    # no masked copy of earlier turns and rebuilds them from the raw messages.
    new_worker: bool = False
    note: str = ""
    # Whether the demo replays it on IORails, which serves no retrieval rails.
    iorails: bool = True


SCRIPT: Tuple[Turn, ...] = (
    Turn(
        "input masking: name, e-mail address, phone number",
        "Hi, I'm Maria Gonzalez. My e-mail is maria.gonzalez@example.com and my phone is (212) 555-0147.",
        ("Maria Gonzalez", "maria.gonzalez@example.com", "(212) 555-0147"),
    ),
    Turn(
        "retrieval masking: the order record holds personal data",
        "Can you check the status of my order 10482?",
        iorails=False,
    ),
    Turn(
        "detection blocking: an SSN is refused, not sent",
        "My SSN is 219-09-9999, please add it to my account.",
        ("219-09-9999",),
    ),
    Turn(
        "output masking: the model adds contact details",
        "Who can I talk to if the package does not arrive?",
    ),
    Turn(
        "multi-turn: the raw history is masked too",
        "Please send the receipt to the e-mail address I gave you earlier.",
        new_worker=True,
        note="This turn is served by freshly built rails, as by another worker after a restart. "
        "NeMo has no masked copy of the earlier turns, so it rebuilds them from the raw messages "
        "the app sent, the blocked SSN message included; pii-rails masks them at the LLM boundary.",
    ),
)

# The personal data in config/kb/orders.md, which must not reach the model either.
KB_PII: Tuple[str, ...] = (
    "Maria Gonzalez",
    "maria.gonzalez@example.com",
    "(212) 555-0147",
    "Tom Becker",
    "tom.becker@example.org",
    "(415) 555-0198",
)


@dataclass
class TurnResult:
    turn: Turn
    reply: str
    calls: List[Call]
    outcomes: List[Tuple[str, str, RailOutcome]]  # (source, flow, outcome)


# --- building the rails -------------------------------------------------------


def load_config(base_url: Optional[str], model: Optional[str]) -> RailsConfig:
    """The demo config; with ``model``, its main model is an OpenAI-compatible endpoint.

    This is what a ``config.yml`` entry ``{type: main, engine: openai, model: ...,
    parameters: {base_url: ...}}`` gives; the API key comes from ``OPENAI_API_KEY``.
    """
    config = RailsConfig.from_path(str(CONFIG_DIR))
    if model:
        parameters = {"base_url": base_url} if base_url else {}
        config.models = [Model(type="main", engine="openai", model=model, parameters=parameters)]
    return config


def build_rails(config: RailsConfig) -> Tuple[LLMRails, RecordingModel]:
    """Real ``LLMRails``, with a recorder between pii-rails' boundary and the model.

    The rails build the main model from the config and pii-rails wraps it so
    every prompt is masked; the recorder goes inside that wrapper, so it sees
    exactly what leaves for the model.
    """
    rails = LLMRails(config)
    model = rails.llm
    inner = getattr(model, "inner", model)  # pii-rails' boundary wrapper exposes the model it wraps
    recorder = RecordingModel(inner)
    rails.update_llm(recorder)
    return rails, recorder


# --- playing the script --------------------------------------------------------


def pii_outcomes(log: Any, config: RailsConfig) -> List[Tuple[str, str, RailOutcome]]:
    """What each pii-rails action decided this turn, from NeMo's generation log.

    Listing stops at a block: that is where the turn ended for the user, even
    though NeMo still runs the retrieval step of the canned block message.
    """
    found: List[Tuple[str, str, RailOutcome]] = []
    for rail in getattr(log, "activated_rails", None) or []:
        previous: Optional[RailOutcome] = None
        for executed in rail.executed_actions:
            outcome = executed.return_value
            if not isinstance(outcome, RailOutcome) or outcome.metadata.get("source") not in SOURCES:
                continue
            # The flows hand an action's outcome on through a second action
            # (pii_rails_outcome) that returns it again: one decision, listed once.
            same = previous is not None and (outcome is previous or outcome == previous)
            previous = outcome
            if same:
                continue
            source = outcome.metadata["source"]
            # Retrieval rails run inside NeMo's "generate bot message" step; name the configured flow.
            configured = list(getattr(config.rails, source).flows)
            flow = rail.name if rail.type == source or len(configured) != 1 else configured[0]
            found.append((source, flow, outcome))
            if outcome.is_blocked:
                return found
    return found


def play(
    rails: LLMRails,
    recorder: RecordingModel,
    script: Sequence[Turn],
    new_worker: Callable[[], Tuple[LLMRails, RecordingModel]],
) -> Iterator[TurnResult]:
    """Send each scripted message with the whole conversation so far, as typed, as a chat app would.

    Yields each turn as soon as it is done, so a slow real model shows progress.
    """
    messages: List[dict] = []
    for turn in script:
        if turn.new_worker:
            rails, recorder = new_worker()
        messages.append({"role": "user", "content": turn.text})
        before = len(recorder.calls)
        response = rails.generate(messages=messages, options={"log": {"activated_rails": True}})
        reply = response.response[0]["content"]
        messages.append({"role": "assistant", "content": reply})
        yield TurnResult(turn, reply, recorder.calls[before:], pii_outcomes(response.log, rails.config))


def leaks(calls: Iterable[Call], values: Iterable[str]) -> List[str]:
    """The raw values that appear in anything the model received."""
    sent = "\n".join(call.prompt for call in calls)
    return [value for value in dict.fromkeys(values) if value in sent]


# --- the report ------------------------------------------------------------------


def prompt_excerpt(prompt: str, sample_conversation: str) -> List[str]:
    """The part of a prompt that changes per turn: retrieved context and the conversation.

    NeMo's bot-message prompt starts with fixed text (instructions, the sample
    conversation, example bot messages). Any other prompt shape falls back to
    its last lines.
    """
    if _CONVERSATION_MARK not in prompt:
        lines = prompt.splitlines()
        cut = lines[-_TAIL_LINES:]
        return ([f"... ({len(lines) - len(cut)} earlier lines)"] if len(lines) > len(cut) else []) + cut
    head, conversation = prompt.rsplit(_CONVERSATION_MARK, 1)
    excerpt: List[str] = []
    if _CONTEXT_MARK in head:
        context = head.split(_CONTEXT_MARK, 1)[1].split("\n# ", 1)[0]
        excerpt += [_CONTEXT_MARK, *[line for line in context.splitlines() if line.strip()]]
    lines = [line for line in conversation.splitlines() if line.strip()]
    # The conversation opens with two turns of sample_conversation, rendered as NeMo renders them.
    opening = verbose_v1(first_turns(sample_conversation, 2))
    sample = [line.strip() for line in opening.splitlines() if line.strip()]
    skip = 0
    while skip < min(len(lines), len(sample)) and lines[skip].strip() == sample[skip]:
        skip += 1
    excerpt.append(_CONVERSATION_MARK)
    if skip:
        excerpt.append("... (the opening turns of sample_conversation)")
    return excerpt + lines[skip:]


def _entities(outcome: RailOutcome) -> str:
    return ", ".join(
        e["entity_type"] + (f" x{e['count']}" if e["count"] > 1 else "") for e in outcome.metadata.get("entities", [])
    )


def describe(outcome: RailOutcome) -> str:
    """One line for one pii-rails decision; names entity types, never values."""
    if outcome.is_blocked:
        return f"BLOCKED ({_entities(outcome) or 'check failed'}); the LLM is not called"
    restored = outcome.metadata.get("restored") or 0
    done = []
    if outcome.is_transform and _entities(outcome):
        done.append(f"masked {_entities(outcome)}")
    if restored:
        done.append(f"restored {restored} of the user's values")
    return ", ".join(done) if done else "nothing found"


# NeMo's Colang 1.0 prompts carry its dialog bookkeeping: the intent of each
# turn. For a history rebuilt from raw messages, NeMo writes the bot's earlier
# answers on `User intent:` lines: its rendering, shown as is by --full-prompts.
_INTENT_LINE = ("User intent:", "Bot intent:")


def new_lines(lines: Sequence[str], shown: set) -> List[str]:
    """``lines`` without NeMo's intent lines, runs of lines shown in earlier turns collapsed to one note."""
    out: List[str] = []
    skipped = 0
    for line in lines:
        if line.strip().startswith(_INTENT_LINE):
            continue
        if line in shown:
            skipped += 1
            continue
        if skipped:
            out.append(f"... ({skipped} line{'s' if skipped > 1 else ''} shown in earlier turns)")
            skipped = 0
        out.append(line)
        shown.add(line)
    if skipped:
        out.append(f"... ({skipped} line{'s' if skipped > 1 else ''} shown in earlier turns)")
    return out


class Report:
    """Writes the demo's report to a text stream."""

    def __init__(self, out: TextIO, full_prompts: bool):
        self.out = out
        self.full_prompts = full_prompts
        self.shown: set = set()  # prompt lines printed so far

    def line(self, text: str = "") -> None:
        print(text, file=self.out)

    def field(self, label: str, value: str) -> None:
        self.line(f"{label:<16}{value}")

    def long_field(self, label: str, value: str) -> None:
        text = textwrap.fill(value, WIDTH - 16, break_on_hyphens=False, break_long_words=False)
        for i, part in enumerate(text.splitlines() or [""]):
            self.field(label if i == 0 else "", part)

    def block(self, label: str, lines: Iterable[str], prefix: str = "  | ") -> None:
        self.line(label)
        for text in lines:
            for part in text.splitlines() or [""]:
                self.line(prefix + part)

    def wrapped(self, label: str, text: str) -> None:
        self.line(label)
        for part in text.splitlines() or [""]:
            self.line(
                textwrap.fill(part, WIDTH, initial_indent="    ", subsequent_indent="    ", break_on_hyphens=False)
            )

    def header(self, rails: LLMRails, recorder: RecordingModel) -> None:
        engine = plugin.engine_for(rails)
        settings = engine.settings
        language = settings.language
        wanted = settings.model_for(language)
        used = engine.pipelines.get(language, "?")
        model = recorder.inner
        if model.provider_name == EMBEDDED_ENGINE:
            where = " (embedded offline model: answers from what it receives)"
        else:
            where = f" at {model.provider_url}" if model.provider_url else ""
        self.line("=" * WIDTH)
        self.line("pii-rails demo: a support chat through NeMo Guardrails LLMRails")
        self.line("=" * WIDTH)
        self.field("Config", str(CONFIG_DIR))
        self.field("", "Colang 1.0, import_paths: [pii_rails/flows/v1]")
        if wanted is None:
            note = " (the best one installed; larger ones: docs/models.md)"
        else:
            note = "" if used == wanted else f" (configured {wanted} is not installed: fallback)"
        self.field("spaCy model", used + note)
        self.field("LLM", f"{model.provider_name}/{model.model_name}{where}")
        self.long_field("NeMo engine", engine_line(rails))
        for source in SOURCES:
            flows = list(getattr(rails.config.rails, source).flows)
            self.field(f"{source} rail", ", ".join(flows) or "-")
            self.field("", "entities: " + (", ".join(settings.rail(source).entities) or "-"))
        self.field("LLM boundary", "every prompt is masked with the input rail's entities")
        self.line()
        self.line("Like a chat app, the demo sends the whole conversation, as typed, every turn.")
        if settings.restores:
            self.line("Masking is reversible: the LLM sees <PERSON_1>, the user gets their own values back.")
        if not self.full_prompts:
            self.line("Prompts are shown from the retrieved context on, without lines shown in earlier")
            self.line("turns and without NeMo's `User intent:`/`Bot intent:` bookkeeping (for a rebuilt")
            self.line("history NeMo puts the bot's answers on `User intent:` lines); --full-prompts")
            self.line("prints them whole.")

    def turn(self, number: int, total: int, result: TurnResult, sample_conversation: str) -> None:
        self.line()
        self.line(f"--- Turn {number}/{total}: {result.turn.shows} ".ljust(WIDTH, "-"))
        self.wrapped("User typed:", result.turn.text)
        if result.turn.note:
            self.wrapped("Note:", result.turn.note)
        self.line("pii-rails:")
        for source, flow, outcome in result.outcomes or []:
            self.line(f"    {source:<10} {flow}: {describe(outcome)}")
        if not result.calls:
            self.line("LLM received:")
            self.line("    nothing: no call was made this turn")
        for i, call in enumerate(result.calls, 1):
            which = f" (call {i} of {len(result.calls)})" if len(result.calls) > 1 else ""
            if self.full_prompts:
                self.block(f"LLM received{which}, the whole prompt:", [call.prompt])
            else:
                excerpt = new_lines(prompt_excerpt(call.prompt, sample_conversation), self.shown)
                self.block(f"LLM received{which}:", excerpt)
            self.wrapped("LLM answered:", call.answer)
        self.wrapped("User got:", result.reply)

    def summary(self, turns: int, calls: int, leaked: Sequence[str], checked: int, returned: int = 0) -> None:
        self.line()
        self.line("=" * WIDTH)
        self.line(f"{turns} turns, {calls} LLM calls.")
        if returned:
            self.line(f"The user got their own values back in {returned} answers; the LLM saw only placeholders.")
        if leaked:
            self.line(f"LEAK: raw personal data reached the LLM: {', '.join(leaked)}")
        else:
            self.line(
                f"Raw personal data in what the LLM received: none "
                f"(checked {checked} values typed by the user or stored in the knowledge base)."
            )

    def iorails_part(self, turns: Sequence[on_iorails.IoTurn], skipped: Sequence[Turn]) -> Tuple[List[str], int]:
        """The turns replayed on IORails, one short block each; returns what leaked and the call count."""
        self.line()
        self.line("=" * WIDTH)
        self.line("The same chat on NeMo's IORails engine: nemoguardrails.Guardrails(config)")
        self.line("=" * WIDTH)
        self.field("Config", str(on_iorails.CONFIG_DIR))
        self.field("", "input and output rails only; the SSN is refused by a block policy")
        self.field("LLM", f"the embedded model over HTTP on 127.0.0.1 (${on_iorails.ENV_UPSTREAM})")
        left_out = ", ".join(t.shows.split(":")[0] for t in skipped)
        self.long_field("Not replayed", f"{left_out}: IORails serves no retrieval rails (it runs on LLMRails above)")
        calls: List[Call] = []
        shown: set = set()
        for number, turn in enumerate(turns, 1):
            calls += turn.calls
            self.line(f"Turn {number}/{len(turns)} on {turn.engine}: {turn.shows}")
            if not turn.calls:
                self.field("  LLM received", "nothing: the turn was blocked before the model")
            for call in turn.calls:
                self.block("  LLM received (each message of the request):", new_lines(call.prompt.splitlines(), shown))
            self.long_field("  User got", turn.reply)
        values = [v for t in SCRIPT for v in t.pii] + list(KB_PII)
        return leaks(calls, values), len(calls)


def engine_line(rails: Any) -> str:
    """Which NeMo engine runs ``rails`` and, for LLMRails, why not IORails."""
    engine = nemo_engine(rails)
    if engine == "IORails":
        return engine
    reason = why_not_iorails(rails.config)
    # pii-rails' reason goes on with how to fix the configuration; the demo shows the cause.
    cause = (reason or "").split(ADVICE)[0]
    return f"{engine} (IORails cannot serve this configuration: {cause})" if cause else engine


# --- command line --------------------------------------------------------------------


def parse_args(argv: Optional[List[str]], prog: Optional[str] = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog=prog or "python -m pii_rails.demo",
        description="A scripted support chat through NeMo Guardrails with pii-rails: "
        "see what reaches the LLM, turn by turn.",
        epilog=f"Without --model (or ${ENV_MODEL}) an embedded offline model answers. "
        f"With a real model, the API key comes from $OPENAI_API_KEY.",
    )
    parser.add_argument(
        "--base-url",
        default=os.environ.get(ENV_BASE_URL),
        help=f"OpenAI-compatible endpoint, e.g. http://localhost:8000/v1 (default: ${ENV_BASE_URL}, "
        "or OpenAI's when only --model is given)",
    )
    parser.add_argument("--model", default=os.environ.get(ENV_MODEL), help=f"model name (default: ${ENV_MODEL})")
    parser.add_argument("--full-prompts", action="store_true", help="print every prompt in full")
    args = parser.parse_args(argv)
    if args.base_url and not args.model:
        parser.error(f"--base-url (or ${ENV_BASE_URL}) needs a model name: --model or ${ENV_MODEL}")
    return args


def run(argv: Optional[List[str]] = None, out: Optional[TextIO] = None, prog: Optional[str] = None) -> int:
    """Play the script and print the report; 0 when no raw personal data reached the LLM."""
    args = parse_args(argv, prog)
    out = out or sys.stdout
    report = Report(out, args.full_prompts)

    def build() -> Tuple[LLMRails, RecordingModel]:
        return build_rails(load_config(args.base_url, args.model))

    rails, recorder = build()
    report.header(rails, recorder)
    sample = rails.config.sample_conversation or ""
    calls: List[Call] = []
    typed = [v for turn in SCRIPT for v in turn.pii]
    returned = 0
    try:
        for number, result in enumerate(play(rails, recorder, SCRIPT, build), 1):
            calls += result.calls
            # Values the user typed, in an answer whose LLM side held none of them.
            back = any(v in result.reply for v in typed)
            returned += back and not any(v in c.answer for c in result.calls for v in typed)
            report.turn(number, len(SCRIPT), result, sample)
            out.flush()
    except Exception as exc:  # a real endpoint can be down or refuse the request
        if not args.model:
            raise
        print(f"error: the model at {recorder.provider_url or 'OpenAI'} failed: {exc}", file=sys.stderr)
        return 1
    values = [*[v for turn in SCRIPT for v in turn.pii], *KB_PII]
    leaked = leaks(calls, values)
    report.summary(len(SCRIPT), len(calls), leaked, len(set(values)), returned)
    if args.model:
        # The IORails part shows what its recording upstream received: the embedded model only.
        return 1 if leaked else 0
    replayed = [turn for turn in SCRIPT if turn.iorails]
    skipped = [turn for turn in SCRIPT if not turn.iorails]
    io_leaked, io_calls = report.iorails_part(list(on_iorails.play(replayed)), skipped)
    report.line(f"{len(replayed)} turns, {io_calls} LLM calls on IORails.")
    report.line("Raw personal data in what the LLM received on IORails: " + (", ".join(io_leaked) or "none") + ".")
    return 1 if leaked or io_leaked else 0
