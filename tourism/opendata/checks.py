"""`manage.py check` refuses an open-data municipality code with a wrong check digit."""

from django.conf import settings
from django.core import checks

from .spec import municipality_code_is_valid


@checks.register()
def check_municipality_code(app_configs=None, **kwargs):
    code = getattr(settings, "OPENDATA_MUNICIPALITY_CODE", "")
    errors = []
    if not municipality_code_is_valid(code):
        errors.append(
            checks.Error(
                f"OPENDATA_MUNICIPALITY_CODE {code!r} is not a 全国地方公共団体コード "
                "(5 digits and the check digit, e.g. 102091 for 群馬県藤岡市).",
                id="tourism.E001",
            )
        )
    if not getattr(settings, "OPENDATA_MUNICIPALITY_NAME", ""):
        errors.append(checks.Error("OPENDATA_MUNICIPALITY_NAME is empty.", id="tourism.E002"))
    return errors
