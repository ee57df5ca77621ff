"""The desktop's side of a person's account: its device session, devices and password."""
