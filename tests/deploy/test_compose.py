"""docker/compose.yaml against the Compose Specification's JSON schema, plus the
promises the deployment guide makes about it. Docker itself cannot run here (no
daemon), so this is what can be checked without it.

compose-spec.json is vendored unchanged from
https://github.com/compose-spec/compose-spec/blob/b2835e8acc1e42e7aecbc27a9bc4a1fc66ef21ba/schema/compose-spec.json
(Apache-2.0; the schema `docker compose` itself validates with, via compose-go).
"""

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml
from django.conf import settings

DOCKER = Path(__file__).resolve().parents[2] / "docker"
SCHEMA = json.loads((Path(__file__).with_name("compose-spec.json")).read_text())


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((DOCKER / "compose.yaml").read_text())


def validator():
    cls = jsonschema.validators.validator_for(SCHEMA)
    cls.check_schema(SCHEMA)
    return cls(SCHEMA)


def test_compose_file_is_valid_against_the_compose_specification(compose):
    errors = sorted(validator().iter_errors(compose), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)


def test_the_schema_really_rejects_mistakes(compose):
    """The check above can fail: a misspelt key or a wrong condition is refused."""
    broken = json.loads(json.dumps(compose))
    broken["services"]["web"]["helthcheck"] = {"test": ["CMD", "true"]}
    assert list(validator().iter_errors(broken))
    broken = json.loads(json.dumps(compose))
    broken["services"]["web"]["depends_on"]["postgres"]["condition"] = "service_ready"
    assert list(validator().iter_errors(broken))


def test_services_and_their_order(compose):
    services = compose["services"]
    assert set(services) >= {
        "proxy", "web", "migrate", "scheduler", "postgres", "elasticsearch", "minio", "minio-setup"
    }  # fmt: skip
    # Only the proxy is reachable from outside.
    assert [name for name, service in services.items() if service.get("ports")] == ["proxy"]
    web = services["web"]
    assert web["build"]["target"] == "web" and services["proxy"]["build"]["target"] == "proxy"
    assert web["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    assert web["depends_on"]["postgres"]["condition"] == "service_healthy"
    assert web["depends_on"]["minio-setup"]["condition"] == "service_completed_successfully"
    assert services["migrate"]["command"] == ["python", "manage.py", "migrate", "--noinput"]
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
