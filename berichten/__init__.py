"""berichten."""
