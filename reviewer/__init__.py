"""Voice History Reviewer: review smart-speaker voice history on your own computer."""

__version__ = "0.1.0"
APP_NAME = "Voice History Reviewer"
