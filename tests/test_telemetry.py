"""pii-rails' work in the user's OpenTelemetry traces and metrics, when NeMo's switches are on.

Real rails on both engines (IORails through ``Guardrails``, and ``LLMRails``), the main model
the recording upstream on 127.0.0.1, and the OpenTelemetry SDK with in-memory exporters as the
application would install it. Every attribute, span event and metric label is searched for
the values of the message and the placeholders pii-rails wrote for them.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any, Dict, FrozenSet, Iterator, List, Tuple

import pytest
from opentelemetry import metrics, trace
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.metrics.export import InMemoryMetricReader
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from engines import ENGINES, build, config_dir
from pii_rails.masking import telemetry
from pii_rails.nemo.registry import engine_for
from pii_rails.testing.upstream import RecordingUpstream, echo_reply

NAME, EMAIL, SSN = "Ada Lovelace", "priya.raman@contoso.example", "219-09-9999"
MESSAGE = f"Hi, I'm {NAME}, mail {EMAIL} or {EMAIL.upper()}."
SECRETS = (NAME, "Lovelace", EMAIL, EMAIL.upper(), SSN, "219-09", "PERSON_1", "EMAIL_ADDRESS_1", "US_SSN_1")

RAILS = """\
import_paths: [pii_rails/flows/v1]
custom_data:
  pii_rails:
    reversible: true
    input:
      entities: [PERSON, EMAIL_ADDRESS, US_SSN]
      policies:
        US_SSN: {action: block}
    output:
      entities: [PERSON, EMAIL_ADDRESS, US_SSN]
rails:
  input:
    flows: [pii rails mask on input]
  output:
    flows: [pii rails mask on output]
"""
TRACING = "tracing:\n  enabled: true\n  adapters:\n    - name: OpenTelemetry\n"
METRICS = "metrics:\n  enabled: true\n"


class Otel:
    """The application's SDK: set once per process, as OpenTelemetry allows."""

    def __init__(self) -> None:
        self.spans = InMemorySpanExporter()
        self.reader = InMemoryMetricReader()
        provider = TracerProvider()
        provider.add_span_processor(SimpleSpanProcessor(self.spans))
        trace.set_tracer_provider(provider)
        metrics.set_meter_provider(MeterProvider(metric_readers=[self.reader]))

    def points(self) -> Dict[Tuple[str, FrozenSet[Tuple[str, Any]]], float]:
        """Cumulative value (sum, or a histogram's count) of every data point, by name and labels."""
        found: Dict[Tuple[str, FrozenSet[Tuple[str, Any]]], float] = {}
        data = self.reader.get_metrics_data()
        for resource in data.resource_metrics if data else ():
            for scope in resource.scope_metrics:
                for metric in scope.metrics:
                    for point in metric.data.data_points:
                        value = getattr(point, "value", None)
                        key = (metric.name, frozenset(dict(point.attributes or {}).items()))
                        found[key] = float(point.count if value is None else value)
        return found


_OTEL: List[Otel] = []


@pytest.fixture
def otel() -> Iterator[Otel]:
    if not _OTEL:
        _OTEL.append(Otel())
    sdk = _OTEL[0]
    sdk.spans.clear()
    yield sdk
    sdk.spans.clear()


@pytest.fixture(scope="module")
def upstream():
    with RecordingUpstream(reply=echo_reply()) as up:
        yield up


def delta(before: Dict, after: Dict, name: str) -> Dict[FrozenSet[Tuple[str, Any]], float]:
    """What each data point of ``name`` gained between two readings."""
    return {
        labels: value - before.get((metric, labels), 0.0)
        for (metric, labels), value in after.items()
        if metric == name and value != before.get((metric, labels), 0.0)
    }


def labels(**items: str) -> FrozenSet[Tuple[str, Any]]:
    return frozenset((f"pii_rails.{k}", v) for k, v in items.items())


def ours(spans) -> List[ReadableSpan]:
    return [s for s in spans if s.name == telemetry.SPAN]


def everything_said(spans, points) -> str:
    """Every attribute and event of every span, and every metric label, as one text."""
    said: List[str] = []
    for span in spans:
        said.append(json.dumps({k: str(v) for k, v in (span.attributes or {}).items()}))
        said += [json.dumps({k: str(v) for k, v in (e.attributes or {}).items()}) + e.name for e in span.events]
        said.append(span.name + str(span.status.description))
    said += [f"{name} {sorted(map(str, labels))}" for name, labels in points]
    return "\n".join(said)


def turn(rails, text: str = MESSAGE) -> str:
    """One turn through ``generate_async``, NeMo's serving path (its ``generate()`` traces nothing)."""
    result = asyncio.run(rails.generate_async(messages=[{"role": "user", "content": text}]))
    if hasattr(result, "response"):  # LLMRails answers a GenerationResponse when tracing is on
        result = result.response[0]
    return result["content"]


@pytest.mark.parametrize("engine", ENGINES)
def test_a_turn_shows_in_the_trace_and_the_metrics_without_a_value(engine, tmp_path, upstream, otel):
    rails = build(config_dir(tmp_path, upstream.url, RAILS + TRACING + METRICS), engine)
    before = otel.points()
    answer = turn(rails)
    after = otel.points()
    spans = otel.spans.get_finished_spans()

    # The turn itself was guarded: the model read placeholders, the user gets values back.
    sent = upstream.bodies[-1].decode() if isinstance(upstream.bodies[-1], bytes) else upstream.bodies[-1]
    assert EMAIL not in sent and NAME not in sent and NAME in answer

    guarded = ours(spans)
    on_input = [s for s in guarded if s.attributes[telemetry.RAIL] == "input"]
    on_output = [s for s in guarded if s.attributes[telemetry.RAIL] == "output"]
    assert len(on_input) == 1 and len(on_output) == 1, [dict(s.attributes) for s in guarded]
    span = on_input[0]
    assert span.attributes[telemetry.ENGINE] == engine
    assert span.attributes[telemetry.FLOW] == "mask"
    assert span.attributes[telemetry.OUTCOME] == "mask"
    # The address in two spellings is two detections of one type.
    assert span.attributes[telemetry.COUNT_OF + "PERSON"] == 1
    assert span.attributes[telemetry.COUNT_OF + "EMAIL_ADDRESS"] == 2
    assert span.attributes[telemetry.COUNT] == 3
    assert sorted(e.attributes[telemetry.ENTITY_TYPE] for e in span.events) == ["EMAIL_ADDRESS"] * 2 + ["PERSON"]
    assert {e.attributes[telemetry.ACTION] for e in span.events} == {"mask"}
    # The echoed placeholders came back as values on the output rail.
    assert on_output[0].attributes[telemetry.RESTORED] >= 2

    if engine == "iorails":
        # Nested in the user's trace: under NeMo's action span of the rail that called pii-rails.
        by_id = {s.context.span_id: s for s in spans}
        parent = by_id[span.parent.span_id]
        assert parent.name == "guardrails.action"
        assert by_id[parent.parent.span_id].name == "guardrails.rail"
        request = [s for s in spans if s.name == "guardrails.request"]
        assert request and span.context.trace_id == request[0].context.trace_id

    found = delta(before, after, telemetry.DETECTIONS)
    assert found[labels(rail="input", entity_type="PERSON", action="mask", engine=engine)] == 1
    assert found[labels(rail="input", entity_type="EMAIL_ADDRESS", action="mask", engine=engine)] == 2
    timed = delta(before, after, telemetry.DURATION)
    assert timed[labels(rail="input", flow="mask", outcome="mask", engine=engine)] == 1
    assert any(dict(k)["pii_rails.rail"] == "output" for k in timed)

    said = everything_said(spans, after)
    for secret in SECRETS:
        assert secret not in said, secret


def test_a_streamed_answer_is_checked_in_spans_without_a_value(tmp_path, otel):
    flows = "    flows: [pii rails mask on output]"
    streaming = RAILS.replace(flows, flows + "\n    streaming:\n      enabled: true")
    # The model writes the user's values back and an address of its own.
    with RecordingUpstream(reply=echo_reply(" Or write to desk@helpline.example today."), chunk_chars=6) as up:
        rails = build(config_dir(tmp_path, up.url, streaming + TRACING + METRICS), "iorails")
        before = otel.points()

        async def read() -> str:
            out = ""
            async for chunk in rails.stream_async(messages=[{"role": "user", "content": MESSAGE}]):
                out += chunk if isinstance(chunk, str) else str(chunk)
            return out

        answer = asyncio.run(read())
    after = otel.points()
    assert NAME in answer and EMAIL in answer and "desk@helpline.example" not in answer
    pieces = [s for s in ours(otel.spans.get_finished_spans()) if s.attributes[telemetry.RAIL] == "output"]
    assert pieces and all(s.attributes[telemetry.ENGINE] == "iorails" for s in pieces)
    assert sum(s.attributes.get(telemetry.COUNT_OF + "EMAIL_ADDRESS", 0) for s in pieces) == 1
    assert sum(s.attributes.get(telemetry.RESTORED, 0) for s in pieces) >= 1
    found = delta(before, after, telemetry.DETECTIONS)
    assert found[labels(rail="input", entity_type="EMAIL_ADDRESS", action="mask", engine="iorails")] == 2
    assert found[labels(rail="output", entity_type="EMAIL_ADDRESS", action="mask", engine="iorails")] == 1
    said = everything_said(otel.spans.get_finished_spans(), after)
    for secret in (*SECRETS, "desk@helpline.example", "helpline"):
        assert secret not in said, secret


def test_a_block_is_counted_as_one(tmp_path, upstream, otel):
    rails = build(config_dir(tmp_path, upstream.url, RAILS + TRACING + METRICS), "iorails")
    before = otel.points()
    calls = len(upstream.bodies)
    turn(rails, f"My SSN is {SSN}, I'm {NAME}.")
    after = otel.points()
    assert len(upstream.bodies) == calls  # refused before the model

    (span,) = [s for s in ours(otel.spans.get_finished_spans()) if s.attributes[telemetry.RAIL] == "input"]
    assert span.attributes[telemetry.OUTCOME] == "block"
    assert {e.attributes[telemetry.ENTITY_TYPE]: e.attributes[telemetry.ACTION] for e in span.events} == {
        "US_SSN": "block",
        "PERSON": "mask",
    }
    found = delta(before, after, telemetry.DETECTIONS)
    assert found[labels(rail="input", entity_type="US_SSN", action="block", engine="iorails")] == 1
    assert found[labels(rail="input", entity_type="PERSON", action="mask", engine="iorails")] == 1
    timed = delta(before, after, telemetry.DURATION)
    assert timed[labels(rail="input", flow="mask", outcome="block", engine="iorails")] == 1
    for secret in SECRETS:
        assert secret not in everything_said([span], after), secret


@pytest.mark.parametrize("engine", ENGINES)
def test_nothing_is_emitted_when_the_user_has_telemetry_off(engine, tmp_path, upstream, otel):
    rails = build(config_dir(tmp_path, upstream.url, RAILS), engine)
    assert engine_for(rails).telemetry is telemetry.OFF
    before = otel.points()
    answer = turn(rails)
    assert NAME in answer and EMAIL not in upstream.bodies[-1].decode()  # still guarded
    assert ours(otel.spans.get_finished_spans()) == []
    assert delta(before, otel.points(), telemetry.DETECTIONS) == {}
    assert delta(before, otel.points(), telemetry.DURATION) == {}


def test_nothing_is_emitted_where_nemo_turns_its_own_off(tmp_path, upstream, otel):
    """NeMo's synchronous ``generate()`` runs a copy of IORails with tracing and metrics off."""
    rails = build(config_dir(tmp_path, upstream.url, RAILS + TRACING + METRICS), "iorails")
    assert engine_for(rails).telemetry.on
    before = otel.points()
    answer = rails.generate(messages=[{"role": "user", "content": MESSAGE}])["content"]
    assert NAME in answer and EMAIL not in upstream.bodies[-1].decode()
    assert otel.spans.get_finished_spans() == ()  # NeMo's spans, and pii-rails'
    assert delta(before, otel.points(), telemetry.DETECTIONS) == {}


def test_metrics_and_tracing_are_switched_apart_as_in_nemo(tmp_path, upstream, otel):
    rails = build(config_dir(tmp_path / "m", upstream.url, RAILS + METRICS), "iorails")
    before = otel.points()
    turn(rails)
    assert ours(otel.spans.get_finished_spans()) == []
    assert delta(before, otel.points(), telemetry.DETECTIONS)

    rails = build(config_dir(tmp_path / "t", upstream.url, RAILS + TRACING), "iorails")
    before = otel.points()
    turn(rails)
    assert {s.attributes[telemetry.RAIL] for s in ours(otel.spans.get_finished_spans())} >= {"input", "output"}
    assert delta(before, otel.points(), telemetry.DETECTIONS) == {}


def test_a_failed_check_is_an_error_span_without_its_message(tmp_path, upstream, otel, monkeypatch):
    rails = build(config_dir(tmp_path, upstream.url, RAILS + TRACING + METRICS), "iorails")
    engine = engine_for(rails)

    def broken(text: str, *args: Any, **kwargs: Any):
        raise RuntimeError(f"could not read {text!r}")  # quotes the text, as real errors may

    monkeypatch.setattr(engine, "detect", broken)
    monkeypatch.setattr(engine, "cached", lambda *a, **k: False)
    before = otel.points()
    calls = len(upstream.bodies)
    turn(rails)
    assert len(upstream.bodies) == calls  # failed closed

    (span,) = ours(otel.spans.get_finished_spans())
    assert span.attributes[telemetry.OUTCOME] == "error"
    assert span.attributes["error.type"] == "RuntimeError"
    assert span.status.status_code == trace.StatusCode.ERROR and not span.status.description
    after = otel.points()
    timed = delta(before, after, telemetry.DURATION)
    key = labels(rail="input", flow="mask", outcome="error", engine="iorails") | {("error.type", "RuntimeError")}
    assert timed[key] == 1
    for secret in SECRETS:
        assert secret not in everything_said([span], after), secret


def test_the_switch_follows_the_rails_configuration():
    from types import SimpleNamespace as NS

    assert telemetry.Telemetry.from_rails_config(NS(tracing=None, metrics=None), "iorails") is telemetry.OFF
    on = telemetry.Telemetry.from_rails_config(NS(tracing=NS(enabled=True), metrics=NS(enabled=False)), "iorails")
    assert (on.tracing, on.metrics, on.engine, on.on) == (True, False, "iorails", True)
    assert not telemetry.OFF.on


def test_the_page_names_what_the_code_emits():
    page = (Path(__file__).resolve().parent.parent / "docs" / "observability.md").read_text()
    for name in (telemetry.SPAN, telemetry.DETECTIONS, telemetry.DURATION, telemetry.DETECTION_EVENT, telemetry.RAIL,
                 telemetry.FLOW, telemetry.OUTCOME, telemetry.ENGINE, telemetry.ENTITY_TYPE, telemetry.ACTION,
                 telemetry.COUNT, telemetry.COUNT_OF, telemetry.RESTORED):
        assert f"`{name}" in page, name


def test_the_pages_example_exports_pii_rails_spans_and_metrics(tmp_path, upstream):
    """docs/observability.md's configuration and program, in a process of their own."""
    import subprocess
    import sys

    import yaml

    from docs_blocks import REPO, blocks_of

    blocks = blocks_of(REPO / "docs" / "observability.md")
    (config,) = [b.body for b in blocks if b.lang == "yaml"]
    program = next(b.body for b in blocks if b.lang == "python" and b.run_by)
    data = yaml.safe_load(config)
    data["models"][0]["parameters"] = {"base_url": upstream.url, "api_key": "unused"}
    (tmp_path / "config.yml").write_text(yaml.safe_dump(data))
    assert "path/to/config" in program
    script = tmp_path / "example.py"
    script.write_text(program.replace("path/to/config", str(tmp_path)) + "\nprint('ANSWER', answer['content'])\n")
    calls = len(upstream.bodies)
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-3000:]
    exported, _, answer = done.stdout.rpartition("ANSWER ")
    assert answer.strip()
    sent = b"\n".join(upstream.bodies[calls:]).decode()
    assert "<PERSON>" in sent and "Ada Lovelace" not in sent and "ada@example.com" not in sent
    shown = (telemetry.SPAN, telemetry.DETECTIONS, telemetry.DURATION, "guardrails.action")
    for name in (*shown, '"pii_rails.detections.PERSON": 1'):
        assert name in exported, name
    for secret in ("Ada", "Lovelace", "ada@example.com", "PERSON_1", "EMAIL_ADDRESS_1"):
        assert secret not in exported, secret


def test_a_broken_sdk_never_fails_a_check(monkeypatch):
    """Telemetry is best effort: an exporter or meter that raises leaves the guard's result alone."""
    from pii_rails import PiiEngine

    class Broken:
        def __getattr__(self, name: str) -> Any:
            def fails(*args: Any, **kwargs: Any) -> Any:
                raise RuntimeError("exporter down")

            return fails

    monkeypatch.setattr(telemetry, "_instruments_now", lambda: {"tracer": Broken(), "detections": Broken(),
                                                                "duration": Broken()})
    engine = PiiEngine.from_dict({"input": {"entities": ["EMAIL_ADDRESS"]}})
    engine.telemetry = telemetry.Telemetry(tracing=True, metrics=True, engine="api")
    result = engine.guard(f"Mail {EMAIL}", "input")
    assert EMAIL not in result.text and [e.entity_type for e in result.events] == ["EMAIL_ADDRESS"]
