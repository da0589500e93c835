"""The one error hierarchy of corridor.

Every error a user can cause or meet derives from :class:`CorridorError`. Entry points map the
classes to outcomes in one place each: exit codes in :mod:`corridor.cli.errors`, HTTP statuses in
:mod:`corridor.api.errors`. Domain code never exits and never raises HTTP exceptions.

- :class:`CorridorError`
  - :class:`InvalidData`: input that cannot be read or does not fit its schema; carries the
    places (file, line, field) in :attr:`InvalidData.errors`.
    - :class:`BadQuery`: a query that cannot be answered as asked (unknown schema, algorithm
      or dataset scope, no name to screen): HTTP 400, as yente answers it.
  - :class:`SourceError`: an official source could not be fetched or is not what it claims.
  - :class:`NotFound`: an entity, case, snapshot or rule that does not exist.
  - :class:`Conflict`: a write lost a race (optimistic version check) or would duplicate.
  - :class:`ProcedureError`: a step the legal procedure forbids (adopting before a hearing...).
  - :class:`Unauthorized`: no or unknown credentials.
  - :class:`Forbidden`: known user, role not allowed to do this.
  - :class:`RefusedOperation`: an operation refused on principle unless asked for explicitly
    (summing figures of different metrics, for example).
  - :class:`ConfigError`: settings that cannot work.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ErrorDetail:
    """Where a problem is: a file, a line or record, a field, and what is wrong there."""

    message: str
    file: str | None = None
    line: int | None = None
    field: str | None = None

    def __str__(self) -> str:
        place = ":".join(str(p) for p in (self.file, self.line) if p is not None)
        if self.field is not None:
            place = f"{place} [{self.field}]" if place else f"[{self.field}]"
        return f"{place}: {self.message}" if place else self.message

    def to_dict(self) -> dict[str, str | int | None]:
        return {"message": self.message, "file": self.file, "line": self.line, "field": self.field}


class CorridorError(Exception):
    """Base of every error corridor raises on purpose."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def to_dict(self) -> dict[str, object]:
        # ``detail`` is FastAPI's and yente's key for the message (yente's ErrorResponse)
        return {"error": type(self).__name__, "message": self.message, "detail": self.message}


class InvalidData(CorridorError):
    """Input that cannot be read, or does not fit its schema."""

    def __init__(self, message: str, errors: list[ErrorDetail] | None = None) -> None:
        self.errors: list[ErrorDetail] = list(errors or [])
        if self.errors and message == "":
            message = str(self.errors[0])
        super().__init__(message)

    @classmethod
    def at(
        cls,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        field: str | None = None,
    ) -> InvalidData:
        """One problem at one place; the message names the place."""
        detail = ErrorDetail(message=message, file=file, line=line, field=field)
        return cls(str(detail), [detail])

    def to_dict(self) -> dict[str, object]:
        data = super().to_dict()
        data["errors"] = [e.to_dict() for e in self.errors]
        return data


class BadQuery(InvalidData):
    """A query that cannot be answered as asked: unknown schema, algorithm, empty query."""


class SourceError(CorridorError):
    """An official source could not be fetched, or answered with something else."""


class NotFound(CorridorError):
    """The thing asked for does not exist."""


class Conflict(CorridorError):
    """The write lost a race or would duplicate what exists."""


class ProcedureError(CorridorError):
    """The procedure forbids this step now."""


class Unauthorized(CorridorError):
    """No credentials, or credentials nobody holds."""


class Forbidden(CorridorError):
    """The user's role may not do this."""


class RefusedOperation(CorridorError):
    """Refused on principle unless asked for explicitly."""


class ConfigError(CorridorError):
    """Settings that cannot work."""
