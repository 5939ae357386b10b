"""Benchmark the personal-data detector (mdma.privacy) on bench/privacy/dataset.jsonl.

.venv/bin/python bench/privacy/run.py [--show-misses] [--targets] [--module mdma.privacy]
                                     [--no-speed] [--dataset FILE]
"""

import argparse
import importlib
import json
import math
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
DATASET = HERE / "dataset.jsonl"

sys.path.insert(0, str(HERE))  # also when loaded by path (tests/privacy/test_benchmark.py)
from build_dataset import KINDS  # noqa: E402

RECALL_TARGETS = {
    "national_number": 0.99,
    "iban": 0.99,
    "email": 0.99,
    "phone": 0.99,
    "person_name": 0.95,
    "street_address": 0.95,
}
OVERALL_RECALL_TARGET = 0.97
FALSE_ALARM_TARGET = 0.03
THROUGHPUT_TARGET = 500  # texts of 500 characters per second, one core
IMPORT_TARGET = 1.0  # seconds


def overlaps(a, b) -> bool:
    return a["start"] < b["end"] and b["start"] < a["end"]


def median_run_time(code: str, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True
        )
        times.append(time.perf_counter() - t0)
        if proc.returncode:
            sys.exit(f"error: `python -c {code!r}` failed:\n{proc.stderr}")
    return statistics.median(times)


def import_time(module: str) -> float:
    """Median wall time of importing the module in a fresh interpreter, minus bare start-up."""
    return max(0.0, median_run_time(f"import {module}") - median_run_time("pass"))


def load_scan(module: str):
    sys.path.insert(0, str(ROOT))
    try:
        mod = importlib.import_module(module)
    except ImportError as exc:
        sys.exit(f"error: cannot import {module} ({exc}); is the detector written yet?")
    if not callable(getattr(mod, "scan", None)):
        sys.exit(f"error: {module} has no scan() function")
    return mod.scan


def predict(scan, records) -> list[list[dict]]:
    preds = []
    for rec in records:
        found = scan(rec["text"])
        preds.append(
            [{"start": f.start, "end": f.end, "kind": f.kind, "text": f.text} for f in found]
        )
    return preds


def throughput(scan, records, min_seconds: float = 2.0) -> float:
    """Texts of 500 characters per second: median of 3 runs of >= min_seconds each."""
    texts = [r["text"] for r in records]
    t0 = time.perf_counter()
    for t in texts:
        scan(t)
    reps = max(1, math.ceil(min_seconds / max(time.perf_counter() - t0, 1e-9)))
    chars = reps * sum(map(len, texts))
    times = []
    for _ in range(3):
        t0 = time.perf_counter()
        for _ in range(reps):
            for t in texts:
                scan(t)
        times.append(time.perf_counter() - t0)
    return chars / 500 / statistics.median(times)


def context(text: str, start: int, end: int, width: int = 40) -> str:
    left = text[max(0, start - width) : start]
    right = text[end : end + width]
    return f"…{left}⟦{text[start:end]}⟧{right}…".replace("\n", " ")


def evaluate(records, preds, show: bool) -> dict:
    gold_n, found, exact, any_kind = Counter(), Counter(), Counter(), Counter()
    pred_n, pred_ok = Counter(), Counter()
    false_alarm_texts = inconsistent = 0
    for rec, pr in zip(records, preds, strict=True):
        text = rec["text"]
        inconsistent += sum(text[p["start"] : p["end"]] != p["text"] for p in pr)
        if rec["clean"] and pr:
            false_alarm_texts += 1
        for g in rec["spans"]:
            k = g["kind"]
            gold_n[k] += 1
            same = [p for p in pr if p["kind"] == k and overlaps(p, g)]
            found[k] += bool(same)
            exact[k] += any(p["start"] == g["start"] and p["end"] == g["end"] for p in same)
            any_kind[k] += any(overlaps(p, g) for p in pr)
            if show and not same:
                print(f"MISS  {rec['id']} {k}: {context(text, g['start'], g['end'])}")
            elif show and not any(p["start"] == g["start"] and p["end"] == g["end"] for p in same):
                got = ", ".join(repr(p["text"]) for p in same)
                print(f"EDGE  {rec['id']} {k}: gold {g['text']!r}, found {got}")
        for p in pr:
            pred_n[p["kind"]] += 1
            ok = any(g["kind"] == p["kind"] and overlaps(p, g) for g in rec["spans"])
            pred_ok[p["kind"]] += ok
            if show and not ok:
                other = [g["kind"] for g in rec["spans"] if overlaps(p, g)]
                note = f" (gold: {', '.join(other)})" if other else ""
                print(f"FALSE {rec['id']} {p['kind']}{note}: {context(text, p['start'], p['end'])}")
    return {
        "gold": gold_n,
        "found": found,
        "exact": exact,
        "any_kind": any_kind,
        "pred": pred_n,
        "pred_ok": pred_ok,
        "false_alarm": false_alarm_texts / max(1, sum(r["clean"] for r in records)),
        "inconsistent": inconsistent,
    }


def ratio(a: int, b: int) -> float:
    return a / b if b else float("nan")


def report(m: dict) -> tuple[dict, float]:
    print(
        f"{'kind':18s} {'gold':>5s} {'recall':>7s} {'exact':>6s} {'anykind':>8s} {'pred':>5s} {'precision':>9s}"
    )
    recall = {}
    kinds = KINDS + sorted(set(m["pred"]) - set(KINDS))
    for k in kinds:
        recall[k] = ratio(m["found"][k], m["gold"][k])
        print(
            f"{k:18s} {m['gold'][k]:5d} {recall[k]:7.3f} {ratio(m['exact'][k], m['gold'][k]):6.3f}"
            f" {ratio(m['any_kind'][k], m['gold'][k]):8.3f} {m['pred'][k]:5d}"
            f" {ratio(m['pred_ok'][k], m['pred'][k]):9.3f}"
        )
    g, f, e = (sum(m[x].values()) for x in ("gold", "found", "exact"))
    overall = ratio(f, g)
    p, pok = sum(m["pred"].values()), sum(m["pred_ok"].values())
    print(
        f"{'overall':18s} {g:5d} {overall:7.3f} {ratio(e, g):6.3f} {'':8s} {p:5d} {ratio(pok, p):9.3f}"
    )
    print(f"clean texts with any finding (false-alarm rate): {m['false_alarm']:.1%}")
    if m["inconsistent"]:
        print(f"WARNING: {m['inconsistent']} findings whose .text differs from text[start:end]")
    return recall, overall


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--show-misses", action="store_true", help="list misses and false findings")
    ap.add_argument("--targets", action="store_true", help="exit 1 when a target is missed")
    ap.add_argument(
        "--module", default="mdma.privacy", help="module with scan() (default mdma.privacy)"
    )
    ap.add_argument("--no-speed", action="store_true", help="skip import-time and throughput runs")
    ap.add_argument(
        "--dataset",
        type=Path,
        default=DATASET,
        help="JSONL dataset to score (default bench/privacy/dataset.jsonl)",
    )
    args = ap.parse_args()

    records = [json.loads(line) for line in args.dataset.read_text(encoding="utf-8").splitlines()]
    scan = load_scan(args.module)
    metrics = evaluate(records, predict(scan, records), args.show_misses)
    n_clean = sum(r["clean"] for r in records)
    where = "" if args.dataset.resolve() == DATASET else f", dataset {args.dataset}"
    print(f"\n{len(records)} texts ({n_clean} clean), module {args.module}{where}\n")
    recall, overall = report(metrics)

    failed = [
        f"{k} recall {recall[k]:.3f} < {t}" for k, t in RECALL_TARGETS.items() if not recall[k] >= t
    ]
    if not overall >= OVERALL_RECALL_TARGET:
        failed.append(f"overall recall {overall:.3f} < {OVERALL_RECALL_TARGET}")
    if metrics["false_alarm"] > FALSE_ALARM_TARGET:
        failed.append(f"false alarms {metrics['false_alarm']:.1%} > {FALSE_ALARM_TARGET:.0%}")
    if not args.no_speed:
        rate = throughput(scan, records)
        imp = import_time(args.module)
        print(f"throughput: {rate:,.0f} texts of 500 chars per second (one core, median of 3)")
        print(f"import time: {imp * 1000:.0f} ms (fresh interpreter, minus start-up, median of 5)")
        if "." in args.module:
            parent = args.module.rsplit(".", 1)[0]
            print(f"  of which `import {parent}` alone: {import_time(parent) * 1000:.0f} ms")
        if rate < THROUGHPUT_TARGET:
            failed.append(f"throughput {rate:.0f}/s < {THROUGHPUT_TARGET}/s")
        if imp > IMPORT_TARGET:
            failed.append(f"import {imp:.2f} s > {IMPORT_TARGET} s")
    if args.targets:
        print("\ntargets: " + ("all met" if not failed else "MISSED"))
        for f in failed:
            print(f"  - {f}")
        return 1 if failed else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
