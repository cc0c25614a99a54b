"""Provides the website security-header scan: fetch once, check the snapshot, grade like the Observatory."""
