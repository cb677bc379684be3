"""The absdw orchestrator: CLI, configuration and the wiring of crawler -> parsers -> warehouse."""

__version__ = "0.1.0"
