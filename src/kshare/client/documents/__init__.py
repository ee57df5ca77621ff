"""Shared documents on the desktop: file versions, previews, saving a copy."""
