"""The shared table engine that every layout family configures."""
