"""Response models of the HTTP API: every route declares one, so ``/openapi.json`` describes
every body and FastAPI checks each response against it (an undeclared field is an error, not a
silent drop)."""
