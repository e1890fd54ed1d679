"""`python -m central` with the protocol's payload validation switched off: only for
bench_sync's side-by-side figure (what validation costs), never a way to run a centre."""

import json
import sys

import central.push as push


def _unchecked(_op_type: str, _version: int, body: dict) -> dict:
    return body


push.parse_payload_text = json.loads
push.validate_payload = _unchecked

if __name__ == "__main__":
    from central.__main__ import main

    sys.exit(main())
