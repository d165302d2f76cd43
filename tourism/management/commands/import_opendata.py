"""manage.py import_opendata {attractions|events} FILE [--dry-run] [--user NAME]"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from tourism.opendata.importer import import_file
from tourism.opendata.spec import EVENTS, TOURISM_FACILITIES

KINDS = {"attractions": TOURISM_FACILITIES, "events": EVENTS}


class Command(BaseCommand):
    help = (
        "Import a 観光施設一覧 (attractions) or イベント一覧 (events) CSV. Every row is "
        "checked first; with any problem nothing is written and the exit status is 1."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=sorted(KINDS))
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="Check only, write nothing.")
        parser.add_argument("--user", help="Username the revisions and publishing are logged as.")

    def handle(self, *args, kind, file, dry_run, user, **options):
        try:
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(str(error)) from error
        importer = None
        if user:
            try:
                importer = get_user_model().objects.get_by_natural_key(user)
            except get_user_model().DoesNotExist as error:
                raise CommandError(f"No user {user!r}.") from error
        report = import_file(KINDS[kind], data, user=importer, dry_run=dry_run)
        for problem in report.problems:
            self.stdout.write(f"{problem.row}\t{problem.column or '-'}\t{problem.message}")
        if report.ok:
            self.stdout.write(self.style.SUCCESS(report.summary()))
        else:
            self.stderr.write(report.summary())
            raise SystemExit(1)
