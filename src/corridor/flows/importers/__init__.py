"""Readers that turn published flow files into :class:`~corridor.flows.figure.Figure` lists."""
