"""API shapes of accounts."""

import marshmallow as ma

from mdma.directory.schemas import SectorRefSchema


class OrganisationRefSchema(ma.Schema):
    id = ma.fields.Int(dump_only=True)
    name = ma.fields.Str(dump_only=True)


class MeSchema(ma.Schema):
    id = ma.fields.Int(dump_only=True)
    email = ma.fields.Str(dump_only=True)
    name = ma.fields.Str(dump_only=True)
    handle = ma.fields.Str(dump_only=True)
    role = ma.fields.Str(dump_only=True)
    language = ma.fields.Str(dump_only=True)
    organisation = ma.fields.Nested(OrganisationRefSchema, allow_none=True, dump_only=True)
    sectors = ma.fields.List(ma.fields.Nested(SectorRefSchema), dump_only=True)
    permissions = ma.fields.List(ma.fields.Str(), dump_only=True)
