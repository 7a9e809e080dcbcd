"""Score pii-rails on sentences from an outside generator: Microsoft's presidio-evaluator (issue 17).

    python bench/eval/outside_generator.py [--pev-python PATH] [--seeds 1,2,3] [--samples 1500]
                                           [--split dev|test|both] [--errors 40] [--builtin]
                                           [--json OUT] [--save-dev PATH]

Nobody on the project wrote these texts: ``PresidioSentenceFaker`` (presidio-evaluator, MIT) fills
its own ~200 templates with people of many countries (FakeNameGenerator records), addresses,
cards, phones and the like, and lower-cases about one sentence in twenty. It is a bench tool, not
a test: it needs the generator, which pulls heavy dependencies and so lives in its own venv,
never in the project's:

    python -m venv /work/tmp/pev
    /work/tmp/pev/bin/pip install --no-deps presidio-evaluator
    /work/tmp/pev/bin/pip install faker pandas spacy presidio-analyzer presidio-anonymizer \\
        xmltodict requests python-dotenv tqdm pyyaml

The generator runs in that interpreter (``--pev-python``) and hands its samples over as JSON; the
scoring runs here, with ``score.py``'s detectors and metrics.

**Dev and test halves, by template.** A sample belongs to the dev half when its template's index is
even, to the test half when it is odd. Errors (``--errors``) are printed for the dev half only;
the test half is only ever reported as aggregate figures, so rules written from the dev errors
are measured on sentence shapes they were not written from. Several seeds (``--seeds``) draw
different values and template orders.

**Types, mapped onto the project's labelling guidelines** (``GUIDELINES.md``):

| generator | scored as |
|---|---|
| PERSON, EMAIL_ADDRESS, PHONE_NUMBER, CREDIT_CARD, US_SSN, IBAN_CODE, IP_ADDRESS, US_DRIVER_LICENSE | the same type |
| DOMAIN_NAME (Faker's ``url``) | URL when it has a scheme or ``www.``; a bare domain is not scored (the guidelines do not label one) |
| the birth-date providers (``date_of_birth``, ``birthday``) | DATE_OF_BIRTH |
| STREET_ADDRESS parts (building number, street, unit, postcode, whole address) with the places and ZIP codes right next to them (only spaces, commas, line breaks, or a literal ``\\n`` between) | one STREET_ADDRESS over the whole run, as the guidelines label a postal address |
| GPE (city, state, country) not part of such a run | LOCATION |
| other DATE_TIME, AGE, TITLE (prefixes and jobs), NRP, ORGANIZATION, a ZIP code alone | not scored (pii-rails does not claim them); reported as the share of their characters masked anyway |

Besides ``score.py``'s figures per half (micro and per-type P/R/F1, exact and overlap; masking
recall of PII characters), it reports the share of structured ids masked whole (every character
covered by some prediction; ``score.STRUCTURED`` plus US_DRIVER_LICENSE and URL) and a
"location family" micro-F1 where LOCATION and STREET_ADDRESS are one type on both sides, the
way an outside check that has a single LOCATION type would count them.

**Token scores** (``token``), the way presidio-evaluator's own token evaluator counts: the text is
cut by spaCy's English tokenizer, each token takes the type of the gold span and of the prediction
it overlaps (else none), and per type precision is the share of tokens predicted as it that are
labelled it, recall the share of tokens labelled it that are predicted as it. A disagreement on
punctuation or an English stop word is not counted. Reported per type, as a micro figure, and with
LOCATION and STREET_ADDRESS as one type: next to the exact and overlap figures it tells whether
boundaries or misses cost more.
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Dict, List, Optional, Sequence

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import score  # noqa: E402

DEFAULT_PEV_PYTHON = "/work/tmp/pev/bin/python"
SCORED = (
    "PERSON", "LOCATION", "STREET_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "EMAIL_ADDRESS", "IBAN_CODE",
    "US_SSN", "IP_ADDRESS", "US_DRIVER_LICENSE", "DATE_OF_BIRTH", "URL",
)  # fmt: skip
STRUCTURED = tuple(score.STRUCTURED) + ("US_DRIVER_LICENSE", "URL")
ADDRESS_PARTS = ("STREET_ADDRESS", "GPE", "ZIP_CODE")
# What may stand between two parts of one postal address: spaces, commas, line breaks, and the
# two characters backslash-n that some of the generator's templates hold where a break is meant.
ADDRESS_GLUE = re.compile(r"(?:[ \t,;]|\n|\\n)*")

# Runs inside the generator's interpreter: one JSON object per sample on stdout. The birth-date
# providers get their own type so they can be scored as DATE_OF_BIRTH; every other mapping is the
# generator's own default.
_GENERATE = r"""
import json, sys, contextlib, io
from presidio_evaluator.data_generator import PresidioSentenceFaker
seed, count = int(sys.argv[1]), int(sys.argv[2])
mapping = dict(PresidioSentenceFaker.ENTITY_TYPE_MAPPING)
mapping.update({"date_of_birth": "DATE_OF_BIRTH", "birthday": "DATE_OF_BIRTH"})
with contextlib.redirect_stdout(io.StringIO()):
    faker = PresidioSentenceFaker(locale="en", lower_case_ratio=0.05, random_seed=seed, entity_type_mapping=mapping)
    samples = faker.generate_new_fake_sentences(count)
for s in samples:
    # The generator lower-cases a sample by setting ``fake``; ``full_text`` keeps the capitals.
    text = getattr(s, "fake", None) or s.full_text
    if len(text) != len(s.full_text):
        text = s.full_text
    spans = [[sp.entity_type, sp.start_position, sp.end_position] for sp in s.spans]
    print(json.dumps({"text": text, "spans": spans, "template_id": s.template_id, "lower": text != s.full_text}))
"""


def generate(pev_python: str, seed: int, count: int) -> List[dict]:
    done = subprocess.run([pev_python, "-c", _GENERATE, str(seed), str(count)], capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"the generator failed (seed {seed}):\n{done.stderr[-2000:]}")
    return [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]


def convert(sample: dict, seed: int, index: int) -> dict:
    """One generator sample as a ``score.py`` record; unscored spans go to ``other``."""
    text = sample["text"]
    parts = sorted((s, e, t) for t, s, e in sample["spans"])
    spans: List[dict] = []
    other: List[dict] = []
    i = 0
    while i < len(parts):
        start, end, etype = parts[i]
        if etype in ADDRESS_PARTS:
            j, run_end, types = i, end, {etype}
            while j + 1 < len(parts) and parts[j + 1][2] in ADDRESS_PARTS:
                gap = text[run_end : parts[j + 1][0]]
                if parts[j + 1][0] < run_end or ADDRESS_GLUE.fullmatch(gap) is None:
                    break
                j += 1
                run_end = max(run_end, parts[j][1])
                types.add(parts[j][2])
            if "STREET_ADDRESS" in types:
                spans.append({"start": start, "end": run_end, "entity_type": "STREET_ADDRESS"})
            else:
                for s, e, t in parts[i : j + 1]:
                    if t == "GPE":
                        spans.append({"start": s, "end": e, "entity_type": "LOCATION"})
                    else:
                        other.append({"start": s, "end": e, "entity_type": t})
            i = j + 1
            continue
        if etype == "DOMAIN_NAME":
            value = text[start:end]
            if re.match(r"(?i)(?:https?://|www\.)", value):
                spans.append({"start": start, "end": end, "entity_type": "URL"})
            else:
                other.append({"start": start, "end": end, "entity_type": etype})
        elif etype in SCORED:
            spans.append({"start": start, "end": end, "entity_type": etype})
        else:
            other.append({"start": start, "end": end, "entity_type": etype})
        i += 1
    tid = sample["template_id"]
    return {
        "id": f"pev-s{seed}-{index:04d}-t{tid}", "language": "en", "kind": "dev" if tid % 2 == 0 else "test",
        "text": text, "spans": spans, "other": other, "template_id": tid, "lower": sample["lower"],
    }


_TOKENIZER = None


def _tokens(text: str) -> List[tuple]:
    """(start, end, skip) per token; ``skip`` for punctuation and stop words."""
    global _TOKENIZER
    if _TOKENIZER is None:
        import spacy

        _TOKENIZER = spacy.blank("en").tokenizer
    return [(t.idx, t.idx + len(t), t.is_punct or t.is_space or t.is_stop or not t.text.strip()) for t in _TOKENIZER(text)]


def _label(start: int, end: int, spans: Sequence[tuple]) -> str:
    for etype, s, e in spans:
        if s < end and start < e:
            return etype
    return "O"


def token_counts(text: str, gold: Sequence[tuple], preds: Sequence[tuple], counts: Dict[str, collections.Counter]) -> None:
    """Adds one text's per-token agreement to ``counts[type]`` (keys gold, pred, tp)."""
    for start, end, skip in _tokens(text):
        a, p = _label(start, end, gold), _label(start, end, preds)
        if a == p == "O" or (a != p and skip):
            continue
        if a != "O":
            counts[a]["gold"] += 1
        if p != "O":
            counts[p]["pred"] += 1
        if a == p:
            counts[a]["tp"] += 1


def token_scores(counts: Dict[str, collections.Counter]) -> dict:
    def prf(c: collections.Counter) -> dict:
        t = score.Tally(gold=c["gold"], pred=c["pred"], tp=c["tp"])
        return {k: v for k, v in t.scores().items() if not k.endswith("overlap")}

    micro: collections.Counter = collections.Counter()
    for c in counts.values():
        micro.update(c)
    return {"micro": prf(micro), "per_entity": {e: prf(c) for e, c in sorted(counts.items())}}


def _family(preds: Sequence[score.Pred]) -> List[score.Pred]:
    return [("LOCATION" if t == "STREET_ADDRESS" else t, s, e) for t, s, e in preds]


def evaluate(records: List[dict], preds: Dict[str, List[score.Pred]], scope: Sequence[str]) -> dict:
    result = score.Result()
    family = score.Result()
    family_scope = sorted({("LOCATION" if t == "STREET_ADDRESS" else t) for t in scope})
    whole = collections.Counter()
    unscored = collections.Counter()
    tokens: Dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    family_tokens: Dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for r in records:
        p = preds[r["id"]]
        gold = [(s["entity_type"], s["start"], s["end"]) for s in r["spans"] if s["entity_type"] in scope]
        mine = [x for x in p if x[0] in scope]
        token_counts(r["text"], gold, mine, tokens)
        token_counts(r["text"], _family(gold), _family(mine), family_tokens)
        score.score_text(r, p, scope, result)
        fam = dict(r, spans=[dict(s, entity_type="LOCATION" if s["entity_type"] == "STREET_ADDRESS" else s["entity_type"]) for s in r["spans"]])
        score.score_text(fam, _family(p), family_scope, family)
        covered = set()
        for _, s, e in p:
            covered.update(range(s, e))
        for g in r["spans"]:
            if g["entity_type"] in STRUCTURED:
                whole["all"] += 1
                whole["masked"] += set(range(g["start"], g["end"])) <= covered
        for o in r["other"]:
            unscored[o["entity_type"] + " chars"] += o["end"] - o["start"]
            unscored[o["entity_type"] + " masked"] += len(set(range(o["start"], o["end"])) & covered)
    out = {
        "summary": score.summary(result),
        "per_entity": {e: {"gold": t.gold, "predicted": t.pred, **t.scores()} for e, t in sorted(result.per_entity.items()) if t.gold or t.pred},
        "location_family_micro_f1": score.summary(family)["micro_f1"],
        "location_family": {e: t.scores()["f1"] for e, t in family.per_entity.items() if e == "LOCATION"},
        "token": token_scores(tokens),
        "token_location_family": token_scores(family_tokens),
        "structured_whole": (whole["masked"] / whole["all"]) if whole["all"] else None,
        "structured_count": whole["all"],
        "unscored_masked": {k[:-6]: unscored[k[:-6] + " masked"] / v for k, v in unscored.items() if k.endswith(" chars") and v},
    }
    out["_result"] = result
    return out


def print_half(name: str, label: str, figures: dict, n: int) -> None:
    s = figures["summary"]
    pct = score.pct
    print(f"\n#### {name}, {label} half ({n} texts)\n")
    print(f"micro P / R / F1 exact {pct(s['micro_precision'])} / {pct(s['micro_recall'])} / **{pct(s['micro_f1'])}**; "
          f"micro-F1 overlap {pct(s['micro_f1_overlap'])}; location family (LOCATION = STREET_ADDRESS) micro-F1 {pct(figures['location_family_micro_f1'])}; "
          f"masking recall {pct(s['masking_recall'])}; structured ids masked whole {pct(figures['structured_whole'])} % "
          f"(of {figures['structured_count']}); no-PII texts flagged {pct(s['fp_rate_no_pii'])} % ({s['no_pii_texts_flagged']}/{s['no_pii_texts']})\n")
    tok, fam = figures["token"], figures["token_location_family"]
    print(f"tokens: micro P / R / F1 {pct(tok['micro']['precision'])} / {pct(tok['micro']['recall'])} / **{pct(tok['micro']['f1'])}**; "
          f"location family (LOCATION = STREET_ADDRESS) {pct(fam['micro']['precision'])} / {pct(fam['micro']['recall'])} / **{pct(fam['micro']['f1'])}**, "
          f"its LOCATION {' / '.join(pct(fam['per_entity'].get('LOCATION', {}).get(k)) for k in ('precision', 'recall', 'f1'))}\n")
    print("| entity | gold | P / R / F1 exact | F1 overlap | P / R / F1 token |")
    print("|---|---:|---|---:|---|")
    for e, t in figures["per_entity"].items():
        k = tok["per_entity"].get(e, {})
        print(f"| {e} | {t['gold']} | {pct(t['precision'])} / {pct(t['recall'])} / **{pct(t['f1'])}** | {pct(t['f1_overlap'])} | "
              f"{pct(k.get('precision'))} / {pct(k.get('recall'))} / **{pct(k.get('f1'))}** |")
    print("\nnot scored, share of characters masked anyway: " + ", ".join(f"{k} {pct(v)} %" for k, v in sorted(figures["unscored_masked"].items())))


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pev-python", default=DEFAULT_PEV_PYTHON, help="interpreter with presidio-evaluator installed")
    parser.add_argument("--seeds", default="1,2,3", help="comma-separated generator seeds")
    parser.add_argument("--samples", type=int, default=1500, help="sentences per seed")
    parser.add_argument("--split", choices=("dev", "test", "both"), default="both")
    parser.add_argument("--errors", type=int, default=0, help="print up to N errors per entity of the dev half")
    parser.add_argument("--builtin", action="store_true", help="score NeMo's built-in rail too")
    parser.add_argument("--model", default=score.DEFAULT_MODEL)
    parser.add_argument("--threshold", type=float, default=0.4)
    parser.add_argument("--json", type=Path, help="write the figures here")
    parser.add_argument("--save-dev", type=Path, help="write the dev half's records (JSON Lines, score.py's format) here")
    args = parser.parse_args(argv)

    records: List[dict] = []
    for seed in (int(x) for x in args.seeds.split(",")):
        records += [convert(s, seed, i) for i, s in enumerate(generate(args.pev_python, seed, args.samples))]
    halves = ("dev", "test") if args.split == "both" else (args.split,)
    records = [r for r in records if r["kind"] in halves]
    if args.save_dev:
        with open(args.save_dev, "w", encoding="utf-8") as fh:
            for r in records:
                if r["kind"] == "dev":
                    fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    score._quiet_logs()
    detectors = [score.build_plugin("en", list(SCORED), args.threshold, args.model)]
    if args.builtin:
        detectors.append(score.build_builtin(list(SCORED), args.threshold, args.model))
    score._quiet_logs()
    print(f"## presidio-evaluator sentences, seeds {args.seeds}, {args.samples} each\n")
    print(score.provenance())
    types = collections.Counter(s["entity_type"] for r in records for s in r["spans"])
    others = collections.Counter(s["entity_type"] for r in records for s in r["other"])
    print(f"\nscored spans: {dict(types.most_common())}; not scored: {dict(others.most_common())}")
    out: Dict[str, dict] = {}
    for d in detectors:
        preds = {r["id"]: d.predict(r["text"]) for r in records}
        scope = [e for e in SCORED if e in d.entities] + [e for e in SCORED if e in d.unsupported]
        for half in halves:
            rs = [r for r in records if r["kind"] == half]
            figures = evaluate(rs, preds, scope)
            result = figures.pop("_result")
            print_half(d.name, half, figures, len(rs))
            out[f"{d.name} {half}"] = figures
            if half == "dev" and args.errors:
                score.print_errors(sys.stdout, f"{d.name}, dev half", result, args.errors)
        print(f"{d.name}: {d.seconds:.1f} s", file=sys.stderr)
    if args.json:
        args.json.write_text(json.dumps(score._round(out), indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
