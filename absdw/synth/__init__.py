"""Synthetic deals with known truth, rendered in real layout families (tests, demo)."""
