"""Who is signing in, from where and on which device: sessions, throttling, passwords."""
