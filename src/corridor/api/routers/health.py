"""``GET /healthz``: liveness and version."""

from __future__ import annotations

from fastapi import APIRouter

from corridor import __version__

router = APIRouter(tags=["health"])


@router.get("/healthz", summary="Liveness and version")
def healthz() -> dict[str, str]:
    return {"status": "ok", "version": __version__}
