"""A local EDGAR stand-in: a real HTTP server on 127.0.0.1 serving an EDGAR-shaped directory."""
