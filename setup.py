"""Package layout (metadata lives in pyproject.toml).

The project folder is called ``site/``, as the design card fixes, but
``site`` is the standard-library module Python imports at start-up, so that
folder can never be imported under its own name. It is installed as the
package ``machikado`` instead (``package_dir`` maps one to the other).
"""

from setuptools import find_packages, setup

APPS = ["businesses", "tourism", "shop", "search"]

setup(
    package_dir={"machikado": "site"},
    packages=(
        ["machikado" + name[len("site") :] for name in find_packages(include=["site", "site.*"])]
        + find_packages(include=[pattern for app in APPS for pattern in (app, f"{app}.*")])
    ),
)
