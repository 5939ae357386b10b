"""What only looks like a person's data: a foundation's, a school's or a group's name, a brand
with a capital inside, the labels of a quoted mail, a service's shared mailbox."""

import pytest

from mdma.privacy import Kind, scan


def kinds(text):
    return [(f.kind, f.text) for f in scan(text)]


@pytest.mark.parametrize(
    "text",
    [
        "De Stichting Frans Van Cauwelaert steunt het project.",
        "Het Fonds Yvonne Nèvejean geeft een toelage voor de kinderopvang.",
        "In kleuterschool De Regenboog is er geen warme maaltijd meer. "
        "Het oudercomité van De Regenboog vraagt om een oplossing.",
        "Leefgroep De Egel zit vol; De Egel krijgt er in mei twee bedden bij.",
        "Met het project SchoolWijs en de app MijnBuurt bereiken we 80 gezinnen.",
        "Schrijf naar info@wijkgezondheidscentrum-demo.be of helpdesk.platform@stad-demo.be.",
    ],
)
def test_names_of_things_and_shared_mailboxes_are_no_personal_data(text):
    assert kinds(text) == []


def test_the_label_of_a_quoted_mail_is_no_name_but_the_sender_is():
    text = "> Van: Rachid Bouzid\n> Onderwerp: huur\nBeste meneer Bouzid, ik bel u morgen."
    assert [t for k, t in kinds(text) if k == Kind.PERSON_NAME] == ["Rachid Bouzid", "Bouzid"]


def test_a_persons_mailbox_and_a_name_with_a_particle_capital_stay_personal():
    assert kinds("Haar adres is info.nadia.peeters@mail-demo.be.") == [
        (Kind.EMAIL, "info.nadia.peeters@mail-demo.be")
    ]
    assert (Kind.PERSON_NAME, "McAllister") in kinds("Mevrouw McAllister belde terug.")


def test_children_of_a_class_are_still_named():
    found = kinds("In de klas Yasmine en Tom zitten samen aan tafel.")
    assert (Kind.PERSON_NAME, "Yasmine") in found


@pytest.mark.parametrize(
    "text",
    [
        "De Uil, De Egel en De Vos zijn de namen van de drie klassen.",
        "Les groupes s'appellent Les Castors et Les Renards.",
        "The wards are called The Oak and The Willow.",
    ],
)
def test_groups_named_in_a_sentence_about_their_names_are_no_persons(text):
    assert kinds(text) == []


def test_a_person_in_a_sentence_about_a_group_keeps_her_name():
    found = kinds("Mevrouw De Vos heet voluit Els De Vos en leidt groep 2.")
    assert (Kind.PERSON_NAME, "Els De Vos") in found
