from django.http import HttpResponse
from django.views.decorators.http import require_safe

from . import schema_bytes


@require_safe
def openapi_json(request):
    response = HttpResponse(schema_bytes(), content_type="application/json; charset=utf-8")
    response["Cache-Control"] = "public, max-age=3600"
    response["Access-Control-Allow-Origin"] = "*"
    return response
