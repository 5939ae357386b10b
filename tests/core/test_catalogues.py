"""Translations: every message of mdma/ and templates/ is translated into Dutch, French and
English, the catalogues compile, and pages come out in the language the reader chose.

After adding or changing a message: `scripts/i18n extract`, translate the new entries in
translations/{nl,fr,en}/LC_MESSAGES/messages.po, then `scripts/i18n compile`.
"""

import io
import re
from functools import cache
from gettext import GNUTranslations
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from flask_babel import force_locale, get_translations

from mdma.config import LANGUAGES, ROOT
from mdma.core.i18n import BABEL_LOCALES

TRANSLATIONS = ROOT / "translations"
SOURCE_FOLDERS = ("mdma", "templates")
PLURAL_FORMS = {
    "nl": "nplurals=2; plural=(n != 1);",
    "fr": "nplurals=2; plural=(n > 1);",
    "en": "nplurals=2; plural=(n != 1);",
}
# What Python's % operator reads in a string: %(name)s, %d, %%, or a stray % that would
# break the formatting (templates always format their messages, even without arguments).
FORMAT_TOKEN = re.compile(r"%(?:\(\w+\))?[#0 +-]*(?:\d+)?(?:\.\d+)?[a-zA-Z%]?")
# Templates mark translations safe, so a translation may not bring markup of its own.
MARKUP = re.compile(r"<[^>]*>")


def _in_source(path: str) -> bool:
    relative = Path(path).relative_to(ROOT)
    return relative.parts[0] in SOURCE_FOLDERS and not relative.name.startswith((".", "_"))


@cache
def source_messages() -> dict[tuple, str]:
    """{(msgid, context): where it is first used}, extracted as `scripts/i18n extract` does."""
    with (ROOT / "babel.cfg").open() as mapping:
        method_map, options_map = parse_mapping_cfg(mapping)
    found = {}
    for filename, lineno, message, _comments, context in extract_from_dir(
        str(ROOT), method_map, options_map, directory_filter=_in_source
    ):
        found.setdefault((message, context), f"{filename}:{lineno}")
    return found


def catalogue(language: str):
    with (TRANSLATIONS / language / "LC_MESSAGES" / "messages.po").open("rb") as po:
        return read_po(po, locale=language)


def tokens(text: str) -> set[str]:
    return set(FORMAT_TOKEN.findall(text))


def translation_problems(message, entry, plural_count: int) -> list[str]:
    """What is wrong with one catalogue entry for a message found in the source."""
    if entry is None:
        return ["missing"]
    if entry.fuzzy:
        return ["fuzzy"]
    if isinstance(message, tuple):
        forms = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        if len(forms) != plural_count or not all(forms):
            return [f"needs {plural_count} non-empty plural forms"]
        allowed = tokens(message[0]) | tokens(message[1])
        problems = [f"placeholders of {form!r}" for form in forms if not tokens(form) <= allowed]
        if tokens(forms[-1]) != tokens(message[1]):
            problems.append(f"placeholders of {forms[-1]!r} differ from {message[1]!r}")
        sources, translations = message, forms
    else:
        if not entry.string or isinstance(entry.string, tuple):
            return ["not translated"]
        problems = []
        if tokens(entry.string) != tokens(message):
            problems.append(f"placeholders of {entry.string!r}")
        sources, translations = (message,), (entry.string,)
    markup = set(MARKUP.findall(" ".join(sources)))
    if any(set(MARKUP.findall(text)) - markup for text in translations):
        problems.append("markup in the translation")
    return problems


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_of_the_source_is_translated(language):
    messages = source_messages()
    assert ("Case manager", None) in messages, "babel.cfg's keywords (_l) need Babel 2.18"
    po = catalogue(language)
    problems = [
        f"{where} {message!r}: {problem}"
        for (message, context), where in messages.items()
        for problem in translation_problems(message, po.get(message, context), po.num_plurals)
    ]
    assert not problems, (
        f"translations/{language}: run scripts/i18n extract and translate:\n  "
        + "\n  ".join(problems)
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_compiles_without_errors(language):
    po = catalogue(language)
    assert not po.fuzzy, "a catalogue with a fuzzy header is skipped by pybabel compile"
    assert str(po.locale) == language
    assert po.plural_forms == PLURAL_FORMS[language]
    errors = [f"{message.id!r}: {error}" for message, errors in po.check() for error in errors]
    assert not errors
    compiled = io.BytesIO()
    write_mo(compiled, po)
    compiled.seek(0)
    assert GNUTranslations(compiled).gettext("Log in")  # as gettext reads it at run time


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_catalogue_is_up_to_date(language):
    """The .mo the application reads is the .po as it stands (scripts/i18n compile)."""
    mo = TRANSLATIONS / language / "LC_MESSAGES" / "messages.mo"
    assert mo.exists(), f"{mo} is missing: run scripts/i18n compile"
    expected = io.BytesIO()
    write_mo(expected, catalogue(language))
    assert mo.read_bytes() == expected.getvalue(), f"{mo} is stale: run scripts/i18n compile"


@pytest.mark.parametrize("language", LANGUAGES)
def test_belgian_locale_reads_its_language_catalogue(app, language):
    """nl_BE, fr_BE and en_GB (dates, numbers) fall back to the nl, fr and en catalogues."""
    with app.test_request_context(), force_locale(BABEL_LOCALES[language]):
        loaded = {Path(name).resolve() for name in get_translations().files}
    assert TRANSLATIONS / language / "LC_MESSAGES" / "messages.mo" in loaded


def heading(response) -> str:
    return re.search(r"<h1>(.*?)</h1>", response.get_data(as_text=True)).group(1)


def test_log_in_page_is_dutch_by_default_and_follows_the_chosen_language(client):
    page = client.get("/login")
    assert heading(page) == "Aanmelden"
    assert 'lang="nl"' in page.get_data(as_text=True)
    assert "Wachtwoord vergeten?" in page.get_data(as_text=True)

    client.post("/language", data={"language": "fr"})
    page = client.get("/login")
    assert heading(page) == "Se connecter"
    assert "Adresse e-mail" in page.get_data(as_text=True)

    client.post("/language", data={"language": "en"})
    page = client.get("/login")
    assert heading(page) == "Log in"
    assert 'lang="en"' in page.get_data(as_text=True)
