"""Rules compiled to one DuckDB SQL query over passenger-segment columns.

Each rule becomes a boolean column expression; the decision is a ``CASE`` over them and the
fired rules a list of rule ids. Codes are read upper case (``ist`` is ``IST``), as
the one-booking path reads them. Origins and destinations are joined to the ``airports`` table
(airportsdata) for their country, so ``country:TR`` tests one column. Rows that fail validation
get a reason and go to the rejects query instead. Both queries read a relation given as SQL text
(``read_parquet('...')`` or a registered view) and stream.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from corridor.bookings.model import DOCUMENT_TYPES, TICKET_TYPES, airport_countries
from corridor.rules.spec import Effect, Rule

# Optional input columns and their value when the file lacks them.
DEFAULTS: dict[str, str] = {
    "point_of_sale": "NULL",
    "marketing_carrier": "operating_carrier",
    "flight_number": "''",
    "is_connection": "false",
    "document_type": "'passport'",
    "residence_permits": "''",
    "visas": "''",
}
REQUIRED: tuple[str, ...] = (
    "booking_id",
    "passenger_id",
    "segment_no",
    "sale_time",
    "ticket_type",
    "operating_carrier",
    "origin",
    "destination",
    "departure",
    "nationalities",
)


def quote(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def sql_list(values: Sequence[str]) -> str:
    return "[" + ", ".join(quote(v) for v in values) + "]"


def sql_in(column: str, values: Sequence[str]) -> str:
    return f"{column} IN ({', '.join(quote(v) for v in values)})"


def sql_time(moment: datetime) -> str:
    return f"TIMESTAMPTZ {quote(moment.isoformat())}"


def expand_places(places: Sequence[str]) -> list[str]:
    """Airport codes for a place list (``country:XX`` becomes every airport of XX)."""
    countries = airport_countries()
    wanted = {p.removeprefix("country:") for p in places if p.startswith("country:")}
    codes = {p for p in places if not p.startswith("country:")}
    codes.update(code for code, country in countries.items() if country in wanted)
    return sorted(codes)


def place_condition(column: str, places: Sequence[str]) -> str:
    """Airport codes compare on the code, ``country:XX`` on the airport's country column."""
    codes = [p for p in places if not p.startswith("country:")]
    countries = [p.removeprefix("country:") for p in places if p.startswith("country:")]
    tests = []
    if codes:
        tests.append(sql_in(column, codes))
    if countries:
        tests.append(sql_in(f"_{column}_country", countries))
    return "(" + " OR ".join(tests) + ")"


def _codes(column: str) -> str:
    """A ``;``-joined code column as a list, split only where a rule needs it."""
    return f"string_split({column}, ';')"


def rule_condition(rule: Rule) -> str:
    """The rule as a SQL boolean over the normalised columns (``_sale``, ``_nat_text``...).

    The tests are ordered cheap and selective first (dates, then carriers and places, then the
    passenger's lists) and wrapped in ``CASE WHEN``, which DuckDB evaluates with selection
    vectors: a row that fails the date test is never split into its nationality list.
    """
    moment = "_sale" if rule.checks_sale else "_dep"
    parts = [f"{moment} >= {sql_time(rule.start)}"]
    end = rule.end
    if end is not None:
        parts.append(f"{moment} < {sql_time(end)}")
    if rule.operating_carriers:
        parts.append(sql_in("operating_carrier", rule.operating_carriers))
    if rule.marketing_carriers:
        parts.append(sql_in("_mkt", rule.marketing_carriers))
    if rule.carriers:
        parts.append(
            f"({sql_in('operating_carrier', rule.carriers)} OR {sql_in('_mkt', rule.carriers)})"
        )
    if rule.ticket_types:
        parts.append(sql_in("ticket_type", rule.ticket_types))
    if rule.transit_only:
        parts.append("_conn")
    if rule.points_of_sale:
        parts.append(sql_in("_pos", rule.points_of_sale))
    for column, places in (("destination", rule.destinations), ("origin", rule.origins)):
        if places:
            parts.append(place_condition(column, places))
    if rule.nationalities:
        listed = sql_list(rule.nationalities)
        nat = _codes("_nat_text")
        if rule.nationality_match == "all":
            parts.append(f"list_has_all({listed}, {nat})")
        else:
            parts.append(f"list_has_any({nat}, {listed})")
    exempt: list[str] = []
    for exemption in rule.exemptions:
        kind, _, value = exemption.partition(":")
        if kind == "document":
            exempt.append(f"_doc = {quote(value)}")
        elif kind == "residence":
            exempt.append(f"list_contains({_codes('_res_text')}, {quote(value)})")
        elif kind == "visa":
            exempt.append(f"list_contains({_codes('_visa_text')}, {quote(value)})")
        else:
            exempt.append(f"list_contains({_codes('_nat_text')}, {quote(value)})")
    if exempt:
        parts.append(f"NOT ({' OR '.join(exempt)})")
    return f"CASE WHEN {' AND '.join(parts)} THEN true ELSE false END"


def _code(column: str) -> str:
    """A code column as upper-case text (``ist`` reads as ``IST``).

    Not trimmed: ``trim`` costs a third of the normalisation on ten million rows, and a code
    with blanks around it is rejected with its reason rather than guessed at.
    """
    return f"upper(CAST({column} AS VARCHAR))"


def _code_list(column: str) -> str:
    """A ``;``-joined code list, upper case, blanks removed (``sy; iq`` reads as ``SY;IQ``)."""
    return f"coalesce(upper(replace(CAST({column} AS VARCHAR), ' ', '')), '')"


def normalised_sql(source: str, columns: Sequence[str]) -> str:
    """Typed, normalised columns over ``source``: codes upper case, airports with country."""
    present = set(columns)
    get = {c: (c if c in present else DEFAULTS[c]) for c in DEFAULTS}
    return f"""
    SELECT
      CAST(booking_id AS VARCHAR) AS booking_id,
      CAST(passenger_id AS VARCHAR) AS passenger_id,
      TRY_CAST(segment_no AS INTEGER) AS segment_no,
      TRY_CAST(sale_time AS TIMESTAMPTZ) AS _sale,
      TRY_CAST(departure AS TIMESTAMPTZ) AS _dep,
      lower(CAST(ticket_type AS VARCHAR)) AS ticket_type,
      {_code(get["point_of_sale"])} AS _pos,
      {_code("operating_carrier")} AS operating_carrier,
      {_code(f"coalesce({get['marketing_carrier']}, operating_carrier)")} AS _mkt,
      _o.iata AS origin,
      _d.iata AS destination,
      _o.country AS _origin_country,
      _d.country AS _destination_country,
      coalesce(TRY_CAST({get["is_connection"]} AS BOOLEAN), false) AS _conn,
      {_code_list("nationalities")} AS _nat_text,
      coalesce(lower(CAST({get["document_type"]} AS VARCHAR)), 'passport') AS _doc,
      {_code_list(get["residence_permits"])} AS _res_text,
      {_code_list(get["visas"])} AS _visa_text
    FROM {source} AS _s
    LEFT JOIN airports AS _o ON _o.iata = {_code("_s.origin")}
    LEFT JOIN airports AS _d ON _d.iata = {_code("_s.destination")}"""


def reason_sql() -> str:
    """The first problem of a normalised row, or NULL."""
    tickets = ", ".join(quote(t) for t in TICKET_TYPES)
    documents = ", ".join(quote(d) for d in DOCUMENT_TYPES)
    return f"""CASE
      WHEN coalesce(booking_id, '') = '' THEN 'booking_id missing'
      WHEN coalesce(passenger_id, '') = '' THEN 'passenger_id missing'
      WHEN segment_no IS NULL THEN 'segment_no missing or not a number'
      WHEN _sale IS NULL THEN 'sale_time missing or not a time'
      WHEN _dep IS NULL THEN 'departure missing or not a time'
      WHEN ticket_type IS NULL OR ticket_type NOT IN ({tickets}) THEN 'ticket_type unknown'
      WHEN NOT regexp_full_match(coalesce(operating_carrier, ''), '[A-Z0-9]{{2}}')
        THEN 'operating_carrier is not an IATA carrier code'
      WHEN NOT regexp_full_match(coalesce(_mkt, ''), '[A-Z0-9]{{2}}')
        THEN 'marketing_carrier is not an IATA carrier code'
      WHEN origin IS NULL THEN 'origin is not a known IATA airport'
      WHEN destination IS NULL THEN 'destination is not a known IATA airport'
      WHEN coalesce(_nat_text, '') = '' THEN 'nationalities missing'
      WHEN NOT regexp_full_match(_nat_text, '[A-Z]{{2}}(;[A-Z]{{2}})*')
        THEN 'nationalities are not ;-separated upper-case ISO country codes'
      WHEN _doc NOT IN ({documents}) THEN 'document_type unknown'
      ELSE NULL END"""


def checked_sql(source: str, columns: Sequence[str]) -> str:
    return f"SELECT *, {reason_sql()} AS _reason FROM ({normalised_sql(source, columns)})"


def decisions_sql(rules: Sequence[Rule], source: str, columns: Sequence[str]) -> str:
    """Decisions for the valid rows of ``source``."""
    flags = [f"{rule_condition(r)} AS _r{i}" for i, r in enumerate(rules)]
    deny = [f"_r{i}" for i, r in enumerate(rules) if r.effect.is_deny]
    refer = [f"_r{i}" for i, r in enumerate(rules) if r.effect is Effect.REFER]
    fired = ", ".join(f"CASE WHEN _r{i} THEN {quote(r.id)} END" for i, r in enumerate(rules))
    # Most rows fire nothing: build the list of fired rules only for the rows that fire one.
    rules_list = (
        f"CASE WHEN {' OR '.join(f'_r{i}' for i in range(len(rules)))}"
        f" THEN list_filter([{fired}], lambda x: x IS NOT NULL) ELSE []::VARCHAR[] END"
        if rules
        else "[]::VARCHAR[]"
    )
    decision = "CASE"
    if deny:
        decision += f" WHEN {' OR '.join(deny)} THEN 'deny'"
    if refer:
        decision += f" WHEN {' OR '.join(refer)} THEN 'refer'"
    decision = f"{decision} ELSE 'allow' END" if deny or refer else "'allow'"
    select_flags = ", " + ", ".join(flags) if flags else ""
    return f"""
    SELECT booking_id, passenger_id, segment_no, {decision} AS decision,
           {rules_list} AS rules
    FROM (
      SELECT booking_id, passenger_id, segment_no{select_flags}
      FROM ({checked_sql(source, columns)}) WHERE _reason IS NULL
    )"""


def rejects_sql(source: str, columns: Sequence[str]) -> str:
    """The invalid rows of ``source`` with the reason, keyed as far as they can be."""
    return f"""
    SELECT booking_id, passenger_id, segment_no, _reason AS reason
    FROM ({checked_sql(source, columns)}) WHERE _reason IS NOT NULL"""
