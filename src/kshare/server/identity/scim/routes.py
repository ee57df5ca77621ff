"""``/scim/v2``: the SCIM 2.0 protocol (RFC 7644) over kshare's people and groups.

Only a SCIM token (``kshare admin scim-token create NAME``) opens it; a person's
sign-in never does. Every answer, errors included, is ``application/scim+json``
in the SCIM format; bodies, pages, filters and PATCH requests are bounded.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse, Response
from pydantic import ValidationError
from scim2_models import (
    Context,
    InvalidSyntaxException,
    InvalidValueException,
    ListResponse,
    NotFoundException,
    NotImplementedException,
    PatchOp,
    PayloadTooLargeException,
    Resource,
    ResponseParameters,
    SCIMException,
    SearchRequest,
    TooManyException,
    UnauthorizedException,
)
from sqlalchemy.orm import Session

from kshare.server.audit import audit
from kshare.server.identity.scim import models, store
from kshare.server.identity.scim import tokens as scim_tokens
from kshare.server.identity.scim.members import normalise, patch_members_only
from kshare.server.routes.deps import Services, services

log = logging.getLogger(__name__)

PREFIX = "/scim/v2"
MEDIA = "application/scim+json"
MAX_BODY = 256 * 1024
MAX_OPERATIONS = 1000
DISCOVERY = ("/ServiceProviderConfig", "/ResourceTypes", "/Schemas")
router = APIRouter(prefix=PREFIX, tags=["scim"])


def scim_json(body: dict[str, Any], status: int = 200, **headers: str) -> Response:
    return JSONResponse(body, status_code=status, media_type=MEDIA, headers=headers or None)


def error_response(exc: SCIMException) -> Response:
    error = exc.to_error()
    headers = {"WWW-Authenticate": 'Bearer realm="kshare-scim"'} if exc.status == 401 else {}
    return scim_json(error.model_dump(scim_ctx=Context.DEFAULT), exc.status, **headers)


def _base_url(request: Request) -> str:
    return str(request.base_url).rstrip("/") + PREFIX


def _actor(request: Request, svc: Services) -> str:
    """``scim:NAME`` of the bearer token, or raise 401."""
    scheme, _, plain = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not plain.strip():
        raise UnauthorizedException(detail="A SCIM bearer token is required.")
    with svc.db.write() as session:
        row = scim_tokens.holder(session, plain.strip())
        if row is None:
            raise UnauthorizedException(detail="This SCIM token is not valid (revoked?).")
        row.last_used_at = svc.settings.clock.now()
        return f"scim:{row.name}"


async def raw_body(request: Request) -> bytes | None:
    """The request's bytes, or None when there are more than a SCIM request may have."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY:
        return None
    raw = b""
    async for chunk in request.stream():
        raw += chunk
        if len(raw) > MAX_BODY:
            return None
    return raw


RawBody = Annotated[bytes | None, Depends(raw_body)]


def _parse(raw: bytes | None) -> dict[str, Any]:
    if raw is None:
        raise PayloadTooLargeException(detail=f"A SCIM request is at most {MAX_BODY} bytes.")
    try:
        value = json.loads(raw)
    except ValueError as exc:
        raise InvalidSyntaxException(detail="The body is not JSON.") from exc
    if not isinstance(value, dict):
        raise InvalidSyntaxException(detail="The body is not a JSON object.")
    return value


def _parameters(model: type[Resource[Any]], query: dict[str, Any]) -> ResponseParameters[Any]:
    try:
        return ResponseParameters[model].model_validate(  # type: ignore[valid-type]
            {
                "attributes": query.get("attributes"),
                "excludedAttributes": query.get("excludedAttributes"),
            }
        )
    except ValidationError as exc:
        raise InvalidValueException(
            detail="attributes or excludedAttributes is not valid."
        ) from exc


def _int(value: Any, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


class Kind:
    """Users or Groups: how to find, show, make, change and remove one."""

    def __init__(self, name: str, model: type[Resource[Any]], filters: dict[str, str]) -> None:
        self.name, self.model, self.filters = name, model, filters

    def query(self, found: tuple[str, str] | None) -> Any:
        return store.users_query(found) if self.name == "User" else store.groups_query(found)

    def get(self, session: Session, row_id: str) -> Any:
        if self.name == "User":
            return store.get_user(session, row_id)
        return store.get_group(session, row_id)

    def show(self, session: Session, row: Any, base: str, params: ResponseParameters[Any]) -> Any:
        if self.name == "User":
            return store.user_resource(session, row, base)
        excluded = [str(p) for p in params.excluded_attributes or []]
        wanted = [str(p) for p in params.attributes or []]
        members = "members" not in excluded and (not wanted or "members" in wanted)
        return store.group_resource(session, row, base, members=members)


USERS = Kind("User", models.ScimUser, store.USER_FILTERS)
GROUPS = Kind("Group", models.ScimGroup, store.GROUP_FILTERS)


def _run(
    request: Request,
    work: Callable[[Services, str, dict[str, Any]], Response],
    raw: bytes | None = b"",
    *,
    body: bool = False,
) -> Response:
    """Who is calling first (401 before anything is read), then the body, then ``work``."""
    svc = services(request)
    try:
        by = _actor(request, svc)
        return work(svc, by, _parse(raw) if body else {})
    except SCIMException as exc:
        if exc.status >= 500:
            log.info("SCIM %s %s: %s", request.method, request.url.path, exc)
        return error_response(exc)
    except ValidationError as exc:
        log.info("SCIM %s %s: %s", request.method, request.url.path, exc.errors()[:3])
        return error_response(InvalidValueException(detail=_first_error(exc)))


def _first_error(exc: ValidationError) -> str:
    errors = exc.errors()
    if not errors:
        return "The resource is not valid."
    where = ".".join(str(part) for part in errors[0].get("loc", ()))
    return f"{where}: {errors[0].get('msg', 'not valid')}"[:300]


def _list(request: Request, kind: Kind, query: dict[str, Any], svc: Services, by: str) -> Response:
    found = store.parse_filter(query.get("filter"), kind.filters)
    start = max(1, _int(query.get("startIndex"), 1))
    wanted = _int(query.get("count"), models.MAX_RESULTS)
    page_size = min(max(0, wanted), models.MAX_RESULTS)
    params = _parameters(kind.model, query)
    base = _base_url(request)
    with svc.db.write() as session:
        statement = kind.query(found)
        total = store.count(session, statement)
        rows = (
            session.scalars(statement.offset(start - 1).limit(page_size)).all() if page_size else []
        )
        resources = [kind.show(session, row, base, params) for row in rows]
        audit(session, "scim_listed", admin=True, by=by, resource=kind.name, results=len(rows))
    answer = ListResponse[kind.model](  # type: ignore[name-defined]
        total_results=total, start_index=start, items_per_page=len(resources), resources=resources
    )
    return scim_json(
        answer.model_dump(scim_ctx=Context.SEARCH_RESPONSE, response_parameters=params)
    )


def _routes(kind: Kind) -> None:
    collection = f"/{kind.name}s"

    @router.get(collection, name=f"scim_list_{kind.name}")
    def listing(request: Request) -> Response:
        query = dict(request.query_params)
        return _run(request, lambda svc, by, _: _list(request, kind, query, svc, by))

    @router.post(f"{collection}/.search", name=f"scim_search_{kind.name}")
    def search(request: Request, raw: RawBody) -> Response:
        def work(svc: Services, by: str, body: dict[str, Any]) -> Response:
            asked: SearchRequest[Any] = SearchRequest.model_validate(
                body, scim_ctx=Context.SEARCH_REQUEST
            )
            query = {
                "filter": str(asked.filter) if asked.filter is not None else None,
                "startIndex": asked.start_index,
                "count": asked.count,
                "attributes": [str(a) for a in asked.attributes or []] or None,
                "excludedAttributes": [str(a) for a in asked.excluded_attributes or []] or None,
            }
            return _list(request, kind, query, svc, by)

        return _run(request, work, raw, body=True)

    @router.get(f"{collection}/{{row_id}}", name=f"scim_get_{kind.name}")
    def one(row_id: str, request: Request) -> Response:
        query = dict(request.query_params)

        def work(svc: Services, by: str, _: dict[str, Any]) -> Response:
            params = _parameters(kind.model, query)
            with svc.db.write() as session:
                resource = kind.show(session, kind.get(session, row_id), _base_url(request), params)
                audit(session, "scim_read", target=row_id, admin=True, by=by, resource=kind.name)
            return scim_json(
                resource.model_dump(
                    scim_ctx=Context.RESOURCE_QUERY_RESPONSE, response_parameters=params
                )
            )

        return _run(request, work)

    @router.post(collection, name=f"scim_create_{kind.name}")
    def create(request: Request, raw: RawBody) -> Response:
        def work(svc: Services, by: str, body: dict[str, Any]) -> Response:
            resource = kind.model.model_validate(body, scim_ctx=Context.RESOURCE_CREATION_REQUEST)
            now = svc.settings.clock.now()
            base = _base_url(request)
            with svc.db.write() as session:
                if kind.name == "User":
                    row: Any = store.create_user(session, resource, now, by)  # type: ignore[arg-type]
                else:
                    row = store.create_group(session, resource, now, by)  # type: ignore[arg-type]
                shown = kind.show(session, row, base, ResponseParameters())
            dumped = shown.model_dump(scim_ctx=Context.RESOURCE_CREATION_RESPONSE)
            return scim_json(dumped, 201, Location=f"{base}{collection}/{row.id}")

        return _run(request, work, raw, body=True)

    @router.put(f"{collection}/{{row_id}}", name=f"scim_replace_{kind.name}")
    def replace(row_id: str, request: Request, raw: RawBody) -> Response:
        def work(svc: Services, by: str, body: dict[str, Any]) -> Response:
            resource = kind.model.model_validate(
                body, scim_ctx=Context.RESOURCE_REPLACEMENT_REQUEST
            )
            now, base = svc.settings.clock.now(), _base_url(request)
            with svc.db.write() as session:
                row = kind.get(session, row_id)
                if kind.name == "User":
                    store.replace_user(session, row, resource, now, by)  # type: ignore[arg-type]
                else:
                    store.replace_group(session, row, resource, by)  # type: ignore[arg-type]
                shown = kind.show(session, row, base, ResponseParameters())
            return scim_json(shown.model_dump(scim_ctx=Context.RESOURCE_REPLACEMENT_RESPONSE))

        return _run(request, work, raw, body=True)

    @router.patch(f"{collection}/{{row_id}}", name=f"scim_patch_{kind.name}")
    def patch(row_id: str, request: Request, raw: RawBody) -> Response:
        def work(svc: Services, by: str, body: dict[str, Any]) -> Response:
            operations = body.get("Operations")
            if isinstance(operations, list) and len(operations) > MAX_OPERATIONS:
                raise TooManyException(detail=f"At most {MAX_OPERATIONS} operations a request.")
            body = normalise(body)
            asked = PatchOp[kind.model].model_validate(  # type: ignore[name-defined]
                body, scim_ctx=Context.RESOURCE_PATCH_REQUEST
            )
            now, base = svc.settings.clock.now(), _base_url(request)
            with svc.db.write() as session:
                row = kind.get(session, row_id)
                if kind.name == "Group" and patch_members_only(session, row, asked, by):
                    pass  # member changes applied one by one, however large the group
                else:
                    current = kind.show(session, row, base, ResponseParameters())
                    asked.patch(current)
                    if kind.name == "User":
                        store.replace_user(session, row, current, now, by)
                    else:
                        store.replace_group(session, row, current, by)
                shown = kind.show(session, row, base, ResponseParameters())
            return scim_json(shown.model_dump(scim_ctx=Context.RESOURCE_PATCH_RESPONSE))

        return _run(request, work, raw, body=True)

    @router.delete(f"{collection}/{{row_id}}", name=f"scim_delete_{kind.name}")
    def remove(row_id: str, request: Request) -> Response:
        def work(svc: Services, by: str, _: dict[str, Any]) -> Response:
            with svc.db.write() as session:
                row = kind.get(session, row_id)
                if kind.name == "User":
                    store.delete_user(session, row, svc.settings.clock.now(), by)
                else:
                    store.delete_group(session, row, by)
            return Response(status_code=204)

        return _run(request, work)


_routes(USERS)
_routes(GROUPS)


def _discovery(request: Request, path: str) -> Response:
    def work(svc: Services, by: str, _: dict[str, Any]) -> Response:
        if path == "/ServiceProviderConfig":
            config = models.service_provider_config()
            return scim_json(config.model_dump(scim_ctx=Context.RESOURCE_QUERY_RESPONSE))
        if path.startswith("/ResourceTypes"):
            found: list[Any] = models.resource_types()
        else:
            found = models.schemas()
        name = path.split("/", 2)[2] if path.count("/") == 2 else ""
        if name:
            for one in found:
                if one.id == name:
                    return scim_json(one.model_dump(scim_ctx=Context.RESOURCE_QUERY_RESPONSE))
            raise NotFoundException(detail=f"No {path.split('/')[1][:-1]} {name[:100]}.")
        answer = ListResponse[type(found[0])](  # type: ignore[misc,operator]
            total_results=len(found), start_index=1, items_per_page=len(found), resources=found
        )
        return scim_json(answer.model_dump(scim_ctx=Context.SEARCH_RESPONSE))

    return _run(request, work)


@router.get("/ServiceProviderConfig", name="scim_service_provider_config")
def service_provider_config(request: Request) -> Response:
    return _discovery(request, "/ServiceProviderConfig")


@router.get("/ResourceTypes", name="scim_resource_types")
def resource_types(request: Request) -> Response:
    return _discovery(request, "/ResourceTypes")


@router.get("/ResourceTypes/{name}", name="scim_resource_type")
def resource_type(name: str, request: Request) -> Response:
    return _discovery(request, f"/ResourceTypes/{name}")


@router.get("/Schemas", name="scim_schemas")
def schemas(request: Request) -> Response:
    return _discovery(request, "/Schemas")


@router.get("/Schemas/{name}", name="scim_schema")
def schema(name: str, request: Request) -> Response:
    return _discovery(request, f"/Schemas/{name}")


def _elsewhere(rest: str, request: Request) -> Response:
    """What SCIM does not have here: 405 for a discovery path, else 404, in SCIM's format."""

    def work(svc: Services, by: str, _: dict[str, Any]) -> Response:
        path = "/" + rest
        if any(path == d or path.startswith(d + "/") for d in DISCOVERY):
            raise _NotAllowed(detail=f"{request.method} is not allowed on {path}.")
        if path == "/.search":
            raise NotImplementedException(
                detail="Search Users and Groups at /Users/.search and /Groups/.search."
            )
        raise NotFoundException(detail=f"Nothing at {PREFIX}{path[:200]}.")

    return _run(request, work)


for _method in ("GET", "POST", "PUT", "PATCH", "DELETE"):
    router.add_api_route(
        "/{rest:path}",
        _elsewhere,
        methods=[_method],
        name=f"scim_elsewhere_{_method.lower()}",
        operation_id=f"scim_elsewhere_{_method.lower()}",
    )


class _NotAllowed(SCIMException):
    status = 405
