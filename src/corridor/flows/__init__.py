"""Flows: border and flight figures kept with their meaning, surges, the impact of measures.

A :class:`~corridor.flows.figure.Figure` is one number with its metric, reporter, border, period,
whether it is approximate and its source. Figures of different metrics or overlapping periods are
never added or compared unless the caller asks for it explicitly
(:mod:`corridor.flows.metric`).
"""
