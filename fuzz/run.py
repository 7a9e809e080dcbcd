"""Long fuzzing runs, outside the test suite: ``python fuzz/run.py [--minutes N]``.

Two targets, each for half the time, with Hypothesis and a large budget:

* the config loader: any mapping under ``custom_data.pii_rails`` either loads
  or raises ``ConfigError`` naming a key path -- never another exception;
* the masking path: any text (any Unicode, lone surrogates and control
  characters included) with inserted values and placeholder-looking literals
  masks and restores to itself, and inserted values that were found are gone.

Prints every failure Hypothesis finds (shrunk) and exits non-zero if any.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import traceback
from pathlib import Path

os.environ.setdefault("NEMO_GUARDRAILS_NO_USAGE_STATS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from pii_rails.engine import PiiEngine  # noqa: E402
from pii_rails.errors import ConfigError, ModelUnavailableError  # noqa: E402
from pii_rails.settings import settings_from_mapping  # noqa: E402
from test_properties import ENTITIES, _join, documents  # noqa: E402

KEYS = ["language", "model", "regex_only", "fail_open", "reversible", "logging_only", "block_message",
        "input", "output", "retrieval", "recognizers", "vault", "audit", "llm_boundary"]  # fmt: skip
RAIL_KEYS = ["entities", "score_threshold", "action", "placeholder", "policies", "below_threshold_action", "restore"]
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-5, 5), st.floats(allow_nan=True), st.text(max_size=12),
    st.sampled_from(["mask", "block", "flag", "review", "pass", "numbered", "fake", "PERSON", "EMAIL_ADDRESS",
                     "(a|aa)+$", "[", "en", "xx", "{index}", "<{entity_type}_{index}>"]),
)  # fmt: skip
values = st.recursive(
    scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(RAIL_KEYS + KEYS), inner, max_size=4),
    max_leaves=12,
)
configs = st.dictionaries(st.sampled_from(KEYS), values, max_size=6)


def fuzz_config_loader(examples: int) -> list:
    failures = []

    @settings(max_examples=examples, deadline=None, database=None)
    @given(data=configs)
    def loads_or_names_the_key(data):
        try:
            settings_from_mapping(data)
        except ConfigError as exc:
            assert exc.path.startswith("custom_data.pii_rails"), exc.path
        except ModelUnavailableError:
            pass

    try:
        loads_or_names_the_key()
    except Exception:
        failures.append(traceback.format_exc())
    return failures


_engine = []


def fuzz_masking(examples: int) -> list:
    # Built once, outside the calibration's timing.
    if not _engine:
        _engine.append(PiiEngine.from_dict({"reversible": True, "input": {"entities": ENTITIES}, "output": {"entities": ENTITIES}}))
    engine = _engine[0]
    failures = []
    any_text = st.text(max_size=300)  # surrogates and control characters included

    @settings(max_examples=examples, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(parts=documents(), noise=any_text)
    def round_trips(parts, noise):
        text, inserted = _join(parts)
        text = f"{noise} {text} {noise[::-1]}"
        vault = engine.vault()
        spans = engine.detect(text)
        masked = engine.guard(text, vault=vault, spans=spans, audit=False).text
        assert vault.restore(masked)[0] == text
        found = {text[s.start : s.end] for s in spans}
        for value in inserted:
            if value in found:
                assert value not in masked

    try:
        round_trips()
    except Exception:
        failures.append(traceback.format_exc())
    return failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=5.0)
    args = parser.parse_args()
    start = time.monotonic()
    # Hypothesis counts examples, not seconds: calibrate on a first batch.
    found = []
    fuzz_masking(1)  # load the model before timing anything
    for name, target, rate_probe in (("config loader", fuzz_config_loader, 200), ("masking", fuzz_masking, 50)):
        budget = args.minutes * 30
        t0 = time.monotonic()
        found += target(rate_probe)
        per_example = max((time.monotonic() - t0) / rate_probe, 1e-4)
        examples = max(int(budget / per_example) - rate_probe, 0)
        found += target(examples)
        print(f"{name}: {rate_probe + examples} examples in {time.monotonic() - t0:.0f}s, {len(found)} failure(s) so far")
    print(f"total {time.monotonic() - start:.0f}s")
    for failure in found:
        print(failure)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
