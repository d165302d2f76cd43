"""Media on S3-compatible object storage (django-storages), one bucket:

- images (``original_images/``) and their renditions (``images/``) are
  public: plain unsigned URLs, on ``AWS_S3_CUSTOM_DOMAIN`` (a CDN) when set,
  so pages and their caches never carry expiring links;
- documents (``documents/``) are private: Wagtail serves them through its
  document view (``WAGTAILDOCS_SERVE_METHOD = "serve_view"``), which checks
  collection and page privacy, then streams the object. Should anything ask
  a document for its storage URL, it gets a short-lived signed URL on the
  bucket's own endpoint, never the public domain.

Public reads are granted by the bucket (a policy for ``original_images/*``
and ``images/*``: `public_read_policy()`), or, for stores that use object
ACLs, by ``AWS_MEDIA_PUBLIC_ACL=1`` (``public-read`` on image objects,
``private`` on documents).

Every object gets a Cache-Control header: renditions and originals never
change under their name (``AWS_S3_FILE_OVERWRITE = False``: a new file
gets a new name, and a new rendition a new name too), so they are cached
for a year; documents are never cached by shared caches.
"""

from __future__ import annotations

import mimetypes

from django.conf import settings
from django.utils.encoding import filepath_to_uri
from storages.backends.s3 import S3Storage
from storages.utils import clean_name

# Image types Wagtail may write that older mimetypes tables lack.
for _type, _extension in (("image/webp", ".webp"), ("image/avif", ".avif")):
    mimetypes.add_type(_type, _extension)

PUBLIC_PREFIXES = ("original_images/", "images/")
PRIVATE_PREFIXES = ("documents/",)
RENDITIONS_PREFIX = "images/"

YEAR = 365 * 24 * 3600
CACHE_CONTROL = {
    "rendition": f"public, max-age={YEAR}, immutable",
    "original": f"public, max-age={YEAR}",
    "private": "private, no-store",
}
# Signed document URLs live this long (seconds).
PRIVATE_URL_EXPIRE = 300


class MediaStorage(S3Storage):
    """S3Storage with public images and private documents in one bucket."""

    def get_default_settings(self):
        values = super().get_default_settings()
        values["public_acl"] = getattr(settings, "AWS_MEDIA_PUBLIC_ACL", False)
        values["private_url_expire"] = getattr(
            settings, "AWS_MEDIA_PRIVATE_URL_EXPIRE", PRIVATE_URL_EXPIRE
        )
        return values

    def _relative(self, name: str) -> str:
        """The name without AWS_LOCATION, as Wagtail wrote it."""
        name = clean_name(name)
        location = clean_name(self.location or "").strip("/")
        if location and name.startswith(location + "/"):
            return name[len(location) + 1 :]
        return name

    def is_private(self, name: str) -> bool:
        """Everything but images is private, so an unknown prefix fails closed."""
        return not self._relative(name).startswith(PUBLIC_PREFIXES)

    def get_object_parameters(self, name):
        params = super().get_object_parameters(name)
        relative = self._relative(name)
        if self.is_private(name):
            params.setdefault("CacheControl", CACHE_CONTROL["private"])
            if self.public_acl:
                params["ACL"] = "private"
            if relative.startswith(PRIVATE_PREFIXES):
                # A document opened straight from the bucket downloads instead of
                # rendering (an uploaded HTML or SVG file never runs as a page).
                params.setdefault("ContentDisposition", "attachment")
        else:
            kind = "rendition" if relative.startswith(RENDITIONS_PREFIX) else "original"
            params.setdefault("CacheControl", CACHE_CONTROL[kind])
            if self.public_acl:
                params["ACL"] = "public-read"
        return params

    def url(self, name, parameters=None, expire=None, http_method=None):
        if not self.is_private(name):
            # Unsigned unless AWS_QUERYSTRING_AUTH asks for signed image URLs too
            # (a bucket without a public policy; cached pages then hold links
            # that expire after AWS_QUERYSTRING_EXPIRE).
            return super().url(name, parameters, expire, http_method)
        # Private: always signed, short-lived, on the bucket's own endpoint.
        params = dict(parameters or {}, Bucket=self.bucket.name)
        params["Key"] = self._normalize_name(clean_name(name))
        return self.connection.meta.client.generate_presigned_url(
            "get_object",
            Params=params,
            ExpiresIn=expire if expire is not None else self.private_url_expire,
            HttpMethod=http_method,
        )


def public_read_policy(bucket: str, location: str = "") -> dict:
    """The bucket policy that lets anyone read images and renditions (and
    nothing else): apply it once with `aws s3api put-bucket-policy` or the
    store's console."""
    base = f"{location.strip('/')}/" if location.strip("/") else ""
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "PublicReadImages",
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": [
                    f"arn:aws:s3:::{bucket}/{base}{filepath_to_uri(prefix)}*"
                    for prefix in PUBLIC_PREFIXES
                ],
            }
        ],
    }
