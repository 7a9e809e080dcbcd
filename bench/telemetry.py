"""What pii-rails' OpenTelemetry costs per turn on IORails, telemetry on vs off, in one run.

    python bench/telemetry.py                 # 60 turns per variant
    python bench/telemetry.py --turns 20      # quicker

Three rails instances of one configuration (names, e-mail addresses, SSNs: NER and
patterns), their model the recording upstream on 127.0.0.1, ``generate_async`` in one
event loop, variants interleaved turn by turn (the machine may be shared):

* ``off``      the configuration as is: neither NeMo nor pii-rails emits anything;
* ``nemo``     ``tracing.enabled`` and ``metrics.enabled``, pii-rails' telemetry held off:
               NeMo's own spans and metrics only;
* ``both``     the same switches, pii-rails' spans and metrics too.

Two phases: first with no OpenTelemetry SDK in the process (the API is a no-op, what a
user who turns the switches on without exporting gets), then with the SDK exporting to
memory (``BatchSpanProcessor``, ``InMemoryMetricReader``). pii-rails' own cost is
``both - nemo``. Per turn: the median wall time and the median process CPU time.
After each phase, per text: ``PiiEngine.guard`` with pii-rails' telemetry off and on,
and the guard body alone (the cost of checking the switch when off), interleaved.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import textwrap
import time
from pathlib import Path
from typing import Any, Dict, List

os.environ.setdefault("NEMO_GUARDRAILS_NO_USAGE_STATS", "1")

from pii_rails.demo import ensure_flows_importable  # noqa: E402

ensure_flows_importable()

from nemoguardrails import Guardrails, RailsConfig  # noqa: E402

from pii_rails.masking import telemetry  # noqa: E402
from pii_rails.nemo.registry import engine_for  # noqa: E402
from pii_rails.testing.upstream import RecordingUpstream, echo_reply  # noqa: E402

CONFIG = """\
models:
  - type: main
    engine: openai
    model: gpt-4o-mini
    parameters: {{base_url: "{url}", api_key: unused}}
import_paths: [pii_rails/flows/v1]
custom_data:
  pii_rails:
    reversible: true
rails:
  config:
    sensitive_data_detection:
      input:
        entities: [PERSON, EMAIL_ADDRESS, PHONE_NUMBER, US_SSN]
      output:
        entities: [PERSON, EMAIL_ADDRESS, PHONE_NUMBER, US_SSN]
  input:
    flows: [mask sensitive data on input]
  output:
    flows: [mask sensitive data on output]
"""
SWITCHES = "tracing:\n  enabled: true\nmetrics:\n  enabled: true\n"
NAMES = ["Ada Lovelace", "Grace Hopper", "Alan Turing", "Katherine Johnson", "Tim Berners-Lee"]


def message(i: int) -> str:
    name = NAMES[i % len(NAMES)]
    user = name.split()[0].lower()
    return (
        f"Hello, I'm {name}. Please write to {user}.{i}@example.org or call 212-555-{1000 + i % 9000:04d}; "
        f"my SSN is 219-09-{1000 + i % 9000:04d} if you need it for the form. Turn {i}."
    )


def build(url: str, body: str, pii_rails_telemetry: bool) -> Any:
    path = Path(tempfile.mkdtemp(prefix="pii_rails_otel_"))
    (path / "config.yml").write_text(CONFIG.format(url=url) + body)
    if pii_rails_telemetry:
        return Guardrails(RailsConfig.from_path(str(path)), require_iorails=True)
    # NeMo's switches on, pii-rails' held off: what every build of this instance reads.
    real = telemetry.Telemetry.from_rails_config
    telemetry.Telemetry.from_rails_config = classmethod(lambda cls, config, engine: telemetry.OFF)  # type: ignore
    try:
        return Guardrails(RailsConfig.from_path(str(path)), require_iorails=True)
    finally:
        telemetry.Telemetry.from_rails_config = real  # type: ignore


async def run_phase(variants: Dict[str, Any], turns: int, offset: int) -> Dict[str, Dict[str, float]]:
    wall: Dict[str, List[float]] = {k: [] for k in variants}
    cpu: Dict[str, List[float]] = {k: [] for k in variants}
    names = list(variants)
    for name in names:  # warm-up: models, caches, connections
        await variants[name].generate_async(messages=[{"role": "user", "content": message(offset)}])
    for i in range(turns):
        order = names[i % len(names) :] + names[: i % len(names)]
        for name in order:
            text = message(offset + 1 + i)
            w0, c0 = time.perf_counter(), time.process_time()
            await variants[name].generate_async(messages=[{"role": "user", "content": text}])
            wall[name].append(time.perf_counter() - w0)
            cpu[name].append(time.process_time() - c0)
    return {k: {"wall": statistics.median(wall[k]) * 1e3, "cpu": statistics.median(cpu[k]) * 1e3} for k in names}


def install_sdk() -> Any:
    from opentelemetry import metrics, trace
    from opentelemetry.sdk.metrics import MeterProvider
    from opentelemetry.sdk.metrics.export import InMemoryMetricReader
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import BatchSpanProcessor
    from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

    spans = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(BatchSpanProcessor(spans))
    trace.set_tracer_provider(provider)
    metrics.set_meter_provider(MeterProvider(metric_readers=[InMemoryMetricReader()]))
    return provider, spans


def per_text(engine: Any, rounds: int) -> Dict[str, float]:
    """Median process-CPU µs of one guarded text (4 detections): the switch off, then on, and
    the guard body alone (what the switch's check is added to), interleaved."""
    text = message(0)
    on = telemetry.Telemetry(tracing=True, metrics=True, engine="bench")
    args = (text, "input", "mask", None, None, None, None, True, None)
    runs: Dict[str, List[float]] = {"off": [], "on": [], "body": []}
    clock = time.process_time_ns
    names = list(runs)
    for i in range(rounds):
        for name in names[i % 3 :] + names[: i % 3]:  # each variant first as often as the others
            engine.telemetry = on if name == "on" else telemetry.OFF
            t0 = clock()
            if name == "body":
                engine._guard(*args)
            else:
                engine.guard(text, "input")
            runs[name].append(clock() - t0)
    engine.telemetry = telemetry.OFF
    return {k: statistics.median(v) / 1e3 for k, v in runs.items()}


def report_text(title: str, cost: Dict[str, float]) -> None:
    print(
        f"{title}, one text: guard() off {cost['off']:.1f} µs (its body {cost['body']:.1f} µs, "
        f"{cost['off'] - cost['body']:+.1f}), on {cost['on']:.1f} µs ({cost['on'] - cost['off']:+.1f} µs)"
    )


def report(title: str, figures: Dict[str, Dict[str, float]]) -> None:
    off, nemo, both = figures["off"], figures["nemo"], figures["both"]
    print(f"\n{title}")
    print("| variant | wall ms/turn | CPU ms/turn |\n|---|---:|---:|")
    for name in ("off", "nemo", "both"):
        print(f"| {name} | {figures[name]['wall']:.2f} | {figures[name]['cpu']:.2f} |")
    print(
        f"pii-rails' share (both - nemo): wall {both['wall'] - nemo['wall']:+.2f} ms, "
        f"CPU {both['cpu'] - nemo['cpu']:+.2f} ms; all on vs off: wall {both['wall'] - off['wall']:+.2f} ms, "
        f"CPU {both['cpu'] - off['cpu']:+.2f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--turns", type=int, default=60)
    parser.add_argument("--rounds", type=int, default=2000, help="guard calls for the switch's cost")
    args = parser.parse_args()
    with RecordingUpstream(reply=echo_reply()) as up:
        variants = {
            "off": build(up.url, "", False),
            "nemo": build(up.url, SWITCHES, False),
            "both": build(up.url, SWITCHES, True),
        }
        assert not engine_for(variants["off"]).telemetry.on and engine_for(variants["both"]).telemetry.on
        assert not engine_for(variants["nemo"]).telemetry.on

        single = engine_for(variants["off"])

        async def phases() -> None:
            report("No SDK (the OpenTelemetry API is a no-op)", await run_phase(variants, args.turns, 0))
            report_text("No SDK", per_text(single, args.rounds))
            provider, spans = install_sdk()
            figures = await run_phase(variants, args.turns, 10_000)
            provider.force_flush()
            exported = [s for s in spans.get_finished_spans() if s.name == telemetry.SPAN]
            assert exported, "pii-rails exported no span with the SDK installed"
            report(f"SDK, in-memory exporters ({len(exported)} pii_rails.guard spans exported)", figures)
            report_text("SDK", per_text(single, args.rounds))

        asyncio.run(phases())
    print(textwrap.dedent(f"\npython {sys.version.split()[0]}, {os.cpu_count()} CPUs"))


if __name__ == "__main__":
    main()
