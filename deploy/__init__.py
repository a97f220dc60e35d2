"""Serving several app processes behind a real load balancer (HAProxy): ``python -m deploy``."""
