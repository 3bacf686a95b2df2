"""Factories for the partners app."""
