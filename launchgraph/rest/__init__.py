"""LL2-compatible REST endpoints, rendered by the compiled path from declared views."""
