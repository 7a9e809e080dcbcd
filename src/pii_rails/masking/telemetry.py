"""OpenTelemetry for pii-rails' work: a span per guarded text, detection counts and latency.

Everything here derives from what :meth:`pii_rails.engine.PiiEngine.guard` already
produced -- its decisions and audit events -- so telemetry never detects anything
itself, and it carries what the audit log carries minus the rest: entity types,
actions, counts, scores, recognizer names and durations. Never a value, a
placeholder (a keyed one is a pseudonym of the value), a salted hash or offsets.

The switches are NeMo's: ``tracing.enabled`` and ``metrics.enabled`` of the rails
configuration (:meth:`Telemetry.from_rails_config`), each on its own, as IORails
gates its own spans and metrics. Only the OpenTelemetry *API* is used, as libraries
should: the application installs an SDK and its exporters, or everything is a no-op.
Without the ``opentelemetry-api`` package (NeMo's ``tracing`` extra) telemetry stays
off; NeMo itself warns about that when the switch is on.

Names (documented in ``docs/observability.md``):

* span ``pii_rails.guard`` (INTERNAL), a child of whatever span is current: on IORails
  NeMo's ``guardrails.action`` span of the rail that called pii-rails, or the span
  around the model call for the LLM boundary;
* counter ``pii_rails.detections`` (``{detection}``), by rail, entity type, action, engine;
* histogram ``pii_rails.guard.duration`` (``s``), by rail, flow, outcome, engine.
"""

from __future__ import annotations

import contextlib
import contextvars
import logging
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Dict, Iterator, NamedTuple, Optional

if TYPE_CHECKING:
    from pii_rails.spans import GuardResult

log = logging.getLogger("pii_rails")

SCOPE = "pii_rails"
SPAN = "pii_rails.guard"
DETECTIONS = "pii_rails.detections"
DURATION = "pii_rails.guard.duration"
DETECTION_EVENT = "pii_rails.detection"

RAIL = "pii_rails.rail"
FLOW = "pii_rails.flow"
OUTCOME = "pii_rails.outcome"
ENGINE = "pii_rails.engine"
ENTITY_TYPE = "pii_rails.entity_type"
ACTION = "pii_rails.action"
COUNT = "pii_rails.detection.count"
# Followed by the entity type: `pii_rails.detections.PERSON = 2` (types come from the configuration).
COUNT_OF = "pii_rails.detections."
RESTORED = "pii_rails.restored"
ERROR_TYPE = "error.type"

# A guard takes about a millisecond; a long text with NER tens of them.
_BUCKETS = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5]


def _api() -> Optional[Any]:
    try:
        from opentelemetry import metrics, trace
    except ImportError:
        return None
    return trace, metrics


_instruments: Optional[Dict[str, Any]] = None


def _instruments_now() -> Dict[str, Any]:
    """The tracer, counter and histogram, once per process (proxies until an SDK is set)."""
    global _instruments
    if _instruments is None:
        # Only reached for a Telemetry that is on, which needs the API (from_rails_config).
        from opentelemetry import metrics, trace
        from importlib.metadata import PackageNotFoundError, version

        try:
            release = version("pii-rails")
        except PackageNotFoundError:  # pragma: no cover - a source tree without metadata
            release = "0.0.0"
        meter = metrics.get_meter(SCOPE, release)
        _instruments = {
            "tracer": trace.get_tracer(SCOPE, release),
            "detections": meter.create_counter(
                DETECTIONS, unit="{detection}", description="Entities pii-rails found, by rail, entity type and action"
            ),
            "duration": meter.create_histogram(
                DURATION,
                unit="s",
                description="Time pii-rails took to detect, decide and rewrite one text",
                explicit_bucket_boundaries_advisory=_BUCKETS,
            ),
        }
    return _instruments


def outcome(result: "GuardResult") -> str:
    """What the rail's policy did with the text: ``block``, ``mask`` or ``pass``."""
    if result.blocked:
        return "block"
    return "mask" if any(d.masked for d in result.decisions) else "pass"


@dataclass(frozen=True)
class Telemetry:
    """Which signals pii-rails emits for one engine, and the ``pii_rails.engine`` label."""

    tracing: bool = False
    metrics: bool = False
    engine: str = ""

    def __post_init__(self) -> None:
        if (self.tracing or self.metrics) and _api() is None:
            raise ImportError("pii-rails' telemetry needs the opentelemetry-api package: pip install opentelemetry-api")

    @property
    def on(self) -> bool:
        return self.tracing or self.metrics

    @classmethod
    def from_rails_config(cls, config: Any, engine: str) -> "Telemetry":
        """Follow NeMo's ``tracing.enabled`` and ``metrics.enabled`` for rails built on ``engine``."""
        tracing = bool(getattr(getattr(config, "tracing", None), "enabled", False))
        metrics = bool(getattr(getattr(config, "metrics", None), "enabled", False))
        if not (tracing or metrics) or _api() is None:
            return OFF
        return cls(tracing=tracing, metrics=metrics, engine=engine)

    def start(self, rail: str, flow: str) -> "_Run":
        """Before one guarded text; hand what it returns to :meth:`finish`."""
        span = None
        if self.tracing:
            try:
                # Not made current: nothing pii-rails calls opens spans of its own.
                span = _instruments_now()["tracer"].start_span(
                    SPAN, attributes={RAIL: rail, ENGINE: self.engine, FLOW: flow}
                )
            except Exception as exc:  # best effort, as in finish()
                log.debug("pii_rails: no span (%s)", type(exc).__name__)
        return _Run(rail, flow, span, time.perf_counter())

    def finish(self, run: "_Run", result: Optional["GuardResult"], error: Optional[BaseException] = None) -> None:
        """After it: its ``result``, or the ``error`` it raised instead."""
        # A broken SDK or exporter must neither fail a privacy check that succeeded nor hide
        # the error of one that did not: telemetry is best effort, as in NeMo.
        try:
            # The type only: an exception's message may quote the text.
            self._emit(_instruments_now(), run, result, None if error is None else type(error).__name__)
        except Exception as exc:
            log.debug("pii_rails: telemetry not recorded (%s)", type(exc).__name__)

    def _emit(
        self, instruments: Dict[str, Any], run: "_Run", result: Optional["GuardResult"], error: Optional[str]
    ) -> None:
        elapsed = time.perf_counter() - run.started
        done = "error" if result is None else outcome(result)
        common = {RAIL: run.rail, ENGINE: self.engine}
        span = run.span
        if self.metrics:
            labels = {**common, FLOW: run.flow, OUTCOME: done}
            if error:
                labels[ERROR_TYPE] = error
            instruments["duration"].record(elapsed, labels)
            tally: Dict[Any, int] = {}
            for event in result.events if result is not None else ():
                tally[event.entity_type, event.action] = tally.get((event.entity_type, event.action), 0) + 1
            for (entity_type, action), count in tally.items():
                instruments["detections"].add(count, {**common, ENTITY_TYPE: entity_type, ACTION: action})
        if span is None:
            return
        attributes: Dict[str, Any] = {OUTCOME: done}
        if result is None:
            from opentelemetry.trace import StatusCode

            attributes[ERROR_TYPE] = error or ""
            span.set_status(StatusCode.ERROR)
        else:
            counts: Dict[str, int] = {}
            for event in result.events:
                counts[event.entity_type] = counts.get(event.entity_type, 0) + 1
                span.add_event(
                    DETECTION_EVENT,
                    {
                        ENTITY_TYPE: event.entity_type,
                        ACTION: event.action,
                        "pii_rails.score": event.score,
                        "pii_rails.recognizer": event.recognizer,
                        "pii_rails.below_threshold": event.below_threshold,
                    },
                )
            attributes[COUNT] = len(result.events)
            attributes.update((COUNT_OF + entity_type, count) for entity_type, count in sorted(counts.items()))
            if result.restored:
                attributes[RESTORED] = result.restored
        span.set_attributes(attributes)
        span.end()


class _Run(NamedTuple):
    rail: str
    flow: str
    span: Any
    started: float


OFF = Telemetry()

# Set around one rails instance's requests where they must not follow the engine's own
# switches: NeMo turns IORails' telemetry off in the copy its synchronous generate() builds,
# and that copy shares the caller's engine.
_scoped: contextvars.ContextVar[Optional[Telemetry]] = contextvars.ContextVar("pii_rails_telemetry", default=None)


def current(default: Telemetry) -> Telemetry:
    """The telemetry of the request running in this context, else ``default`` (the engine's)."""
    found = _scoped.get()
    return default if found is None else found


@contextlib.contextmanager
def scoped(telemetry: Telemetry) -> Iterator[None]:
    """Run the block's guards with ``telemetry``, whatever their engine's."""
    token = _scoped.set(telemetry)
    try:
        yield
    finally:
        _scoped.reset(token)
