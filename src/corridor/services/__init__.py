"""Use cases that combine domain logic, the store and settings; CLI, API and console call these."""
