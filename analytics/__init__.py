"""Answers for analysts on the read-only warehouse snapshot: query, export, search, report site."""
