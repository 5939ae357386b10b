"""`mdma privacy rescan` on a database of its own: a progress bar, then what it found."""

import sqlalchemy as sa

from tests.test_cli import database, mdma  # noqa: F401  (the fixture and the runner)


def test_rescan_command_scans_stored_texts_and_keeps_the_findings(database):  # noqa: F811
    assert mdma("demo").exit_code == 0
    with database.begin() as connection:
        connection.execute(
            sa.text(
                "UPDATE bottlenecks SET description = :text WHERE id = (SELECT min(id) FROM bottlenecks)"
            ),
            {"text": "Mevrouw Vercaemst belde: dossier 2024/0815/OCMW blijft liggen."},
        )
    result = mdma("privacy", "rescan")
    assert result.exit_code == 0, result.output
    assert "Scanning stored texts" in result.output
    with database.connect() as connection:
        kinds = connection.execute(
            sa.text("SELECT kind FROM privacy_findings WHERE field = 'bottleneck.description'")
        ).scalars()
        assert {"person_name", "case_file_number"} <= set(kinds)
    again = mdma("privacy", "rescan")
    assert "(0 new)" in again.output
