"""cisec: cybersecurity self-assessment for Hong Kong critical infrastructure, data centres and SMEs."""

__version__ = "0.1.0"
