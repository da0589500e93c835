"""``corridor serve``: the HTTP API under uvicorn."""

from __future__ import annotations

import typer

from corridor.cli.context import get_context


def register(app: typer.Typer) -> None:
    @app.command()
    def serve(
        ctx: typer.Context,
        host: str = typer.Option("127.0.0.1", help="Address to listen on."),
        port: int = typer.Option(8000, help="Port to listen on."),
    ) -> None:
        """Serve the API (OpenAPI at /docs)."""
        import uvicorn

        from corridor.api.app import create_app

        settings = get_context(ctx).settings
        uvicorn.run(create_app(settings), host=host, port=port, log_level="info")
