"""Daily job: re-expand every live event's dates up to the horizon."""

from django.core.management.base import BaseCommand

from tourism.services.occurrences import refresh_all


class Command(BaseCommand):
    help = "Rewrite the stored occurrences of all live events (run daily, e.g. from cron)."

    def handle(self, *args, **options):
        events, total = refresh_all()
        if options["verbosity"]:
            self.stdout.write(f"{events} events, {total} occurrences")
