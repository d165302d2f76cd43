"""gunicorn settings of the web image (`gunicorn --config docker/gunicorn.conf.py machikado.wsgi`).

Every value can be changed from the environment without rebuilding:
PORT [8000], WEB_CONCURRENCY (worker processes) [2 x cores + 1, at most 8],
GUNICORN_THREADS [1], GUNICORN_TIMEOUT [30 s], GUNICORN_MAX_REQUESTS [2000, 0 = never
recycle], and anything else through gunicorn's own GUNICORN_CMD_ARGS.
"""

import multiprocessing
import os

bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY") or min(2 * multiprocessing.cpu_count() + 1, 8))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# Workers finish their requests on SIGTERM (a rolling restart) and write their
# buffered page-view counts at exit (machikado.visitors), within this time.
graceful_timeout = 30
keepalive = 5
# A worker is replaced after this many requests (jittered so they do not all
# restart at once): a bound on any slow growth of a long-lived process.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = max_requests // 10
# Heartbeat files in memory, not on the container's overlay filesystem.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108 (gunicorn's own advice for containers)
# Logs to the container's output; request lines without query strings (they can
# hold search terms or tokens).
accesslog = "-"
errorlog = "-"
access_log_format = '%(h)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms "%(a)s"'
# Only the proxy in front sets X-Forwarded-*; Django reads X-Forwarded-Proto
# itself (SECURE_PROXY_SSL_HEADER).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "*")
