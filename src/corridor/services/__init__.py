"""Use cases: each module joins domain logic to the store, the batch engines and the settings.

The CLI, the API and the console call these functions and nothing below them; domain packages
(:mod:`corridor.screening`, :mod:`corridor.rules`, :mod:`corridor.flows`, ...) never import this
package. The import-linter contracts in ``pyproject.toml`` check both directions.
"""
