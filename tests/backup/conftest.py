# The storage helper's moto S3 fixtures, for the backup of media on S3.
from tests.storage.conftest import moto_endpoint, s3_bucket, s3_media  # noqa: F401
