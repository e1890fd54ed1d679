"""The central system's HTTP API (FastAPI). OpenAPI docs at /docs, the schema at /openapi.json.

Every request but enrollment and health carries `Authorization: Bearer <device token>`.
Errors answer `{"code": ..., "message": ...}` with a stable code (docs/sync-protocol.md).
"""

import gc
import json
import logging
import os
import time
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from typing import Annotated

from fastapi import Depends, FastAPI, Header, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from sqlalchemy import Engine
from sqlalchemy import exc as sa_exc
from sqlalchemy.orm import Session

from central import admin, push
from central.admin_devices import note_counter_report
from central.api_models import (
    AuditAnswerOut,
    AuditHeadIn,
    EnrollRequest,
    EnrollResponse,
    ErrorOut,
    IdentityOut,
    OperationResult,
    PullResponse,
    PushRequest,
    PushResponse,
    StoreOut,
)
from central.audit_anchor import AuditHead, anchor_head
from central.console.mount import mount_console
from central.db import DEFAULT_URL, create_central_engine, sessions
from central.errors import CentralError
from central.feed import changes_after
from central.lease import grant_lease, lease_for, store_lease_days
from central.limits import BodyLimit, EnrollBrake, client_address, parse_trusted_proxies
from central.models import Device
from central.signing import CentreKey, ensure_centre_key
from services.protocol import codes
from services.protocol.validate import openapi_components

log = logging.getLogger(__name__)
MAX_PAGE = 10_000
PUSH_ATTEMPTS = 5


def _db(request: Request) -> Iterator[Session]:
    session = request.app.state.sessions()
    try:
        yield session
    finally:
        session.close()


DbSession = Annotated[Session, Depends(_db)]


def create_app(
    engine: Engine,
    clock: Callable[[], datetime] | None = None,
    trusted_proxies: str | Iterable[str] | None = None,
) -> FastAPI:
    """`trusted_proxies`: addresses or networks of the reverse proxies whose X-Forwarded-For
    or Forwarded header names the client (None: CENTRAL_TRUSTED_PROXIES, comma-separated)."""
    clock = clock or (lambda: datetime.now(UTC))
    if trusted_proxies is None:
        trusted_proxies = os.environ.get("CENTRAL_TRUSTED_PROXIES")
    proxies = parse_trusted_proxies(trusted_proxies)
    app_sessions = sessions(engine)
    app = FastAPI(
        title="Loyalty central system",
        version="1",
        description="Enrollment, operation push and change pull for loyalty counters.",
    )
    app.state.engine = engine
    app.state.sessions = app_sessions
    app.state.clock = clock
    app.state.trusted_proxies = proxies
    app.state.enroll_brake = EnrollBrake()
    app.state.centre_key = _prepare_centre_key(app_sessions)
    app.add_middleware(BodyLimit)
    app.openapi = _with_protocol_schemas(app)
    mount_console(app)  # head office's pages under /console (central.console)

    @app.exception_handler(RequestValidationError)
    def _invalid_request(_request: Request, error: RequestValidationError) -> Response:
        # FastAPI's own answer echoes the input, and input holding a lone surrogate cannot
        # be written as UTF-8 (the centre answered 500): say where and what, not the input.
        where = [
            {"loc": [str(part) for part in e.get("loc", ())], "type": str(e.get("type", ""))}
            for e in error.errors()
        ]
        body = {
            "code": codes.REQUEST_INVALID,
            "message": codes.message(codes.REQUEST_INVALID, "en"),
            "detail": where,
        }
        return Response(json.dumps(body, ensure_ascii=True), 422, media_type="application/json")

    @app.exception_handler(CentralError)
    def _central_error(_request: Request, error: CentralError) -> JSONResponse:
        # The params fill the counter's message (e.g. the store code an enrollment is for).
        params = {key: str(value)[:120] for key, value in error.params.items()}
        body = {"code": error.code, "message": error.words(), "params": params}
        return JSONResponse(body, status_code=error.status)

    def device_for(session: Session, authorization: str | None) -> Device:
        device = admin.authenticate(session, authorization, clock())
        session.expunge(device)
        session.rollback()
        return device

    @app.get("/v1/health")
    def health() -> dict:
        return {"status": "ok", "server_time": clock().isoformat()}

    @app.post(
        "/v1/enroll",
        response_model=EnrollResponse,
        responses={403: {"model": ErrorOut}, 409: {"model": ErrorOut}, 429: {"model": ErrorOut}},
    )
    def enroll(request: EnrollRequest, session: DbSession, http: Request) -> EnrollResponse:
        client = client_address(http.client.host if http.client else None, http.headers, proxies)
        if not http.app.state.enroll_brake.allow(client):
            raise CentralError(codes.ENROLL_TOO_MANY_ATTEMPTS, 429)
        try:
            key = bytes.fromhex(request.public_key)
        except ValueError as exc:
            raise CentralError(codes.ENROLL_BAD_KEY, 400) from exc
        try:
            proof = bytes.fromhex(request.proof) if request.proof is not None else None
        except ValueError as exc:
            raise CentralError(codes.ENROLL_BAD_PROOF, 403) from exc
        with session.begin():
            result = admin.enroll_device(
                session,
                request.code,
                request.device_id,
                key,
                request.label,
                request.store_id,
                clock(),
                store_code=request.store_code,
                proof=proof,
            )
        s = result.store
        lease = lease_for(clock(), store_lease_days(session, s.id))
        return EnrollResponse(
            device_id=result.device_id,
            token=result.token,
            chain_id=s.chain_id,
            chain_name=s.chain_name,
            store=StoreOut(id=s.id, code=s.code, name=s.name, timezone=s.timezone),
            server_time=clock(),
            centre_key=http.app.state.centre_key.public_hex,
            lease_until=lease.lease_until,
            wipe_after=lease.wipe_after,
        )

    @app.get(
        "/v1/identity",
        response_model=IdentityOut,
        responses={401: {"model": ErrorOut}, 403: {"model": ErrorOut}},
    )
    def identity(
        session: DbSession, authorization: Annotated[str | None, Header()] = None
    ) -> IdentityOut:
        """The centre's signing key, for a counter enrolled before centres signed their
        changes: it pins it once (docs/sync-protocol.md, Authentication)."""
        device = device_for(session, authorization)
        key = app.state.centre_key
        return IdentityOut(
            chain_id=device.chain_id, centre_key=key.public_hex, fingerprint=key.fingerprint
        )

    @app.post(
        "/v1/push",
        response_model=PushResponse,
        responses={401: {"model": ErrorOut}, 403: {"model": ErrorOut}},
    )
    def push_operations(
        request: PushRequest,
        session: DbSession,
        authorization: Annotated[str | None, Header()] = None,
        x_device_time: Annotated[
            datetime | None, Header(description="the counter's clock when it sent this")
        ] = None,
        x_counter_version: Annotated[
            str | None, Header(description="the counter program's version (shown to head office)")
        ] = None,
        x_counter_queue: Annotated[
            str | None, Header(description="how many operations wait at the counter")
        ] = None,
    ) -> Response:
        device = device_for(session, authorization)
        device_now = _sane_time(x_device_time)
        envelopes = [
            push.Envelope(
                o.id,
                o.device_id,
                o.seq,
                o.type,
                o.version,
                o.payload,
                o.payload_hash,
                o.store_id,
                o.staff_id,
                o.device_time if o.device_time.tzinfo else o.device_time.replace(tzinfo=UTC),
            )
            for o in request.operations
        ]
        # Checked before the transaction: outside the device's lock, and once for all retries.
        parsed = push.checked_payloads(envelopes)
        for attempt in range(PUSH_ATTEMPTS):
            try:
                with session.begin():
                    now = clock()
                    outcome = push.push_batch(session, device, envelopes, now, device_now, parsed)
                    lease = grant_lease(session, device.id, device.store_id, now)
                    note_counter_report(session, device.id, x_counter_version, x_counter_queue)
                    anchored = _anchor_audit(session, device.id, request.audit, now)
                break
            except (sa_exc.IntegrityError, sa_exc.OperationalError) as exc:
                # Another device's batch won a race (a first redemption, a deadlock): the
                # whole batch is applied again and now sees what that one committed.
                session.rollback()
                if attempt == PUSH_ATTEMPTS - 1:
                    log.error("push failed after retries", exc_info=exc)
                    raise CentralError(codes.PUSH_RETRY_LATER, 503) from exc
                time.sleep(0.01 * (attempt + 1))
        # Made of the centre's own values, so not validated again: FastAPI's check of a
        # returned model went over every result, a twentieth of a 1,000-operation push.
        answer = PushResponse.model_construct(
            results=[OperationResult.model_construct(**r.__dict__) for r in outcome.results],
            next_expected_seq=outcome.next_expected_seq,
            server_time=clock(),
            lease_until=lease.lease_until,
            wipe_after=lease.wipe_after,
            audit=anchored,
        )
        return Response(answer.model_dump_json(), media_type="application/json")

    @app.get(
        "/v1/pull",
        response_model=PullResponse,
        responses={401: {"model": ErrorOut}, 403: {"model": ErrorOut}},
    )
    def pull(
        session: DbSession,
        after: Annotated[int, Query(ge=0)] = 0,
        limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 1000,
        authorization: Annotated[str | None, Header()] = None,
    ) -> Response:
        # One transaction for the token, the page and the lease: a pull is a few round trips,
        # and each one counts when a thousand counters pull.
        with session.begin():
            device = admin.authenticate(session, authorization, clock())
            changes, cursor, more = changes_after(
                session, device.chain_id, device.store_id, after, limit
            )
            lease_days = store_lease_days(session, device.store_id)
        # The bodies are stored as canonical JSON: spliced in, not parsed and dumped again.
        parts = [
            f'{{"seq":{c["seq"]},"kind":{json.dumps(c["kind"])},'
            f'"key":{json.dumps(c["key"])},"body":{c["body"]}'
            + (f',"sig":"{c["sig"]}"}}' if c["sig"] else "}")
            for c in changes
        ]
        lease = lease_for(clock(), lease_days)
        now = json.dumps(clock().isoformat())
        text = (
            f'{{"changes":[{",".join(parts)}],"cursor":{cursor},'
            f'"more":{"true" if more else "false"},"server_time":{now},'
            f'"lease_until":{json.dumps(lease.lease_until.isoformat())},'
            f'"wipe_after":{json.dumps(lease.wipe_after.isoformat())}}}'
        )
        return Response(text, media_type="application/json")

    return app


def _prepare_centre_key(app_sessions) -> CentreKey:
    """The centre's signing key, made at its first start; several workers starting at once
    race to make it, and the losers read the winner's."""
    for attempt in range(2):
        session = app_sessions()
        try:
            with session.begin():
                return ensure_centre_key(session)
        except sa_exc.IntegrityError:
            if attempt:
                raise
        finally:
            session.close()
    raise AssertionError("unreachable")


def _anchor_audit(
    session: Session, device_id: str, head: AuditHeadIn | None, now: datetime
) -> AuditAnswerOut | None:
    """The counter's audit head checked against its last anchor (central.audit_anchor)."""
    if head is None:
        return None
    answer = anchor_head(session, device_id, AuditHead(**head.model_dump()), now)
    return AuditAnswerOut(status=answer.status, anchor_id=answer.anchor_id, code=answer.code)


def _sane_time(value: datetime | None) -> datetime | None:
    """A device's clock as it told it, or None when it is unusable (no zone: taken as UTC)."""
    if value is None or not 2000 <= value.year <= 2100:
        return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _with_protocol_schemas(app: FastAPI) -> Callable[[], dict]:
    """The OpenAPI document with every operation payload's and change body's schema as
    components (`protocol.<Model>`), and under `x-sync-protocol` which one each type
    (`<type>.v<version>`) and kind uses: an operation's payload travels as text, so tools
    find its shape there."""
    default = app.openapi

    def openapi() -> dict:
        if app.openapi_schema is None:
            schema = default()
            components, payloads, changes = openapi_components()
            schema.setdefault("components", {}).setdefault("schemas", {}).update(components)
            schema["x-sync-protocol"] = {"payloads": payloads, "changes": changes}
        return app.openapi_schema

    return openapi


def tune_collector() -> None:
    """For a server process, once its modules are loaded: what is alive now lives as long as
    the process, so the cycle collector stops walking it (`gc.freeze`), and runs less often
    (a push makes thousands of short-lived objects, freed by reference counting anyway).
    The collector took a sixth of the centre's time in a push."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(GC_THRESHOLD, 20, 20)


GC_THRESHOLD = 20_000


def app_from_env() -> FastAPI:
    """For `uvicorn --factory central.app:app_from_env --workers N`: each worker process
    builds its own engine from CENTRAL_DB_URL (the database is migrated beforehand)."""
    tune_collector()
    return create_app(create_central_engine(os.environ.get("CENTRAL_DB_URL", DEFAULT_URL)))
