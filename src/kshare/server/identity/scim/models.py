"""What kshare publishes of SCIM: the attributes it keeps, as scim2-models resources.

The User and Group schemas carry only attributes kshare stores and gives back;
a directory learns that from ``/Schemas`` and sends nothing else.
"""

from __future__ import annotations

from typing import Annotated, Any

from scim2_models import (
    URN,
    AuthenticationScheme,
    Bulk,
    ChangePassword,
    Email,
    ETag,
    Filter,
    GroupMember,
    GroupMembership,
    Mutability,
    Patch,
    Required,
    Resource,
    ResourceType,
    Schema,
    ServiceProviderConfig,
    Sort,
    Uniqueness,
)

MAX_RESULTS = 200  # a page never holds more resources than this
MAX_MEMBERS = 5000  # members one Group resource lists, or one request sets


class ScimUser(Resource[Any]):
    """A person: ``userName`` is the kshare user name, ``active: false`` a leaver."""

    __schema__ = URN("urn:ietf:params:scim:schemas:core:2.0:User")

    user_name: Annotated[str | None, Uniqueness.server, Required.true] = None
    display_name: str | None = None
    title: str | None = None
    active: bool | None = None
    emails: list[Email] | None = None
    groups: Annotated[list[GroupMembership] | None, Mutability.read_only] = None


class Member(GroupMember):
    """A member, named by ``value`` (the person's id); ``display`` is not something to set."""

    display: Annotated[str | None, Mutability.read_only] = None


class ScimGroup(Resource[Any]):
    """A group the directory manages; its ``members`` are people (``type: User``)."""

    __schema__ = URN("urn:ietf:params:scim:schemas:core:2.0:Group")

    display_name: Annotated[str | None, Required.true] = None
    members: list[Member] | None = None


def schemas() -> list[Schema]:
    out = []
    for model, name, text in (
        (ScimUser, "User", "A person of the organisation"),
        (ScimGroup, "Group", "A group the directory manages"),
    ):
        schema = model.to_schema()
        schema.name, schema.description = name, text
        out.append(schema)
    return out


def resource_types() -> list[ResourceType]:
    out = []
    for model, name in ((ScimUser, "User"), (ScimGroup, "Group")):
        kind = ResourceType.from_resource(model)
        kind.id, kind.name, kind.description = name, name, name
        kind.endpoint = f"/{name}s"  # type: ignore[assignment]  # a relative URI is a Reference
        out.append(kind)
    return out


def service_provider_config() -> ServiceProviderConfig:
    return ServiceProviderConfig(
        documentation_uri=None,
        patch=Patch(supported=True),
        bulk=Bulk(supported=False, max_operations=0, max_payload_size=0),
        filter=Filter(supported=True, max_results=MAX_RESULTS),
        change_password=ChangePassword(supported=False),
        sort=Sort(supported=False),
        etag=ETag(supported=False),
        authentication_schemes=[
            AuthenticationScheme(
                type=AuthenticationScheme.Type.oauthbearertoken,
                name="Bearer token",
                description="A token made with `kshare admin scim-token create NAME`",
                primary=True,
            )
        ],
    )
