"""The triage page: the bottleneck and its evidence beside the form, owners grouped by sector."""

import re

from tests import factories


def test_owners_are_grouped_by_sector_each_with_their_sectors(
    client, session, create_user, login_as
):
    income, health = factories.sector("income"), factories.sector("health")
    create_user("policy_owner", name="Ilse Inkomen", sectors=[income])
    create_user("policy_owner", name="Tom Twee", sectors=[income, health])
    create_user("policy_owner", name="Zonder Sector", sectors=[])
    bottleneck = factories.create_bottleneck()
    login_as(create_user("coordinator"))
    page = client.get(f"/bottlenecks/{bottleneck.id}/triage").get_data(as_text=True)
    groups = dict(re.findall(r'<optgroup label="([^"]+)">(.*?)</optgroup>', page, re.S))
    assert "Ilse Inkomen (Inkomen)" in groups["Inkomen"]
    assert "Tom Twee (Inkomen, Gezondheid)" in groups["Inkomen"]
    assert "Tom Twee (Inkomen, Gezondheid)" in groups["Gezondheid"]
    assert "Zonder Sector" in groups["Zonder sector"]
    assert list(groups)[-1] == "Zonder sector"


def test_the_bottleneck_and_its_evidence_stand_beside_the_form(
    client, session, create_user, login_as
):
    bottleneck = factories.create_bottleneck(description="Premies komen **maanden** later.")
    login_as(create_user("coordinator"))
    page = client.get(f"/bottlenecks/{bottleneck.id}/triage").get_data(as_text=True)
    beside = page[page.index('class="triage-context"') :]
    assert "<strong>maanden</strong>" in beside
    assert re.search(r"<dt>Meldingen</dt><dd>1</dd>", beside)
    assert 'data-multiselect=""' in page and "Houd Ctrl (of Cmd)" in page
