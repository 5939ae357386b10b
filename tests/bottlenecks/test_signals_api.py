"""The structural track through the API: the same rules and refusals as the services."""

from datetime import date

from mdma.bottlenecks import routing, services
from mdma.bottlenecks.models import Bottleneck
from mdma.bottlenecks.signals.models import Assessment
from tests import factories
from tests.bottlenecks.conftest import count

URL = "/api/v1/bottlenecks"
YES = dict.fromkeys(("clear", "neutral", "recognised", "shared"), True)


def routed(writer, coordinator, *codes):
    bottleneck = factories.create_bottleneck(writer)
    routing.triage(
        coordinator, bottleneck, sectors=[factories.sector(c) for c in codes],
        level="intersectoral",
    )  # fmt: skip
    return bottleneck


def test_check_assessments_owner_and_progress_through_the_api(call, session, writer, coordinator, owner):  # fmt: skip
    bottleneck = routed(writer, coordinator, "housing")
    opened = call("POST", f"{URL}/{bottleneck.id}/checks", coordinator)
    assert opened.status_code == 201 and opened.json["status"] == "open"
    housing = factories.sector("housing").id
    body = {"sector_id": housing, **YES, "comments": {"clear": "Duidelijk."}}
    assessed = call("POST", f"{URL}/{bottleneck.id}/checks/open/assessments", owner, json=body)
    assert assessed.status_code == 201, assessed.json
    assert session.get(Bottleneck, bottleneck.id).level == "structural"
    named = call(
        "PUT", f"{URL}/{bottleneck.id}/signal/owner", coordinator,
        json={"owner_id": owner.id, "theme": "Betaalbaar wonen"},
    )  # fmt: skip
    assert named.status_code == 200 and named.json["owner"]["id"] == owner.id
    reported = call(
        "POST", f"{URL}/{bottleneck.id}/progress-reports", owner, json={"body": "Overleg gestart."}
    )
    assert reported.status_code == 201
    [mine] = call("GET", "/api/v1/signals/mine", writer).json
    assert mine["id"] == bottleneck.id and "Overleg" not in mine["last_feedback"]
    assert mine["level"] == "structural"


def test_refusals_through_the_api_change_nothing(call, session, writer, coordinator, owner, create_user):  # fmt: skip
    bottleneck = routed(writer, coordinator, "housing", "income")
    call("POST", f"{URL}/{bottleneck.id}/checks", coordinator)
    housing = factories.sector("housing").id
    outsider = create_user("policy_owner", sectors=[factories.sector("health")])
    path = f"{URL}/{bottleneck.id}/checks/open/assessments"
    body = {"sector_id": housing, **YES}
    assert call("POST", path, outsider, json=body).status_code == 403
    assert call("POST", path, writer, json=body).status_code == 403
    assert call("POST", path, owner, json=body | {"shared": False}).status_code == 201
    second = call("POST", path, owner, json=body)
    assert second.status_code == 409 and second.json["error"]["message"]
    assert count(session, Assessment) == 1
    assert call("POST", f"{URL}/{bottleneck.id}/checks", coordinator).status_code == 409
    not_owner = call(
        "POST", f"{URL}/{bottleneck.id}/progress-reports", owner, json={"body": "Nog niets."}
    )
    assert not_owner.status_code == 409  # no owner yet: it is not structural
    triage = {"sector_ids": [housing], "level": "structural"}
    other = factories.create_bottleneck(writer)
    refused = call("POST", f"{URL}/{other.id}/triage", coordinator, json=triage)
    assert refused.status_code == 422 and "level" in refused.json["error"]["fields"]


def test_candidates_and_the_signal_show_the_evidence(app, call, session, writer, coordinator, monkeypatch):  # fmt: skip
    for name, value in [("MDMA_CANDIDATE_OCCURRENCES", 2), ("MDMA_CANDIDATE_REPORTERS", 2),
                        ("MDMA_CANDIDATE_ORGANISATIONS", 1)]:  # fmt: skip
        monkeypatch.setitem(app.config, name, value)
    organisation = factories.create_organisation()
    writer.organisation = organisation
    bottleneck = routed(writer, coordinator, "housing")
    witness = factories.create_user("case_manager", organisation=organisation)
    services.add_occurrence(witness, bottleneck, occurred_on=date.today())
    [candidate] = call("GET", "/api/v1/signals/candidates", coordinator).json
    assert candidate["bottleneck"]["id"] == bottleneck.id
    assert candidate["candidate_figures"] == {"occurrences": 2, "reporters": 2, "organisations": 1}
    assert call("GET", "/api/v1/signals/candidates", writer).status_code == 403
    signal = call("GET", f"{URL}/{bottleneck.id}/signal", writer).json
    assert signal["evidence"]["occurrences"] == 2
