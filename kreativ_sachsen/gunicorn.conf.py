"""Gunicorn settings for production (bin/start-production); the environment overrides them.

Sync workers, one request each: the site is CPU-bound page rendering behind a reverse proxy
(nginx, a load balancer) that buffers slow clients. Every worker keeps its own small
PostgreSQL connection pool (see DATABASE_URL in the README).
"""

import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", str(2 * (os.cpu_count() or 1) + 1)))
worker_class = "sync"
# A request that takes longer is killed and its worker replaced, so a stuck request
# cannot take a worker away for good.
timeout = int(os.environ.get("WEB_TIMEOUT", "30"))
graceful_timeout = 20
# Replace workers now and then, so a slow leak in any library never grows unbounded.
max_requests = 2000
max_requests_jitter = 200
# The proxy in front terminates TLS and sets X-Forwarded-*; trust it only from there.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
limit_request_line = 8190
limit_request_fields = 100
accesslog = "-" if os.environ.get("ACCESS_LOG", "1") != "0" else None
errorlog = "-"
# Heartbeat files in memory, not on a possibly slow disk.
SHARED_MEMORY = "/dev/shm"  # noqa: S108 - gunicorn heartbeat files, not user data
worker_tmp_dir = SHARED_MEMORY if os.path.isdir(SHARED_MEMORY) else None
