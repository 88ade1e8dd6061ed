"""Gunicorn settings for production (bin/start-production); the environment overrides them.

Threaded workers (gthread): a few threads per process overlap the waits for PostgreSQL and
Redis, and kept-alive connections spare the proxy in front a TCP handshake per request (with
sync workers a load balancer or load test opens a new connection for every request). Every
worker process keeps its own small PostgreSQL connection pool, as large as its threads.
"""

import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", str(2 * (os.cpu_count() or 1) + 1)))
worker_class = "gthread"
threads = int(os.environ.get("WEB_THREADS", "4"))
keepalive = 5
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
