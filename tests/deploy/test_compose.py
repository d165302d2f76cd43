"""docker/compose.yaml against the Compose Specification's JSON schema, plus the
promises the deployment guide makes about it. Docker itself cannot run here (no
daemon), so this is what can be checked without it.

The schema is the one `docker compose` itself validates with: compose-go's
schema/compose-spec.json, fetched once by Go from the module proxy at a pinned
version (checked against Go's checksum database) into Go's module cache. Without
Go the schema tests skip (fail in CI).
"""

import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import jsonschema
import pytest
import yaml
from django.conf import settings

from tests.conftest import skip_or_fail

DOCKER = Path(__file__).resolve().parents[2] / "docker"

COMPOSE_GO = "github.com/compose-spec/compose-go/v2@v2.9.1"


@pytest.fixture(scope="module")
def schema():
    go = shutil.which("go") or shutil.which("/usr/local/go/bin/go")
    if not go:
        skip_or_fail("Go is needed to fetch the Compose Specification schema (compose-go)")
    with tempfile.TemporaryDirectory() as work:
        # `go mod download` of a given version needs a module to run in.
        Path(work, "go.mod").write_text("module schema\n")
        found = subprocess.run(
            [go, "mod", "download", "-json", COMPOSE_GO],
            cwd=work,
            capture_output=True,
            text=True,
            timeout=300,
            env={**os.environ, "GOFLAGS": "-mod=mod"},
        )
    if found.returncode != 0:
        skip_or_fail(f"could not fetch {COMPOSE_GO}: {found.stdout}{found.stderr}")
    directory = json.loads(found.stdout)["Dir"]
    return json.loads(Path(directory, "schema", "compose-spec.json").read_text())


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((DOCKER / "compose.yaml").read_text())


def validator(schema):
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def test_compose_file_is_valid_against_the_compose_specification(compose, schema):
    errors = sorted(validator(schema).iter_errors(compose), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)


def test_the_schema_really_rejects_mistakes(compose, schema):
    """The check above can fail: a misspelt key or a wrong condition is refused."""
    broken = json.loads(json.dumps(compose))
    broken["services"]["web"]["helthcheck"] = {"test": ["CMD", "true"]}
    assert list(validator(schema).iter_errors(broken))
    broken = json.loads(json.dumps(compose))
    broken["services"]["web"]["depends_on"]["postgres"]["condition"] = "service_ready"
    assert list(validator(schema).iter_errors(broken))


def test_services_and_their_order(compose):
    services = compose["services"]
    assert set(services) >= {
        "proxy", "web", "migrate", "scheduler", "postgres", "elasticsearch", "minio", "minio-setup",
        "redis",
    }  # fmt: skip
    # Only the proxy is reachable from outside.
    assert [name for name, service in services.items() if service.get("ports")] == ["proxy"]
    web = services["web"]
    assert web["build"]["target"] == "web" and services["proxy"]["build"]["target"] == "proxy"
    assert web["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    assert web["depends_on"]["postgres"]["condition"] == "service_healthy"
    assert web["depends_on"]["minio-setup"]["condition"] == "service_completed_successfully"
    # Every web process shares one cache, so the page cache's invalidation reaches them all.
    assert web["depends_on"]["redis"]["condition"] == "service_healthy"
    assert web["environment"]["REDIS_URL"].endswith("redis://redis:6379/0}")
    assert services["migrate"]["command"] == ["python", "manage.py", "migrate", "--noinput"]
    # saves enqueue their after-commit work; the worker runs it (test_task_worker.py)
    assert services["worker"]["command"][:3] == ["python", "manage.py", "db_worker"]
    assert compose["x-app"]["environment"]["TASKS_BACKEND"].endswith(
        ":-django_tasks_db.DatabaseBackend}"
    )
    for name in ("postgres", "elasticsearch", "minio"):
        assert services[name]["healthcheck"]["test"], name
    assert re.fullmatch(r"postgres:1[56](-\w+)?", services["postgres"]["image"])
    # State lives in named volumes.
    assert set(compose["volumes"]) == {
        "postgres-data", "elasticsearch-data", "minio-data", "backups"
    }  # fmt: skip
    # The web settings are the production ones, on PostgreSQL.
    env = web["environment"]
    assert env["DJANGO_SETTINGS_MODULE"] == "machikado.settings.production"
    assert env["DATABASE_URL"].startswith("postgres://")


def test_env_example_names_only_settings_that_exist_and_no_secret(compose):
    lines = (DOCKER / ".env.example").read_text().splitlines()
    values = dict(line.split("=", 1) for line in lines if line.strip() and not line.startswith("#"))
    # An empty SECRET_KEY: the production settings refuse to start until it is set.
    assert values["SECRET_KEY"] == ""
    interpolated = set(re.findall(r"\$\{([A-Z0-9_]+)", (DOCKER / "compose.yaml").read_text()))
    sources = (
        "\n".join(
            path.read_text()
            for folder in ("site", "businesses", "shop", "tourism", "search")
            for path in (Path(settings.BASE_DIR) / folder).rglob("*.py")
        )
        + (DOCKER / "gunicorn.conf.py").read_text()
    )
    unknown = [
        name
        for name in values
        if name not in interpolated
        and not name.startswith("AWS_")  # read by boto3 or the storage settings
        and f'"{name}"' not in sources
    ]
    assert not unknown, f".env.example names settings nothing reads: {unknown}"
