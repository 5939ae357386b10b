"""Check bench/privacy/dataset.jsonl: offsets, kinds, checksums, balance. Exit 1 on any problem.

Another set: `check_dataset.py --dataset FILE [--texts DIR] [--min-texts N]`. The texts are
looked for in `texts/` next to the dataset; `--min-texts` lowers the size floor (default 300)
and scales the per-kind minimums with it.
"""

import argparse
import json
import math
import re
import sys
from collections import Counter
from pathlib import Path

from build_dataset import DATASET, KINDS, TEXTS, load_texts, shown
from stdnum import iban
from stdnum.be import bis, nn

LANGS = {"nl", "fr", "en"}
MIN_PER_KIND = {
    "person_name": 40,
    "national_number": 30,
    "iban": 20,
    "phone": 30,
    "email": 15,
    "street_address": 25,
    "date_of_birth": 15,
    "case_file_number": 15,
    "license_plate": 10,
}
MIN_TEXTS, MIN_LEN, MAX_LEN = 300, 100, 700
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
# 11 digits, optionally grouped with dots, dashes or spaces, as national numbers are written
ELEVEN_DIGITS = re.compile(r"(?<![\d.])\d(?:[ .-]?\d){10}(?![\d])")
IBAN_LIKE = re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b", re.I)


def is_nn_or_bis(s: str) -> bool:
    digits = re.sub(r"\D", "", s)
    return len(digits) == 11 and (nn.is_valid(digits) or bis.is_valid(digits))


def covered(spans: list[dict], start: int, end: int) -> bool:
    return any(sp["start"] <= start and end <= sp["end"] for sp in spans)


def check_record(rec: dict) -> list[str]:
    text, spans, errs = rec["text"], rec["spans"], []
    if rec["lang"] not in LANGS:
        errs.append(f"unknown lang {rec['lang']!r}")
    if not MIN_LEN <= len(text) <= MAX_LEN:
        errs.append(f"length {len(text)} outside {MIN_LEN}-{MAX_LEN}")
    if rec["clean"] and spans:
        errs.append("marked clean but has spans")
    if not rec["clean"] and not spans:
        errs.append("marked clean: no but has no spans")
    prev_end = -1
    for sp in sorted(spans, key=lambda s: s["start"]):
        kind, st = sp["kind"], sp["text"]
        if text[sp["start"] : sp["end"]] != st:
            errs.append(f"offsets {sp['start']}:{sp['end']} do not give {st!r}")
        if kind not in KINDS:
            errs.append(f"unknown kind {kind!r}")
        if sp["start"] < prev_end:
            errs.append(f"overlapping span {st!r}")
        prev_end = sp["end"]
        if st != st.strip() or st[-1] in ",.;:":
            errs.append(f"span {st!r} has surrounding whitespace or punctuation")
        if kind == "national_number" and not is_nn_or_bis(st):
            errs.append(f"invalid national/BIS number {st!r}")
        if kind == "iban" and not iban.is_valid(st):
            errs.append(f"invalid IBAN {st!r}")
        if kind == "email" and not EMAIL.fullmatch(st):
            errs.append(f"malformed e-mail {st!r}")
    # the same personal datum appearing again unannotated is an annotation miss
    for sp in spans:
        for m in re.finditer(rf"(?<!\w){re.escape(sp['text'])}(?!\w)", text):
            if not covered(spans, m.start(), m.end()):
                errs.append(f"{sp['text']!r} also occurs unannotated at {m.start()}")
    # an unannotated checksum-valid national number or IBAN is an annotation miss
    for m in ELEVEN_DIGITS.finditer(text):
        if is_nn_or_bis(m.group()) and not covered(spans, m.start(), m.end()):
            errs.append(f"unannotated valid national number {m.group()!r}")
    for m in IBAN_LIKE.finditer(text):
        if iban.is_valid(m.group()) and not covered(spans, m.start(), m.end()):
            errs.append(f"unannotated valid IBAN {m.group()!r}")
    return errs


def min_per_kind(min_texts: int) -> dict[str, int]:
    """The per-kind span minimums, scaled to a set of at least min_texts texts."""
    if min_texts >= MIN_TEXTS:
        return dict(MIN_PER_KIND)
    return {k: math.ceil(n * min_texts / MIN_TEXTS) for k, n in MIN_PER_KIND.items()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--dataset", type=Path, default=DATASET, help="the JSONL file to check")
    ap.add_argument(
        "--texts", type=Path, help="its annotated source folder (default: texts/ next to it)"
    )
    ap.add_argument(
        "--min-texts",
        type=int,
        default=MIN_TEXTS,
        help=f"minimum number of texts (default {MIN_TEXTS}); per-kind minimums scale with it",
    )
    args = ap.parse_args(argv)
    texts = args.texts or args.dataset.parent / "texts"
    need_texts, need_per_kind = args.min_texts, min_per_kind(args.min_texts)

    problems = []
    records = [json.loads(line) for line in args.dataset.read_text(encoding="utf-8").splitlines()]
    if records != load_texts(texts):
        build = "build_dataset.py"
        if args.dataset.resolve() != DATASET or texts.resolve() != TEXTS:
            build += f" --texts {shown(texts)} --out {shown(args.dataset)}"
        problems.append(f"{args.dataset.name} is stale: run {build}")
    ids = Counter(r["id"] for r in records)
    problems += [f"duplicate id {i}" for i, n in ids.items() if n > 1]
    for rec in records:
        problems += [f"{rec['id']}: {e}" for e in check_record(rec)]

    kinds = Counter(sp["kind"] for r in records for sp in r["spans"])
    langs = Counter(r["lang"] for r in records)
    clean = sum(r["clean"] for r in records)
    if len(records) < need_texts:
        problems.append(f"only {len(records)} texts, need {need_texts}")
    if not 0.45 <= clean / max(len(records), 1) <= 0.55:
        problems.append(f"clean share {clean}/{len(records)} is not roughly half")
    for kind, need in need_per_kind.items():
        if kinds[kind] < need:
            problems.append(f"{kind}: {kinds[kind]} spans, need {need}")

    print(f"texts: {len(records)}  clean: {clean}  with personal data: {len(records) - clean}")
    print("per language:")
    for lang in sorted(langs):
        n_clean = sum(r["clean"] for r in records if r["lang"] == lang)
        share = langs[lang] / len(records)
        print(f"  {lang}: {langs[lang]:4d} ({share:5.1%})  clean {n_clean}")
    print("spans per kind:")
    for kind in sorted(KINDS):
        print(f"  {kind:18s} {kinds[kind]:4d}")
    print(f"  {'total':18s} {sum(kinds.values()):4d}")
    for p in problems:
        print(f"PROBLEM: {p}", file=sys.stderr)
    print("OK" if not problems else f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
