"""The Home feed: close and explore, mixed as the person chooses, and the digest."""
