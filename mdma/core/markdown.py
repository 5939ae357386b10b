"""Markdown for posts and descriptions: rendered, then cleaned with nh3 so no script gets in.

Posts are rendered once, when they are written, and the clean HTML is stored beside the
source (`threads.models.Post.body_html`): a page of fifty posts renders no Markdown. Building
a converter costs more than converting a post, so each thread of the server keeps one and
resets it between texts.
"""

import threading

import markdown as markdown_lib
import nh3
from markupsafe import Markup

_TAGS = {
    "p", "br", "strong", "em", "code", "pre", "blockquote", "ul", "ol", "li",
    "h3", "h4", "a", "hr", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
_local = threading.local()


def _converter() -> markdown_lib.Markdown:
    converter = getattr(_local, "converter", None)
    if converter is None:
        converter = _local.converter = markdown_lib.Markdown(
            extensions=["tables", "sane_lists"], output_format="html"
        )
    return converter.reset()


def to_html(text: str | None) -> str:
    """Clean HTML of a Markdown text, as a plain string to store. Headings start at h3: the
    page owns h1 and h2. Links keep http(s), mailto and addresses inside the platform."""
    html = _converter().convert(text or "")
    for level in (2, 1):
        html = html.replace(f"<h{level}>", f"<h{level + 2}>").replace(
            f"</h{level}>", f"</h{level + 2}>"
        )
    return nh3.clean(
        html,
        tags=_TAGS,
        attributes={"a": {"href", "title"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )


def render(text: str | None) -> Markup:
    return Markup(to_html(text))
