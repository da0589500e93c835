"""Use cases that combine domain logic, the store, sources and settings: what the CLI, the API
and the console call."""
