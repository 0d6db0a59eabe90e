"""nlalert."""
