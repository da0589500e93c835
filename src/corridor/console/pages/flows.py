"""Flows: interactive Vega-Lite charts (one per metric, measures as rules), surge alerts and
reconciliations."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from corridor.console.web import SettingsDep, UserDep, render
from corridor.services.flow_charts import FlowChartsCache

router = APIRouter(include_in_schema=False)


@router.get("/flows")
def flows(request: Request, settings: SettingsDep, user: UserDep) -> HTMLResponse:
    cache = getattr(request.app.state, "flow_charts", None)
    if not isinstance(cache, FlowChartsCache):
        cache = request.app.state.flow_charts = FlowChartsCache()
    return render(request, "flows.html", {"view": cache.get(settings)}, user=user)
