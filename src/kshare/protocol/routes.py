"""The HTTP API of the kshare server: one place that names every path.

Every response except ``/info`` and ``/auth/login`` needs ``Authorization:
Bearer TOKEN``. Writes take an ``Idempotency-Key`` header (a repeated key
answers with the original result). Errors are :class:`ErrorBody` with 4xx/5xx:
401 ``unauthenticated`` (sign in again; ``token_expired``: refresh first),
403 ``forbidden`` / ``account_disabled`` / ``device_wiped`` (forget this device's data),
404 ``not_found`` (also for things that exist but the viewer may not see),
409 ``resync_required``, 412 ``version_conflict`` (``current`` holds the item),
413 ``too_large``, 422 ``invalid``, 429 ``throttled`` (with ``Retry-After``).

    GET    /api/v1/info                      ServerInfo
    POST   /api/v1/auth/login                LoginRequest -> LoginResponse
    POST   /api/v1/auth/logout               end this device session
    POST   /api/v1/auth/refresh              RefreshRequest -> LoginResponse (rotated)
    GET    /api/v1/me/devices                list of DeviceOut (own sessions)
    DELETE /api/v1/me/devices/{id}           204: sign that device out
    PUT    /api/v1/me/password               PasswordChange -> 204 (other sessions end)
    GET    /api/v1/me                        PersonOut
    PUT    /api/v1/me/profile                ProfileUpdate -> PersonOut
    GET    /api/v1/me/follows                FollowList (the caller's own, visible targets only)
    PUT    /api/v1/me/follows                FollowChange -> FollowList
    GET    /api/v1/me/inbox                  InboxState (the caller's read point)
    PUT    /api/v1/me/inbox                  InboxState -> InboxState (only moves forward)
    GET    /api/v1/me/join-decisions         list of JoinDecision (answers to my requests)
    GET    /api/v1/feed?since=C&limit=N      FeedPage (limit 1..500, default 200)
    GET    /api/v1/reconcile                 ReconcileList
    POST   /api/v1/sync/purged               PurgeAck -> 204
    GET    /api/v1/events                    text/event-stream nudges: "data: {cursor}"
    POST   /api/v1/items                     ItemCreate -> 201 ItemOut
    GET    /api/v1/items/{id}                ItemOut
    PUT    /api/v1/items/{id}                ItemUpdate -> ItemOut | 412
    DELETE /api/v1/items/{id}                204
    GET    /api/v1/items/{id}/history        list of earlier versions
    GET    /api/v1/items/{id}/versions       list of FileVersion (a document's files, oldest first)
    POST   /api/v1/items/{id}/accept         (answer id) mark accepted answer
    POST   /api/v1/items/{id}/reactions      ReactionCreate -> 201 ReactionOut
    DELETE /api/v1/reactions/{id}            204
    PUT    /api/v1/blobs/{sha256}            raw bytes -> BlobRef (hash verified, size-limited)
    GET    /api/v1/blobs/{sha256}            bytes, honours Range (only if a visible item uses it,
                                             as its file now or as an earlier version)
    POST   /api/v1/audience/preview          AudienceSpec -> AudiencePreview
    POST   /api/v1/people/{id}/endorsements  {"skill": "..."} endorse a colleague
    GET    /api/v1/groups                    list of GroupListing (secret ones only to members)
    POST   /api/v1/groups/{id}/join          GroupListing: open joins, closed asks the owners
    POST   /api/v1/groups/{id}/leave         204 | 409 ``last_owner``
    GET    /api/v1/groups/{id}/requests      list of JoinRequestOut (owners only)
    POST   /api/v1/groups/{id}/requests/{person_id}/approve   204 (owners only)
    POST   /api/v1/groups/{id}/requests/{person_id}/decline   204 (owners only)

Curation (collections' entries, verification, health reports, search gaps, exports and
tag stewardship) lives under ``/api/v1/collections`` and ``/api/v1/curation``; its paths
and types are named in :mod:`kshare.protocol.curation`.
"""

PREFIX = "/api/v1"
INFO = f"{PREFIX}/info"
LOGIN = f"{PREFIX}/auth/login"
LOGOUT = f"{PREFIX}/auth/logout"
REFRESH = f"{PREFIX}/auth/refresh"
OIDC_START = f"{PREFIX}/auth/oidc/start"
OIDC_FINISH = f"{PREFIX}/auth/oidc/finish"
DEVICES = f"{PREFIX}/me/devices"
PASSWORD = f"{PREFIX}/me/password"
ME = f"{PREFIX}/me"
PROFILE = f"{PREFIX}/me/profile"
FOLLOWS = f"{PREFIX}/me/follows"
INBOX = f"{PREFIX}/me/inbox"
JOIN_DECISIONS = f"{PREFIX}/me/join-decisions"
FEED = f"{PREFIX}/feed"
RECONCILE = f"{PREFIX}/reconcile"
PURGED = f"{PREFIX}/sync/purged"
EVENTS = f"{PREFIX}/events"
ITEMS = f"{PREFIX}/items"
REACTIONS = f"{PREFIX}/reactions"
BLOBS = f"{PREFIX}/blobs"
AUDIENCE_PREVIEW = f"{PREFIX}/audience/preview"
PEOPLE = f"{PREFIX}/people"
GROUPS = f"{PREFIX}/groups"
IDEMPOTENCY_HEADER = "Idempotency-Key"
