"""ResumeRoast: honest, grounded resume feedback."""
