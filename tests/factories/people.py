"""Factories for the people app."""
