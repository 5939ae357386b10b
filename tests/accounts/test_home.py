"""The administrator's home page: invitations waiting for an answer, users per role."""

from bs4 import BeautifulSoup

from mdma.accounts import services


def test_admin_sees_open_invitations_and_users_per_role(client, login_as, create_user):
    admin = create_user("admin", language="en")
    create_user("case_manager")
    create_user("case_manager")
    services.invite(admin, email="nieuw@test.example", name="Nieuwe Collega", role="researcher")
    login_as(admin)
    page = BeautifulSoup(client.get("/").get_data(as_text=True), "html.parser")
    invitations = page.find(id="block-open-invitations")
    assert "Nieuwe Collega" in invitations.get_text()
    per_role = page.find(id="block-users-per-role")
    link = per_role.find("a", string="Case manager")
    assert link["href"] == "/admin/users?role=case_manager"
    assert link.find_next_sibling(class_="count").get_text() == "2"
