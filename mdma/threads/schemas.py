"""Thread API shapes: the OpenAPI document is generated from them."""

import marshmallow as ma

from mdma.api.base import DateTime, FreeText, Id, Version
from mdma.threads.services import MAX_POST_LENGTH, MAX_REASON_LENGTH


def _text(post, attribute: str):
    """A withdrawn post's text (and its versions) is given to no one."""
    return None if post.is_withdrawn else getattr(post, attribute)


class PostSchema(ma.Schema):
    id = ma.fields.Int(dump_only=True)
    thread_id = ma.fields.Int(dump_only=True)
    author = ma.fields.Function(lambda p: p.author.handle, dump_only=True)
    body = ma.fields.Function(
        lambda p: _text(p, "body"),
        dump_only=True,
        allow_none=True,
        metadata={"description": "Markdown source; null when deleted or hidden"},
    )
    body_html = ma.fields.Function(
        lambda p: _text(p, "body_html"),
        dump_only=True,
        allow_none=True,
        metadata={"description": "The clean HTML, rendered when written"},
    )
    version = ma.fields.Int(dump_only=True)
    reply_to = ma.fields.Int(attribute="reply_to_id", dump_only=True, allow_none=True)
    answer_sector = ma.fields.Function(
        lambda p: p.answer_sector.code if p.answer_sector else None,
        dump_only=True,
        allow_none=True,
        metadata={"description": "Code of the sector this post answers for"},
    )
    created_at = DateTime(dump_only=True)
    edited_at = DateTime(dump_only=True, allow_none=True)
    deleted = ma.fields.Function(lambda p: p.deleted_at is not None, dump_only=True)
    hidden_reason = ma.fields.Str(dump_only=True, allow_none=True)


class Confirmable(ma.Schema):
    confirmed_not_personal_data = ma.fields.Bool(
        load_default=False,
        metadata={"description": "The writer confirms that what the guard found is a false alarm"},
    )


class PostInput(Confirmable):
    body = FreeText(
        required=True,
        validate=ma.validate.Length(min=1, max=MAX_POST_LENGTH),
        metadata={"description": "Markdown"},
    )
    reply_to = Id(load_default=None, metadata={"description": "Id of the post replied to"})
    as_answer = ma.fields.Bool(
        load_default=False,
        metadata={"description": "A policy owner's answer for their routed sector"},
    )


class PostEdit(Confirmable):
    body = FreeText(required=True, validate=ma.validate.Length(min=1, max=MAX_POST_LENGTH))
    version = Version(required=True, metadata={"description": "The version the edit was made on"})


class HideInput(Confirmable):
    reason = FreeText(required=True, validate=ma.validate.Length(min=1, max=MAX_REASON_LENGTH))


class PostRevisionSchema(ma.Schema):
    number = ma.fields.Int(dump_only=True)
    author = ma.fields.Function(lambda v: v.author.handle, dump_only=True)
    at = DateTime(dump_only=True)
    body = ma.fields.Str(dump_only=True)


class ThreadSchema(ma.Schema):
    id = ma.fields.Int(dump_only=True)
    subject_type = ma.fields.Str(dump_only=True)
    subject_id = ma.fields.Int(dump_only=True)
    page = ma.fields.Str(dump_only=True)
    posts = ma.fields.Int(dump_only=True, metadata={"description": "Number of posts"})
    unread = ma.fields.Int(dump_only=True, metadata={"description": "Posts since the last visit"})
    last_read_post_id = ma.fields.Int(dump_only=True, allow_none=True)
    muted = ma.fields.Bool(dump_only=True)
    may_write = ma.fields.Bool(dump_only=True)


class PostsQuery(ma.Schema):
    since = DateTime(
        load_default=None,
        metadata={"description": "Only posts written or changed since then (after a reconnect)"},
    )


class MuteInput(ma.Schema):
    muted = ma.fields.Bool(required=True)


class MentionQuery(ma.Schema):
    q = ma.fields.Str(required=True, validate=ma.validate.Length(min=1, max=40))


class MentionSchema(ma.Schema):
    handle = ma.fields.Str(dump_only=True)
    name = ma.fields.Str(dump_only=True)
    kind = ma.fields.Str(dump_only=True, metadata={"description": "user or sector"})
