"""Placeholder: being built."""

from django.http import Http404


def product_detail(request, *args, **kwargs):
    raise Http404
