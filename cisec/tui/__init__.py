"""Provides the Textual terminal UI: screens over the services."""
