"""The one place where errors become HTTP statuses."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import JSONResponse

from corridor.exc import (
    BadQuery,
    ConfigError,
    Conflict,
    CorridorError,
    Forbidden,
    InvalidData,
    NotFound,
    ProcedureError,
    RefusedOperation,
    SourceError,
    Unauthorized,
)

HANDLERS: dict[type[CorridorError], int] = {
    BadQuery: 400,
    InvalidData: 422,
    NotFound: 404,
    Conflict: 409,
    ProcedureError: 409,
    Unauthorized: 401,
    Forbidden: 403,
    RefusedOperation: 400,
    SourceError: 502,
    ConfigError: 500,
}


def status_for(error: CorridorError) -> int:
    for cls in type(error).__mro__:
        if cls in HANDLERS:
            return HANDLERS[cls]
    return 400


async def handle_corridor_error(_request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, CorridorError)
    return JSONResponse(status_code=status_for(error), content=error.to_dict())
