"""One module per layout family of monthly distribution reports."""
