"""``GET /healthz``: liveness and version."""

from __future__ import annotations

from fastapi import APIRouter

from corridor import __version__
from corridor.api.schemas.base import Health

router = APIRouter(tags=["health"])


@router.get("/healthz", summary="Liveness and version")
def healthz() -> Health:
    return Health(status="ok", version=__version__)
