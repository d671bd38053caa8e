"""Which clips look accidental, and why: signals -> scorecard -> score + reasons."""
