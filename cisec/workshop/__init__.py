"""Provides workshop mode: participant answer files, practice scoring and merged class results."""
