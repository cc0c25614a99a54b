"""Provides the documents cisec writes: gap report, scan report, class results (HTML, PDF, data).

Import the modules themselves (`cisec.report.publish`, `cisec.report.view`, …): this package
imports nothing, so a service that only names a document type never loads Jinja2.
"""
