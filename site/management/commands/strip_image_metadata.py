"""Remove location, device and author metadata from the images stored before
uploads were cleaned (machikado.image_metadata), and from their renditions.

Wagtail copies an original's EXIF, GPS position included, into its JPEG,
PNG and WebP renditions, so for each image that still carries such metadata:

1. the cleaned file is stored next to the original, under a new name;
2. in one transaction the image points at it (size and hash updated) and its
   renditions are deleted; Wagtail removes their files, and the renditions
   the pages use are made again from the clean original (machikado.renditions,
   in the task worker), under new names, and the page cache is dropped;
3. the old original is deleted once that transaction has committed.

A failure at any step leaves a working image (at worst an unreferenced old
file). Run it once after upgrading; a second run finds nothing to do."""

from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.images import get_image_model
from wagtail.utils.file import hash_filelike

from machikado.image_metadata import strip_private_metadata


class Command(BaseCommand):
    help = "Remove location, device and author metadata from stored images and their renditions."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Only list the images that carry such metadata."
        )

    def handle(self, *args, dry_run=False, verbosity=1, **options):
        images = get_image_model().objects.order_by("pk")
        total = found = failed = 0
        for image in images.iterator(chunk_size=100):
            total += 1
            try:
                with image.open_file() as f:
                    stripped = strip_private_metadata(f.read())
                if stripped is None:
                    continue
                found += 1
                if verbosity >= 2 or dry_run:
                    self.stdout.write(f"image {image.pk}: {image.file.name}")
                if not dry_run:
                    replace_original(image, stripped)
            except Exception as error:  # one missing or unreadable file never stops the others
                failed += 1
                self.stderr.write(f"image {image.pk} ({image.file.name}): {error}")
        verb = "carry" if dry_run else "cleaned"
        summary = f"{total} images: {found} {verb} private metadata, {failed} failed"
        self.stdout.write(self.style.SUCCESS(summary) if not failed else summary)
        if failed:
            raise CommandError(f"{failed} images failed (missing or unreadable files)")


def replace_original(image, data: bytes) -> None:
    storage = image.file.storage
    old_name = image.file.name
    new_name = storage.save(old_name, ContentFile(data))
    with transaction.atomic():
        image.file.name = new_name
        image.file_size = len(data)
        image.file_hash = hash_filelike(ContentFile(data))
        image.save(update_fields=["file", "file_size", "file_hash"])
        image.renditions.all().delete()
        if new_name != old_name:  # a storage that overwrites has replaced it already
            transaction.on_commit(lambda: storage.delete(old_name), robust=True)
