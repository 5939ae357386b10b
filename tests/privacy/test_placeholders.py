"""A redacted text shows its placeholders in the reader's language."""

from flask_babel import force_locale
from markupsafe import Markup

from mdma.privacy import placeholders
from tests import factories


def test_a_placeholder_reads_in_the_current_language(app):
    with app.test_request_context(), force_locale("fr_BE"):
        assert placeholders.localise("Mevrouw [naam] belde, nr [telefoonnummer].") == (
            "Mevrouw [nom] belde, nr [numéro de téléphone]."
        )


def test_other_brackets_are_left_alone(app):
    with app.test_request_context(), force_locale("en_GB"):
        assert placeholders.localise("See [1] and [Naam]") == "See [1] and [name]"


def test_markup_stays_markup_and_is_escaped(app):
    with app.test_request_context(), force_locale("fr_BE"):
        shown = placeholders.finalize(Markup("<p>[nummerplaat]</p>"))
    assert isinstance(shown, Markup)
    assert shown == Markup("<p>[plaque d’immatriculation]</p>")


def test_a_bottleneck_redacted_in_dutch_reads_in_french(client, session, login_as):
    writer = factories.create_user("case_manager", language="nl")
    bottleneck = factories.create_bottleneck(
        writer, "Gezin van [naam] wacht", "Contact via [telefoonnummer]."
    )
    login_as(factories.create_user("coordinator", language="fr"))
    page = client.get(f"/bottlenecks/{bottleneck.id}").get_data(as_text=True)
    assert "Gezin van [nom] wacht" in page
    assert "Contact via [numéro de téléphone]." in page
