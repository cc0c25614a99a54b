"""Provides loading and validation of questionnaire content (YAML) into the model."""
