"""gunicorn for PutRight behind nginx (docs/operations.md). Values from the environment
file (/etc/putright/putright.env) where a site may want to change them."""

import os

from gunicorn.glogging import Logger

from putright.core.logs import access_log_line

bind = os.environ.get("PUTRIGHT_BIND", "127.0.0.1:8000")
# Sync workers: each request is one short transaction; 2-4 per core.
workers = int(os.environ.get("WEB_CONCURRENCY", "4"))
timeout = 30
graceful_timeout = 30
# Recycle workers now and then, so a slow leak never grows.
max_requests = 2000
max_requests_jitter = 200
# Only nginx, on this machine, may say what the client's address and scheme were.
forwarded_allow_ips = os.environ.get("PUTRIGHT_PROXY_IPS", "127.0.0.1")
accesslog = "-"
errorlog = "-"


class JsonAccessLogger(Logger):
    """One JSON line per request, with no query string and no link tokens."""

    def access(self, resp, req, environ, request_time):  # type: ignore[no-untyped-def]
        if not (self.cfg.accesslog or self.cfg.logconfig or self.cfg.syslog):
            return
        status = str(resp.status).split(None, 1)[0]
        line = access_log_line(
            method=environ.get("REQUEST_METHOD", "-"),
            path=environ.get("PATH_INFO", "-"),
            status=status,
            size=getattr(resp, "sent", None),
            milliseconds=request_time.seconds * 1000 + request_time.microseconds // 1000,
        )
        self.access_log.info(line)


logger_class = JsonAccessLogger
