"""Running the server in production: configuration, probes, metrics and logs."""
