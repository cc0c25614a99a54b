"""Lets `python -m cisec` run the command line."""

from cisec.cli import main

main()
