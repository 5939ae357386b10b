"""Markdown for posts and descriptions: rendered, then cleaned with nh3 so no script gets in."""

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
_converter = markdown_lib.Markdown(extensions=["tables", "sane_lists"])
_converting = threading.Lock()


def render(text: str | None) -> Markup:
    """Headings start at h3: the page owns h1 and h2."""
    with _converting:
        rendered = _converter.reset().convert(text or "")
    for level in (2, 1):
        rendered = rendered.replace(f"<h{level}>", f"<h{level + 2}>").replace(
            f"</h{level}>", f"</h{level + 2}>"
        )
    clean = nh3.clean(
        rendered,
        tags=_TAGS,
        attributes={"a": {"href", "title"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
    return Markup(clean)


#: Tags between blocks of text: they become a space; every other tag goes without a trace.
_BLOCK_TAG = re.compile(
    r"</?(?:p|br|li|ul|ol|h\d|pre|blockquote|table|thead|tbody|tr|t[dh]|hr)\b[^>]*>"
)
_TAG = re.compile(r"<[^>]*>")


def plain(text: str | None) -> str:
    """The words a reader sees, without Markdown's marks: for excerpts and previews. HTML
    written in the text stays text (`<` is escaped before Markdown sees it)."""
    source = (text or "").replace("<", "&lt;")
    with _converting:
        rendered = _converter.reset().convert(source)
    words = _TAG.sub("", _BLOCK_TAG.sub(" ", rendered))
    return " ".join(html.unescape(words).split())
