"""vertalingen."""
