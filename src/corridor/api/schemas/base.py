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


class ErrorPlace(ApiModel):
    message: str
    file: str | None = None
    line: int | None = None
    field: str | None = None


class ErrorOut(ApiModel):
    """Every refusal: the error class of :mod:`corridor.exc`, a message, and for bad input the
    places (file, line, field) it names."""

    error: str
    message: str
    errors: list[ErrorPlace] | None = None


def _error(description: str) -> dict[str, object]:
    return {"model": ErrorOut, "description": description}


# The statuses any route may answer besides its own (api/errors.py maps errors to them):
# documented on every route so clients and Schemathesis know them.
ERROR_RESPONSES: dict[int | str, dict[str, object]] = {
    400: _error("Refused on principle unless asked for explicitly"),
    401: _error("No or unknown API token"),
    403: _error("The user's role may not do this"),
    404: _error("Not found"),
    409: _error("Conflict: changed since read, or a step the procedure forbids now"),
    413: _error("Request body larger than CORRIDOR_MAX_BODY_BYTES"),
    422: _error("Invalid input: the field, line or file is named"),
}
