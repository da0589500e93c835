"""The API contract under Schemathesis (#17): a bounded run against the app with a token.

Every operation of ``/openapi.json`` gets generated requests (valid and edge cases of its
schema), sent with a decision maker's bearer token over a store holding the seeded operators
and one case. Checked on every answer: no server error (5xx) and no status the operation does
not document. The run is bounded (``MAX_EXAMPLES`` per operation) so it fits in ``make test``;
a longer run is ``CONTRACT_EXAMPLES=200 pytest tests/api/test_api_contract.py``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import status_code_conformance

from corridor.api.app import create_app
from corridor.blacklist.roles import Role, User
from corridor.services import blacklist as blacklist_service
from corridor.services import cases
from corridor.settings import Settings

MAX_EXAMPLES = int(os.environ.get("CONTRACT_EXAMPLES", "8"))
TOKEN: dict[str, str] = {}


@pytest.fixture(scope="module")
def contract_app(tmp_path_factory: pytest.TempPathFactory) -> Any:
    home: Path = tmp_path_factory.mktemp("contract")
    app = create_app(Settings(home=home))
    engine, secret = app.state.engine, app.state.settings.secret
    blacklist_service.seed_operators(engine)
    cases.open_case(engine, User("ana", Role.ANALYST), "Belavia", "flights to Minsk")
    TOKEN["Authorization"] = "Bearer " + blacklist_service.add_user(
        engine, "dora", Role.DECISION_MAKER, secret
    )
    return app


def test_no_server_error_and_no_undocumented_status(contract_app: Any) -> None:
    api = schemathesis.openapi.from_asgi("/openapi.json", contract_app)
    failures: list[str] = []
    operations = 0
    for result in api.get_all_operations():
        operation = result.ok()
        operations += 1

        @given(case=operation.as_strategy())
        @settings(
            max_examples=MAX_EXAMPLES,
            deadline=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
            database=None,
        )
        def run(case: Any) -> None:
            case.call_and_validate(
                headers=dict(TOKEN), checks=[not_a_server_error, status_code_conformance]
            )

        try:
            run()
        except (Exception, BaseExceptionGroup) as error:  # noqa: BLE001 - each is reported
            failures.append(f"{operation.label}: {str(error)[:600]}")
    assert operations >= 30
    assert not failures, "\n\n".join(failures)
