"""The one place where errors become exit codes.

| exit | meaning |
| --- | --- |
| 0 | success |
| 1 | a screening or check found hits/denials when asked to fail on them (``--fail-on-hit``) |
| 2 | bad input: unreadable file, schema violation, a file of another source |
| 3 | not found |
| 4 | refused: conflict, forbidden step of the procedure, role not allowed, unsafe operation |
| 5 | an official source could not be fetched |
| 6 | configuration error |
| 70 | an unexpected internal error (a bug: please report it) |
"""

from __future__ import annotations

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

EXIT_CODES: dict[type[CorridorError], int] = {
    BadQuery: 2,
    InvalidData: 2,
    NotFound: 3,
    Conflict: 4,
    ProcedureError: 4,
    Forbidden: 4,
    Unauthorized: 4,
    RefusedOperation: 4,
    SourceError: 5,
    ConfigError: 6,
}


def exit_code_for(error: CorridorError) -> int:
    """The exit code of an error: the entry of its nearest class in :data:`EXIT_CODES`."""
    for cls in type(error).__mro__:
        if cls in EXIT_CODES:
            return EXIT_CODES[cls]
    return 2
