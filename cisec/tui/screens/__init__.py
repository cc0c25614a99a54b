"""Provides the screens of the cisec terminal UI."""
