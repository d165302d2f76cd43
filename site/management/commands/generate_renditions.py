"""Make the renditions the public pages use (machikado.renditions.SPECS) for
every image that lacks them: after a restore, a change of specs, or tasks
that failed. Idempotent: a second run makes nothing."""

from django.core.management.base import BaseCommand, CommandError
from wagtail.images import get_image_model

from machikado.renditions import SPECS, generate


class Command(BaseCommand):
    help = "Make the missing image renditions the public pages use, for every image."

    def add_arguments(self, parser):
        parser.add_argument(
            "--spec",
            action="append",
            dest="specs",
            metavar="SPEC",
            help="Only this filter spec (repeatable); default: every spec the pages use.",
        )
        parser.add_argument("--batch", type=int, default=100, help="Images per query [100].")

    def handle(self, *args, specs=None, batch=100, verbosity=1, **options):
        specs = tuple(specs or SPECS)
        from wagtail.images.models import Filter

        for spec in specs:
            try:
                Filter(spec=spec).operations  # noqa: B018 (parses the spec)
            except Exception as error:
                raise CommandError(f"Invalid filter spec {spec!r}: {error}") from error

        images = get_image_model().objects.order_by("pk")
        total = images.count()
        done = made = failed = 0
        last_pk = 0
        while True:
            chunk = list(images.filter(pk__gt=last_pk).prefetch_renditions(*specs)[:batch])
            if not chunk:
                break
            for image in chunk:
                try:
                    made += generate(image, specs)
                except Exception as error:
                    failed += 1
                    self.stderr.write(f"image {image.pk} ({image.file.name}): {error}")
                done += 1
            last_pk = chunk[-1].pk
            if verbosity >= 1:
                self.stdout.write(f"{done}/{total} images, {made} renditions made")
        summary = f"{total} images, {len(specs)} specs: {made} renditions made, {failed} failed"
        self.stdout.write(self.style.SUCCESS(summary) if not failed else summary)
        if failed:
            raise CommandError(f"{failed} images failed (missing or unreadable files)")
