"""corridor: sanctions lists, screening, an operator blacklist, route measures, flows and
evidence, for the people who act against migrant smuggling through transport networks.

The package is layered; dependencies point inward:

- :mod:`corridor.model` holds plain types (entities, names, identifiers, intervals, time).
- domain logic (:mod:`corridor.screening`, :mod:`corridor.rules`, :mod:`corridor.flows`, ...)
  works on model objects and does no I/O of its own.
- :mod:`corridor.store`, :mod:`corridor.sources` and :mod:`corridor.batch` are ports and adapters.
- :mod:`corridor.cli` and :mod:`corridor.api` are the entry points: they build settings, open the
  store and call the service functions.
"""

from corridor.exc import CorridorError

__version__ = "0.1.0"

__all__ = ["CorridorError", "__version__"]
