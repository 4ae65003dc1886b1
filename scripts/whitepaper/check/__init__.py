"""The check: every rule of the findings table over the sources, and `check()` that runs them."""
