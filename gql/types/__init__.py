"""Strawberry types of the LL2 graph, one module per part of it."""
