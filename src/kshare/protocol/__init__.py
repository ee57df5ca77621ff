"""Wire schemas shared by the kshare server and the desktop client (pydantic v2)."""
