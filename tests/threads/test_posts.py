"""Posts: written once as Markdown and rendered once, replies, edits with their versions,
deletion by the author, hiding by a coordinator."""

import pytest
import sqlalchemy as sa

from mdma.bottlenecks import services
from mdma.core.errors import AccessDenied, Conflict, RuleViolation
from mdma.privacy.guard import PersonalDataFound
from mdma.threads import queries, registry
from mdma.threads import services as threads
from mdma.threads.models import Post, PostRevision
from tests import factories


def test_a_post_is_rendered_once_when_written(session, routed, people):
    post = services.add_post(people["writer"], routed, "Zie **dit** en [dat](https://example.org)")
    assert post.body_html == (
        '<p>Zie <strong>dit</strong> en <a href="https://example.org" '
        'rel="noopener noreferrer nofollow">dat</a></p>'
    )


def test_the_page_shows_the_stored_html_without_rendering_again(
    client, session, routed, people, login_as
):
    post = services.add_post(people["writer"], routed, "Eerste versie.")
    session.execute(sa.update(Post).where(Post.id == post.id).values(body_html="<p>Bewaard</p>"))
    login_as(people["writer"])
    page = client.get(f"/bottlenecks/{routed.id}").get_data(as_text=True)
    assert "<p>Bewaard</p>" in page and "Eerste versie." not in page


def test_the_registration_decides_who_reads_a_thread(session, people, create_user):
    draft = factories.create_bottleneck(people["writer"], draft=True)
    assert registry.may_read(people["writer"], draft.thread)
    assert not registry.may_read(create_user("case_manager"), draft.thread)
    assert registry.subject_of(draft.thread) == draft
    assert registry.page_of(draft.thread) == f"/bottlenecks/{draft.id}"


def test_nobody_writes_in_a_draft_thread(session, people):
    draft = factories.create_bottleneck(people["writer"], draft=True)
    with pytest.raises(AccessDenied):
        threads.create_post(people["writer"], draft.thread, "Nog niet.")


def test_a_reply_names_a_post_of_the_same_thread(session, routed, people):
    first = services.add_post(people["writer"], routed, "Vraag.")
    reply = services.add_post(people["housing"], routed, "Antwoord.", reply_to=first)
    assert reply.reply_to_id == first.id
    elsewhere = factories.create_bottleneck(people["writer"])
    with pytest.raises(RuleViolation):
        services.add_post(people["writer"], elsewhere, "Mis.", reply_to=first)


def test_an_empty_or_too_long_post_is_refused(session, routed, people):
    for body in ("  ", "x" * (threads.MAX_POST_LENGTH + 1)):
        with pytest.raises(RuleViolation):
            services.add_post(people["writer"], routed, body)
    assert session.scalar(sa.select(sa.func.count(Post.id))) == 0


def test_an_edit_keeps_the_earlier_version_with_who_and_when(session, routed, people):
    post = services.add_post(people["writer"], routed, "Het loket is dicht.")
    threads.edit_post(people["writer"], post, "Het loket is op maandag dicht.", version=1)
    assert post.version == 2 and post.body_html == "<p>Het loket is op maandag dicht.</p>"
    versions = queries.history(post)
    assert [(v.number, v.author, v.body) for v in versions] == [
        (1, people["writer"], "Het loket is dicht."),
        (2, people["writer"], "Het loket is op maandag dicht."),
    ]
    assert str(versions[1].diff) == "Het loket is <ins>op maandag </ins>dicht."


def test_an_edit_on_an_older_version_is_refused(session, routed, people):
    post = services.add_post(people["writer"], routed, "Eerste.")
    threads.edit_post(people["writer"], post, "Tweede.", version=1)
    with pytest.raises(Conflict):
        threads.edit_post(people["writer"], post, "Derde.", version=1)
    assert post.body == "Tweede."


def test_only_the_author_edits(session, routed, people):
    post = services.add_post(people["writer"], routed, "Eerste.")
    with pytest.raises(AccessDenied):
        threads.edit_post(people["housing"], post, "Anders.", version=1)


def test_a_refused_version_is_never_stored(session, routed, people):
    post = services.add_post(people["writer"], routed, "Eerste.")
    with pytest.raises(PersonalDataFound):
        threads.edit_post(people["writer"], post, "Rijksregisternummer 85073000061.", version=1)
    assert "85073000061" not in " ".join(v.body for v in queries.history(post))
    assert session.scalar(sa.select(sa.func.count(PostRevision.id))) == 0


def test_a_redacted_earlier_version_is_never_shown_again(session, routed, people):
    post = services.add_post(people["writer"], routed, "Eerste met een detail.")
    threads.edit_post(people["writer"], post, "Tweede zonder.", version=1)
    revision = session.scalar(sa.select(PostRevision))
    revision.body = "Eerste met een [redacted]."  # what a coordinator's redaction does
    session.flush()
    assert [v.number for v in queries.history(post)] == [2]


def test_a_deleted_post_leaves_a_placeholder_and_its_replies(session, routed, people):
    first = services.add_post(people["writer"], routed, "Vraag.")
    reply = services.add_post(people["housing"], routed, "Antwoord.", reply_to=first)
    with pytest.raises(AccessDenied):
        threads.delete_post(people["housing"], first)
    threads.delete_post(people["writer"], first)
    shown = queries.discussion(people["housing"], routed.thread).posts
    assert [p.id for p in shown] == [first.id, reply.id]
    assert first.is_withdrawn and queries.history(first) == []


def test_a_coordinator_hides_a_post_with_a_reason_and_its_versions(session, routed, people):
    post = services.add_post(people["writer"], routed, "Eerste.")
    threads.edit_post(people["writer"], post, "Tweede.", version=1)
    with pytest.raises(AccessDenied):
        threads.hide_post(people["housing"], post, "Niet hier.")
    with pytest.raises(RuleViolation):
        threads.hide_post(people["coordinator"], post, " ")
    threads.hide_post(people["coordinator"], post, "Hoort niet in deze discussie.")
    assert queries.history(post) == []
    assert queries.moderation_log() == [post]
    assert session.scalar(sa.select(PostRevision.withheld_at)) is not None
