"""The desktop side of kshare, without Qt: cache, sync, index, experts, credentials, services."""
