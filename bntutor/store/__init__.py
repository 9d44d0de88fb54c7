"""Persistent state: lesson progress, attempts and review cards in one SQLite file."""
