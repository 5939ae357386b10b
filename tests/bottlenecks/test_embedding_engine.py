"""The embedding engine's OpenMP settings: two threads that sleep while they wait, unless the
environment already says otherwise (a spinning second thread made texts take seconds on a busy
machine)."""

import os

from mdma.bottlenecks import embeddings


def test_the_engine_gets_two_passive_threads_by_default(monkeypatch):
    monkeypatch.delenv("OMP_WAIT_POLICY", raising=False)
    monkeypatch.delenv("OMP_NUM_THREADS", raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 8)
    embeddings._engine_settings()
    assert os.environ["OMP_WAIT_POLICY"] == "passive"
    assert os.environ["OMP_NUM_THREADS"] == str(embeddings.ENGINE_THREADS)


def test_one_core_gets_one_thread(monkeypatch):
    monkeypatch.delenv("OMP_NUM_THREADS", raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 1)
    embeddings._engine_settings()
    assert os.environ["OMP_NUM_THREADS"] == "1"


def test_the_environment_keeps_its_own_settings(monkeypatch):
    monkeypatch.setenv("OMP_WAIT_POLICY", "active")
    monkeypatch.setenv("OMP_NUM_THREADS", "1")
    embeddings._engine_settings()
    assert os.environ["OMP_WAIT_POLICY"] == "active"
    assert os.environ["OMP_NUM_THREADS"] == "1"
