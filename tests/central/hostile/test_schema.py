"""schemathesis against the centre's own OpenAPI document (enroll, push, pull, health) on
loopback, as an enrolled device: whatever the schema allows or nearly allows, the centre
never answers with a server error (the `not_a_server_error` check). Bounded examples per
operation; SCHEMA_EXAMPLES sets the number for every operation in a long run."""

import os
from collections import Counter

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error

LONG_RUN = os.environ.get("SCHEMA_EXAMPLES")
# Short mode: a push body of up to 2,000 generated operations takes hypothesis a second or
# more to build, so push gets fewer examples than the small requests.
SHORT_EXAMPLES = {"POST /v1/push": 8}


def examples_for(label: str) -> int:
    return int(LONG_RUN) if LONG_RUN else SHORT_EXAMPLES.get(label, 20)


OPERATIONS = ("POST /v1/enroll", "POST /v1/push", "GET /v1/pull", "GET /v1/health")
# Positive: requests the schema allows; negative: requests it refuses (a 4xx is expected).
# Health takes no input, so there is no request for it to refuse.
RUNS = [
    pytest.param(
        label,
        mode,
        id=f"{label}-{mode.value}",
        marks=[pytest.mark.slow] if label in SHORT_EXAMPLES else [],  # several seconds each
    )
    for label in OPERATIONS
    for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
    if not (label == "GET /v1/health" and mode is GenerationMode.NEGATIVE)
]


@pytest.mark.parametrize(("label", "mode"), RUNS)
def test_no_request_the_schema_describes_gets_a_server_error(world, live, label, mode):
    counter = world.counter()
    schema = schemathesis.openapi.from_url(f"{live.url}/openapi.json")
    operation = schema.find_operation_by_label(label)
    assert operation is not None, label
    failures: list = []
    statuses: Counter = Counter()

    @settings(
        max_examples=examples_for(label),
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(mode))
    def call(case):
        response = case.call(base_url=live.url, headers=counter.auth, timeout=30)
        statuses[response.status_code] += 1
        try:
            case.validate_response(response, checks=[not_a_server_error])
        except AssertionError as failure:  # schemathesis's own failure: kept, shrunk later
            failures.append((label, response.status_code, str(failure)[:300]))
            raise

    call()
    count = sum(statuses.values())
    print(f"\nschemathesis {label} {mode.value}: {count} requests, statuses {dict(statuses)}")
    assert failures == []
    assert not any(status >= 500 for status in statuses)
