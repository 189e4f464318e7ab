"""reading layer of the embedded q engine (see ARCHITECTURE.md)."""
