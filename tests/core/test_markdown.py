"""Markdown through one reused converter renders each text as a fresh converter would."""

import markdown as markdown_lib

from mdma.core import markdown

TEXTS = [
    "Een **aanvraag** bleef *liggen*.\n\n- eerst bellen\n- dan mailen",
    "## Titel\n\n1. een\n2. twee\n\n| a | b |\n|---|---|\n| 1 | 2 |",
    "Zie [de richtlijn][r].\n\n[r]: https://www.example.org/richtlijn",
    "<script>alert(1)</script> en <b>vet</b>\n\n    code",
    "",
]


def _fresh(text: str) -> str:
    kept = markdown._converter
    markdown._converter = markdown_lib.Markdown(extensions=["tables", "sane_lists"])
    try:
        return str(markdown.render(text))
    finally:
        markdown._converter = kept


def test_each_text_renders_as_with_a_fresh_converter():
    expected = [_fresh(text) for text in TEXTS]
    for _ in range(2):  # and again, after every other text
        assert [str(markdown.render(text)) for text in TEXTS] == expected


def test_a_reference_defined_in_one_text_does_not_resolve_in_the_next():
    markdown.render("[r]: https://www.example.org/richtlijn")
    assert "href" not in str(markdown.render("Zie [de richtlijn][r]."))
