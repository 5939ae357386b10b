"""A server builds the guard's lexicon in a child process and keeps what it sends back."""

import os
import pickle

from mdma.privacy import lexicon


def _small() -> lexicon.Lexicon:
    return lexicon.Lexicon(
        first_names=frozenset({"fatima", "lotte"}),
        surnames=frozenset({"peeters"}),
        ambiguous=frozenset({"roos"}),
        common=lexicon.WordFrequencies({"gezin": 5.2, "huur": 4.1}),
        places=frozenset({"kortrijk"}),
    )


def test_lexicon_built_in_a_child_answers_here(monkeypatch):
    parent = os.getpid()
    built_in = []

    def build():
        built_in.append(os.getpid())  # only seen here when built here
        return _small()

    monkeypatch.setattr(lexicon, "_loaded", [])
    monkeypatch.setattr(lexicon, "_build", build)
    lexicon.load_apart()
    loaded = lexicon.lexicon()
    assert parent not in built_in
    assert loaded.is_name("lotte") and not loaded.is_name("gezin")
    # Word hashes made in the child match this process's: the seed is inherited by fork.
    assert loaded.common.zipf("gezin") == 5.2
    assert loaded.is_common("huur", 4.0) and not loaded.is_common("fatima")


def test_loading_apart_again_keeps_what_is_loaded(monkeypatch):
    kept = _small()
    monkeypatch.setattr(lexicon, "_loaded", [kept])
    lexicon.load_apart()
    assert lexicon.lexicon() is kept


def test_a_word_set_answers_as_a_set_also_after_travelling_between_processes():
    words = {"peeters", "el amrani", "nguyen thi", "çelik"}
    kept = lexicon.WordSet(words)
    for word_set in (kept, pickle.loads(pickle.dumps(kept))):
        assert len(word_set) == 4
        assert all(w in word_set for w in words)
        assert "peeters" in word_set  # asked again: the kept answer
        assert "peter" not in word_set and "" not in word_set
