"""Rich rendering, prompts, math-to-unicode and terminal plots (no maths beyond formatting)."""
