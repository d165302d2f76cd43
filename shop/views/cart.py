"""Placeholder: being built."""

from django.http import Http404


def cart_detail(request, *args, **kwargs):
    raise Http404


def add_to_cart(request, *args, **kwargs):
    raise Http404


def update_line(request, *args, **kwargs):
    raise Http404
