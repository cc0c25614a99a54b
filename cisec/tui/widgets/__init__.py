"""Provides the widgets the cisec screens are built from."""
