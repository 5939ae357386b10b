import pytest
from flask_babel import force_locale

from mdma.accounts.passwords import hash_password, password_problems, verify_password

GOOD = "fietsen langs de leie in de lente"


@pytest.fixture
def problems(session):
    """password_problems in English, so the messages can be read in assertions."""

    def check(password, email="an.desmet@test.example", name="An De Smet"):
        with force_locale("en"):
            return password_problems(password, email, name)

    return check


def test_long_varied_password_has_no_problems(problems):
    assert problems(GOOD) == []


def test_short_password_is_refused(app, problems):
    minimum = app.config["MDMA_PASSWORD_MIN_LENGTH"]
    assert problems("kort wacht") == [f"Use at least {minimum} characters."]


def test_password_of_few_different_characters_is_refused(problems):
    assert problems("aaaaabbbbbaaaaabbbbb") == ["Use more different characters."]


def test_common_password_is_refused_whatever_its_case(problems):
    assert problems("Wachtwoord1234") == ["This password is too common."]


def test_password_containing_the_email_address_is_refused(problems):
    assert problems("mijn adres is an.desmet!") == [
        "Do not use your name or e-mail address in your password."
    ]


def test_password_containing_the_name_is_refused(problems):
    assert problems("ik ben an de smet, hallo") == [
        "Do not use your name or e-mail address in your password."
    ]


def test_several_problems_are_all_reported(problems):
    assert len(problems("ansmet", email="ansmet@test.example", name="An Smet")) == 2


def test_passwords_are_hashed_with_argon2id(session):
    password_hash = hash_password(GOOD)
    assert password_hash.startswith("$argon2id$")
    assert GOOD not in password_hash


def test_hash_verifies_only_its_own_password(session):
    password_hash = hash_password(GOOD)
    assert verify_password(password_hash, GOOD)
    assert not verify_password(password_hash, GOOD + ".")


def test_account_without_password_cannot_be_verified(session):
    assert not verify_password(None, "")
    assert not verify_password("not a hash", GOOD)
