"""Screening names and codes against the official lists, across scripts and spellings.

:mod:`~corridor.screening.names` normalises, :mod:`~corridor.screening.index` finds candidates,
:mod:`~corridor.screening.features` and :mod:`~corridor.screening.algorithm` score them,
:mod:`~corridor.screening.result` explains, :mod:`~corridor.services.screening` is the entry point
and :mod:`~corridor.screening.evaluate` measures quality.
"""
