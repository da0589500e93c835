"""The HTTP API (FastAPI): thin routers over the same service functions as the CLI."""
