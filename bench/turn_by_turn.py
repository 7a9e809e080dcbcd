"""Turn by turn, for each example configuration: what the LLM received and what the user got.

    .venv/bin/python bench/turn_by_turn.py [example ...]

Runs the scenarios of ``compare_builtin.py`` through pii-rails only, and prints,
for every LLM call, the conversation lines at the end of the prompt, then each
turn's user message and the answer the user got.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("NEMO_GUARDRAILS_NO_USAGE_STATS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent))

import compare_builtin as cb  # noqa: E402
from nemoguardrails import LLMRails, RailsConfig  # noqa: E402

# Lines of NeMo's prompts that carry the conversation (Colang 1.0 and 2.x templates).
_CONVERSATION = ("user", "assistant", "bot")


def main(argv=None) -> int:
    wanted = set(argv if argv is not None else sys.argv[1:])
    for scenario in cb.SCENARIOS:
        if scenario.new_replica_each_turn or (wanted and scenario.example not in wanted):
            continue
        llm = cb.ScriptedLLM()
        rails = LLMRails(RailsConfig.from_path(str(cb.EXAMPLES / scenario.example)), llm=llm)
        drive = cb._v2_turns if rails.config.colang_version == "2.x" else cb._v1_turns
        replies = drive(rails, llm, scenario)
        print(f"### {scenario.name}")
        for prompt in llm.prompts:
            lines = [line.strip() for line in prompt.splitlines() if line.strip().lower().startswith(_CONVERSATION)]
            print("- LLM received (end of prompt): " + " / ".join(lines[-4:]))
        for number, (turn, reply) in enumerate(zip(scenario.turns, replies), 1):
            print(f"- turn {number}: user sent {turn.user!r}; user got {reply!r}")
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
