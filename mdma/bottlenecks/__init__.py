"""Bottlenecks (knelpunten): anonymised problems met in casework, their evidence and lifecycle."""
