"""Structural signals: the criteria check before a bottleneck counts as structural, its named
owner (trekker) and progress reports, the evidence threshold that makes it a candidate, and
feedback to every reporter at each step that matters to them (Ghent's Werkgroep Signalen,
as software: `../shared/design.md`, "How structural signalling works in practice")."""
