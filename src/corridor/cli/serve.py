"""``corridor serve``: the analyst console (at ``/``) and the HTTP API under uvicorn."""

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
        """Serve the console at / and the API (OpenAPI at /docs); default secret: dev, loopback only."""
        import uvicorn

        from corridor.api.app import create_app
        from corridor.exc import ConfigError
        from corridor.settings import DEFAULT_SECRET, refuse_default_secret

        settings = get_context(ctx).settings
        refuse_default_secret(settings)
        if settings.secret == DEFAULT_SECRET and host not in ("127.0.0.1", "localhost", "::1"):
            raise ConfigError(
                f"refusing to listen on {host} with the default CORRIDOR_SECRET: set a secret"
            )
        uvicorn.run(create_app(settings), host=host, port=port, log_level="info")
