"""The web image's HEALTHCHECK: GET /healthz on this container's gunicorn.

Exit 0 when it answers 200, 1 otherwise. It sends the first ALLOWED_HOSTS entry
as Host (Django refuses other hosts) and X-Forwarded-Proto: https, as the proxy
does (the production settings redirect plain HTTP).
"""

import http.client
import os
import sys


def main() -> int:
    hosts = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h.strip()]
    host = hosts[0].lstrip(".") if hosts else "localhost"
    port = int(os.environ.get("PORT", "8000"))
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=4)
    try:
        connection.request("GET", "/healthz", headers={"Host": host, "X-Forwarded-Proto": "https"})
        response = connection.getresponse()
        body = response.read(100).decode(errors="replace").strip()
    except OSError as error:
        print(f"unhealthy: {error}", file=sys.stderr)
        return 1
    finally:
        connection.close()
    if response.status != 200:
        print(f"unhealthy: {response.status} {body}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
