"""The base of every response model, and ISO 8601 text types that keep the services' format."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, WithJsonSchema

IsoDateTime = Annotated[str, WithJsonSchema({"type": "string", "format": "date-time"})]
"""An instant as ISO 8601 text with its UTC offset, exactly as the service wrote it."""

IsoDate = Annotated[str, WithJsonSchema({"type": "string", "format": "date"})]
"""A day as ISO 8601 text (``2021-11-17``)."""


class ApiModel(BaseModel):
    """Responses say exactly what they hold: a field no model declares is refused."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Health(ApiModel):
    status: str
    version: str
