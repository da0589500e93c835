"""``corridor serve``: the analyst console (at ``/``) and the HTTP API under uvicorn."""

from __future__ import annotations

import os

import typer

from corridor.cli.context import get_context


def register(app: typer.Typer) -> None:
    @app.command()
    def serve(
        ctx: typer.Context,
        host: str = typer.Option("127.0.0.1", help="Address to listen on."),
        port: int = typer.Option(8000, help="Port to listen on."),
        workers: int = typer.Option(
            1, min=1, max=16, help="Server processes (each with its own screening index)."
        ),
        access_log: bool = typer.Option(
            False, "--access-log/--no-access-log", help="Log every request (costs throughput)."
        ),
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
        if workers == 1:
            uvicorn.run(
                create_app(settings), host=host, port=port, log_level="info", access_log=access_log
            )
            return
        # several processes build the app from the environment: pass the root options on
        os.environ["CORRIDOR_HOME"] = str(settings.home.resolve())
        os.environ["CORRIDOR_DB_URL"] = settings.database_url
        uvicorn.run(
            "corridor.api.app:create_app",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            log_level="info",
            access_log=access_log,
        )
