"""Markdown for posts and descriptions: rendered, then cleaned with nh3 so no script gets in.

Posts are rendered once, when they are written, and the clean HTML is stored beside the
source (`threads.models.Post.body_html`): a page of fifty posts renders no Markdown.
"""

import html
import re
import threading

import markdown as markdown_lib
import nh3
from markupsafe import Markup

_TAGS = {
    "p", "br", "strong", "em", "code", "pre", "blockquote", "ul", "ol", "li",
    "h3", "h4", "a", "hr", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip


#: One converter, reset between texts: building one with its extensions cost more than
#: converting a post. The lock keeps two threads from sharing it at once (under gevent a
#: conversion never yields, so nobody waits).
_converter = markdown_lib.Markdown(extensions=["tables", "sane_lists"], output_format="html")
_converting = threading.Lock()


def _convert(text: str) -> str:
    with _converting:
        return _converter.reset().convert(text)


def to_html(text: str | None) -> str:
    """Clean HTML of a Markdown text, as a plain string to store. Headings start at h3: the
    page owns h1 and h2. Links keep http(s), mailto and addresses inside the platform."""
    rendered = _convert(text or "")
    for level in (2, 1):
        rendered = rendered.replace(f"<h{level}>", f"<h{level + 2}>").replace(
            f"</h{level}>", f"</h{level + 2}>"
        )
    return nh3.clean(
        rendered,
        tags=_TAGS,
        attributes={"a": {"href", "title"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )


def render(text: str | None) -> Markup:
    return Markup(to_html(text))


#: Tags between blocks of text: they become a space; every other tag goes without a trace.
_BLOCK_TAG = re.compile(
    r"</?(?:p|br|li|ul|ol|h\d|pre|blockquote|table|thead|tbody|tr|t[dh]|hr)\b[^>]*>"
)
_TAG = re.compile(r"<[^>]*>")


def plain(text: str | None) -> str:
    """The words a reader sees, without Markdown's marks: for excerpts and previews. HTML
    written in the text stays text (`<` is escaped before Markdown sees it)."""
    words = _TAG.sub("", _BLOCK_TAG.sub(" ", _convert((text or "").replace("<", "&lt;"))))
    return " ".join(html.unescape(words).split())
