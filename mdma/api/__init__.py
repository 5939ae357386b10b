"""The JSON API under /api/v1: token auth, JSON errors, and the OpenAPI document domains add to."""
