"""Readers that turn published flow files into :class:`~corridor.flows.figure.Figure` lists."""

# The kinds of flow file corridor reads, by the name ``corridor flows load --kind`` takes.
KINDS: tuple[str, ...] = (
    "border_csv",
    "national_csv",
    "frontex_rda",
    "frontex_xlsx",
    "opensky_flightlist",
    "opensky_daily",
)
