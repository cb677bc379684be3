"""``python -m absdw`` runs the CLI."""

from absdw.cli import main

main()
