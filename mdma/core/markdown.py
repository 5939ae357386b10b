"""Markdown for posts and descriptions: rendered, then cleaned with nh3 so no script gets in."""

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
        html = _converter.reset().convert(text or "")
    for level in (2, 1):
        html = html.replace(f"<h{level}>", f"<h{level + 2}>").replace(
            f"</h{level}>", f"</h{level + 2}>"
        )
    clean = nh3.clean(
        html,
        tags=_TAGS,
        attributes={"a": {"href", "title"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
    return Markup(clean)
