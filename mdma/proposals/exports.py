"""An advice version as a document, in the advice's language: HTML (one file with its own
style), PDF (WeasyPrint: title page, table of contents, page numbers, the city's name and
logo) and Word (python-docx: real headings and tables, so policy staff can edit it)."""

import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import gettext as _

from mdma import config
from mdma.core.dates import format_when
from mdma.core.markdown import plain
from mdma.directory.models import LIFE_DOMAIN_LABELS, LifeDomain
from mdma.proposals.models import GOVERNMENT_LEVEL_LABELS, KIND_LABELS, AdviceVersion

PRINT_CSS = config.ROOT / "static" / "css" / "advice.css"


@dataclass
class Group:
    name: str
    proposals: list


def _group_name(group, language: str) -> str:
    if group is None:
        return _("Other")
    if isinstance(group, dict):
        return group.get(language) or group.get("nl", "")
    return str(LIFE_DOMAIN_LABELS[LifeDomain(group)])


def groups(document: dict) -> list[Group]:
    """Proposals per life domain or sector, in the order of the first proposal of each; the
    proposals without one last."""
    language = document.get("language", "nl")
    found: dict[str, Group] = {}
    for item in document.get("proposals", []):
        name = _group_name(item["group"], language)
        found.setdefault(name, Group(name, [])).proposals.append(item)
    other = _("Other")
    return sorted(found.values(), key=lambda g: g.name == other)


def _context(version: AdviceVersion) -> dict:
    document = version.document
    start, end = (date.fromisoformat(d) for d in document["period"])
    return {
        "version": version,
        "document": document,
        "groups": groups(document),
        "level": GOVERNMENT_LEVEL_LABELS[document["level"]],
        "period": f"{format_when(start, 'date')} – {format_when(end, 'date')}",
        "city": current_app.config["MDMA_CITY_NAME"],
        "kind_labels": KIND_LABELS,
        "domain_labels": {d.value: label for d, label in LIFE_DOMAIN_LABELS.items()},
    }


def html(version: AdviceVersion, *, for_pdf: bool = False) -> str:
    with force_locale(version.document.get("language", "nl")):
        context = _context(version)
        logo = current_app.config["MDMA_CITY_LOGO"]
        context["logo"] = Path(logo).resolve().as_uri() if (for_pdf and logo) else None
        context["style"] = PRINT_CSS.read_text()
        context["for_pdf"] = for_pdf
        return render_template("proposals/advice_document.html", **context)


def pdf(version: AdviceVersion) -> bytes:
    from weasyprint import HTML  # loads Pango: only when a PDF is asked for

    return HTML(string=html(version, for_pdf=True), base_url=str(config.ROOT)).write_pdf()


def docx(version: AdviceVersion) -> bytes:
    document = version.document
    with force_locale(document.get("language", "nl")):
        context = _context(version)
        from docx import Document  # on first export: pages never need python-docx

        word = Document()
        word.core_properties.title = version.title
        word.add_paragraph(context["city"])
        _add(word, version.title, "Title")
        word.add_paragraph(
            _("Signal bundle: all structural bottlenecks of the period")
            if document.get("kind") == "signal_bundle"
            else _("Policy advice for the %(level)s level", level=str(context["level"]).lower())
        )
        word.add_paragraph(context["period"])
        if version.introduction:
            _add(word, _("Introduction"), "Heading1")
            _paragraphs(word, version.introduction)
        for group in context["groups"]:
            _add(word, group.name, "Heading1")
            for item in group.proposals:
                _add(word, item["title"], "Heading2")
                word.add_paragraph(str(KIND_LABELS[item["kind"]]))
                if item["body"]:
                    word.add_paragraph(_("For: %(body)s", body=item["body"]))
                for heading, key in (
                    (_("Problem"), "problem"),
                    (_("Proposal"), "proposal"),
                    (_("Expected effect"), "expected_effect"),
                ):
                    _add(word, heading, "Heading3")
                    _paragraphs(word, item[key])
                _table(word, None, [(str(k), str(v)) for k, v in figure_rows(item["evidence"])])
        if document.get("signals"):
            _add(word, _("Structural signals"), "Heading1")
            for signal in document["signals"]:
                _add(word, signal["title"], "Heading2")
                _table(word, None, [(str(k), str(v)) for k, v in figure_rows(signal["evidence"])])
        if version.conclusion:
            _add(word, _("Conclusion"), "Heading1")
            _paragraphs(word, version.conclusion)
        annex = document["annex"]
        _add(word, _("Annex: the figures"), "Heading1")
        _table(word, None, [(str(k), str(v)) for k, v in figure_rows(annex)])
        _table(word, (_("Sector"), _("Bottlenecks")), list(annex["sectors"].items()))
        domains = [(context["domain_labels"][d], n) for d, n in annex["domains"].items()]
        _table(word, (_("Life domain"), _("Bottlenecks")), domains)
        out = io.BytesIO()
        word.save(out)
        return out.getvalue()


def _add(word, text: str, style_id: str | None = None):
    """A paragraph in a style of the default template, named by its id: python-docx's lookup
    by name walks every style for each paragraph (seconds for an advice of 200 proposals)."""
    paragraph = word.add_paragraph(text)
    if style_id:
        paragraph._p.get_or_add_pPr().style = style_id
    return paragraph


def _paragraphs(word, markdown_text: str) -> None:
    for block in (markdown_text or "").split("\n\n"):
        if block.strip():
            word.add_paragraph(plain(block))


def _table(word, heading, rows) -> None:
    """A two-column table with the template's grid, its heading row first when given."""
    rows = [heading, *rows] if heading else list(rows)
    if not rows or (heading and len(rows) == 1):
        return
    table = word.add_table(rows=len(rows), cols=2)
    table._tbl.tblPr.style = "TableGrid"
    for row, (name, value) in zip(table.rows, rows, strict=True):
        row.cells[0].text, row.cells[1].text = str(name), str(value)


def figure_rows(figures: dict) -> list[tuple[str, object]]:
    return [
        (_("Bottlenecks"), figures["bottlenecks"]),
        (_("Occurrences"), figures["occurrences"]),
        (_("Case managers who reported them"), figures["reporters"]),
        (_("Organisations"), figures["organisations"]),
        (_("First occurrence"), _day(figures["first"])),
        (_("Last occurrence"), _day(figures["last"])),
    ]


def _day(value):
    return format_when(date.fromisoformat(value), "date") if value else "—"
