"""Qt item models over tracker/ services."""
