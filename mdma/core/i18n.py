"""The interface language: the user's choice, else the visitor's pick, else what their browser
asks for (`Accept-Language`), else Dutch (Flemish)."""

from flask import current_app, has_request_context, request, session
from flask_login import current_user

#: Interface language → the Babel locale used for dates and numbers (Belgian formats).
BABEL_LOCALES = {"nl": "nl_BE", "fr": "fr_BE", "en": "en_GB"}
LANGUAGE_NAMES = {"nl": "Nederlands", "fr": "Français", "en": "English"}


def current_language() -> str:
    if not has_request_context():  # CLI, tasks: the default language
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    if current_user and current_user.is_authenticated:
        language = current_user.language
    else:
        language = session.get("language") or request.accept_languages.best_match(
            current_app.config["MDMA_LANGUAGES"]
        )
    if language not in current_app.config["MDMA_LANGUAGES"]:
        language = current_app.config["BABEL_DEFAULT_LOCALE"]
    return language


def select_locale() -> str:
    return BABEL_LOCALES[current_language()]
