"""bpdocs."""
