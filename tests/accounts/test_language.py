"""The interface language: the account's choice, else the visitor's pick, else the browser's
Accept-Language, else Dutch; switched in one step from any page."""

import re


def _language(response) -> str:
    return re.search(r'<html lang="(\w+)"', response.get_data(as_text=True)).group(1)


def test_an_anonymous_visitor_gets_the_language_their_browser_asks_for(client):
    response = client.get("/login", headers={"Accept-Language": "fr-BE,fr;q=0.9,en;q=0.5"})
    assert _language(response) == "fr"
    assert "Se connecter" in response.get_data(as_text=True)


def test_a_language_the_platform_lacks_falls_back_to_the_next_asked_then_dutch(client):
    assert _language(client.get("/login", headers={"Accept-Language": "de, en;q=0.8"})) == "en"
    assert _language(client.get("/login", headers={"Accept-Language": "de"})) == "nl"


def test_the_visitors_pick_wins_over_the_browser(client):
    client.post("/language", data={"language": "en", "next": "/login"})
    assert _language(client.get("/login", headers={"Accept-Language": "fr"})) == "en"


def test_one_click_switches_the_language_and_comes_back(client, session, create_user, login_as):
    user = create_user("case_manager")
    login_as(user)
    response = client.post(
        "/language", data={"language": "fr", "next": "/bottlenecks"}, follow_redirects=True
    )
    assert response.request.path == "/bottlenecks"
    assert _language(response) == "fr"
    assert user.language == "fr"


def test_every_page_offers_the_other_languages_as_buttons(client, session, create_user, login_as):
    login_as(create_user("case_manager", language="nl"))
    html = client.get("/").get_data(as_text=True)
    assert 'name="language" value="fr" lang="fr">Français</button>' in html
    assert 'name="language" value="en" lang="en">English</button>' in html
    assert 'value="nl"' not in html.split('class="language-form"')[1].split("</form>")[0]
