"""The guard on every write of free text: refuse personal data, or log a confirmed false alarm.

`scan` and `redact` stay pure; services call `check` before they store a text.
"""

from flask_babel import lazy_gettext as _l

from mdma.core.errors import RuleViolation
from mdma.core.logbook import record
from mdma.privacy import KIND_LABELS, redact, scan
from mdma.privacy.findings import Finding

MESSAGE = _l(
    "This text seems to contain personal data. Remove it or use the suggested redaction; "
    "only if it is a false alarm, confirm that it is not personal data."
)


def _no_organisations() -> tuple[str, ...]:
    return ()


#: Where the guard learns the platform's own organisation names (never names of persons);
#: create_app points it at the directory, a floor above.
organisation_source = _no_organisations


def known_organisations() -> tuple[str, ...]:
    return tuple(organisation_source())


class PersonalDataFound(RuleViolation):
    """Refuses a text; carries what was found and the suggested redaction for the writer."""

    def __init__(self, field: str, text: str, findings: list[Finding], organisations=()):
        super().__init__(MESSAGE, field=field, status=422)
        self.text = text
        self.findings = findings
        self.redacted = redact(text, organisations)

    def as_json(self) -> list[dict]:
        return findings_json(self.findings)


def findings_json(findings: list[Finding]) -> list[dict]:
    return [
        {
            "start": f.start,
            "end": f.end,
            "kind": f.kind.value,
            "label": str(KIND_LABELS[f.kind]),
            "text": f.text,
        }
        for f in findings
    ]


def check(actor, text: str | None, *, field: str, confirmed: bool = False, subject=None) -> None:
    """Refuse `text` when it seems to hold personal data, unless the writer confirmed a false
    alarm; that confirmation is logged with each finding's kind and place, never its text."""
    organisations = known_organisations()
    findings = scan(text or "", organisations)
    if not findings:
        return
    if not confirmed:
        raise PersonalDataFound(field, text, findings, organisations)
    record(
        actor,
        "privacy:false_alarm_confirmed",
        subject,
        field=field,
        findings=[{"kind": f.kind.value, "start": f.start, "end": f.end} for f in findings],
    )
