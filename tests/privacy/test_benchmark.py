"""The guard keeps its accuracy targets on the annotated benchmark (bench/privacy).

Accuracy only: speed and import time are measured by `bench/privacy/run.py`, not by tests.
"""

import importlib.util
import json
from pathlib import Path

import pytest

from mdma.privacy import scan

BENCH = Path(__file__).resolve().parents[2] / "bench" / "privacy"


@pytest.fixture(scope="module")
def measured():
    spec = importlib.util.spec_from_file_location("privacy_bench", BENCH / "run.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    lines = (BENCH / "dataset.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines if line.strip()]
    result = bench.evaluate(records, bench.predict(scan, records), show=False)
    return bench, result


def recall(result, kind):
    return result["found"][kind] / result["gold"][kind]


@pytest.mark.parametrize(
    "kind", ["national_number", "iban", "email", "phone", "person_name", "street_address"]
)
def test_recall_per_kind_meets_its_target(measured, kind):
    bench, result = measured
    assert recall(result, kind) >= bench.RECALL_TARGETS[kind]


def test_overall_recall_meets_its_target(measured):
    bench, result = measured
    overall = sum(result["found"].values()) / sum(result["gold"].values())
    assert overall >= bench.OVERALL_RECALL_TARGET


def test_few_clean_texts_raise_a_false_alarm(measured):
    bench, result = measured
    assert result["false_alarm"] <= bench.FALSE_ALARM_TARGET
