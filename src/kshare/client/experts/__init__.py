"""Expertise discovery: who knows about a topic, from the local cache and its index."""
