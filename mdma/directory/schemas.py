"""API shapes of the directory."""

import marshmallow as ma


class SectorSchema(ma.Schema):
    id = ma.fields.Int(dump_only=True)
    code = ma.fields.Str(dump_only=True)
    name = ma.fields.Str(dump_only=True, metadata={"description": "In the caller's language"})
    name_nl = ma.fields.Str(dump_only=True)
    name_fr = ma.fields.Str(dump_only=True)
    name_en = ma.fields.Str(dump_only=True)
    archived = ma.fields.Bool(dump_only=True)


class SectorRefSchema(ma.Schema):
    id = ma.fields.Int(dump_only=True)
    code = ma.fields.Str(dump_only=True)
    name = ma.fields.Str(dump_only=True)


class OrganisationSchema(ma.Schema):
    id = ma.fields.Int(dump_only=True)
    name = ma.fields.Str(dump_only=True)
    kind = ma.fields.Str(dump_only=True)
    contact_email = ma.fields.Str(dump_only=True)
    contact_phone = ma.fields.Str(dump_only=True)
    website = ma.fields.Str(dump_only=True)
    archived = ma.fields.Bool(dump_only=True)
    sectors = ma.fields.List(ma.fields.Nested(SectorRefSchema), dump_only=True)


class OrganisationQuerySchema(ma.Schema):
    q = ma.fields.Str(
        load_default="",
        validate=ma.validate.Length(max=200),
        metadata={"description": "Part of the name"},
    )
    sector = ma.fields.Str(load_default=None, metadata={"description": "Sector code"})
    include_archived = ma.fields.Bool(
        load_default=False, metadata={"description": "Administrators only; ignored for others"}
    )


class LifeDomainSchema(ma.Schema):
    code = ma.fields.Str(dump_only=True)
    name = ma.fields.Str(dump_only=True)
