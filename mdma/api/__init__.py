"""The API base under /api/v1: the blueprint factory each domain's `api.py` uses, the JSON error
shape, one commit per call, and the OpenAPI document the domains add to. Token auth is in
`accounts`; endpoints are in each domain's own `api.py`."""
