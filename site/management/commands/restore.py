"""Restore a backup made by `manage.py backup`: database, media, search index.

    manage.py restore backups/machikado-backup-20260101-030000.tar.gz
    manage.py restore ARCHIVE --yes     # no question (scripts)
    manage.py restore ARCHIVE --check   # verify the checksums only, change nothing

Every member is checked against the manifest's SHA-256 before anything is
touched: a damaged or truncated archive is refused and the site is left as
it was. Stop the web and worker processes first (the database is replaced
under them). Afterwards the caches are cleared and the search index rebuilt.
"""

import sys

from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from machikado import backups

from .backup import human


class Command(BaseCommand):
    help = (
        "Restore the database and media files from a backup archive, then rebuild the search index."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="The archive written by `manage.py backup`.")
        parser.add_argument("--yes", action="store_true", help="Do not ask for confirmation.")
        parser.add_argument(
            "--check",
            action="store_true",
            help="Only verify the archive's checksums and compatibility; change nothing.",
        )
        parser.add_argument(
            "--media-only",
            action="store_true",
            help="Restore only the media files, not the database "
            "(e.g. after a PostgreSQL point-in-time recovery).",
        )
        parser.add_argument(
            "--no-search-rebuild",
            action="store_true",
            help="Skip the search index rebuild (run rebuild_search_index yourself).",
        )

    def handle(
        self,
        *args,
        archive,
        yes=False,
        check=False,
        media_only=False,
        no_search_rebuild=False,
        **options,
    ):
        try:
            verified = backups.verify_archive(archive)
            if not media_only:
                backups.check_compatible(verified)
        except backups.BackupError as error:
            raise CommandError(str(error)) from error
        manifest = verified.manifest
        database = manifest["database"]
        media = manifest["media"]
        self.stdout.write(
            f"Verified {verified.path}: {verified.members} members, {human(verified.bytes)}, "
            "every checksum matches.\n"
            f"  made {manifest['created_at']} by Machikado {manifest['app_version']}\n"
            f"  database: {database['vendor']} {database['server_version']}\n"
            f"  media: {media['files']} files ({human(media['bytes'])})"
            + ("" if media.get("included", True) else " (backed up with --no-media)")
        )
        if check:
            self.stdout.write(self.style.SUCCESS("The archive is intact and can be restored here."))
            return
        target = connection.settings_dict["NAME"]
        if not yes and not self.confirm(target, media_only):
            raise CommandError(
                "Restore cancelled; nothing was changed. Pass --yes to skip the question."
            )

        try:
            result = backups.restore_backup(
                archive,
                verified=verified,
                include_database=not media_only,
                log=lambda message: self.stdout.write(message),
            )
        except backups.BackupError as error:
            raise CommandError(str(error)) from error
        backups.after_restore()
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {'' if media_only else 'the database and '}"
                f"{result.media_written} media files "
                f"({result.media_unchanged} already identical)."
            )
        )
        if result.media_extra:
            self.stdout.write(
                f"{result.media_extra} media files in the storage are not in the backup; "
                "they were left in place."
            )
        if result.pending_migrations:
            shown = ", ".join(result.pending_migrations[:5])
            self.stdout.write(
                self.style.WARNING(
                    f"The backup predates {len(result.pending_migrations)} migrations of this "
                    f"code ({shown}…): run `manage.py migrate`, then `manage.py "
                    "rebuild_search_index`."
                )
            )
            return
        if not no_search_rebuild:
            self.rebuild_search_index()
        if "generate_renditions" in get_commands():
            self.stdout.write(
                "Image renditions came back with the media files; run `manage.py "
                "generate_renditions` to create any the pages need that are missing."
            )

    def confirm(self, target, media_only) -> bool:
        what = (
            "overwrites media files"
            if media_only
            else "replaces the database and overwrites media files"
        )
        if not sys.stdin.isatty():
            raise CommandError(
                f"Restoring {what}: pass --yes to confirm (no terminal to ask on). "
                "Nothing was changed."
            )
        database = "" if media_only else f"replaces the {connection.vendor} database {target} and "
        answer = input(
            f"This {database}overwrites media files with the backup's. Type 'yes' to continue: "
        )
        return answer.strip().lower() == "yes"

    def rebuild_search_index(self):
        try:
            call_command("rebuild_search_index", no_progress=True, stdout=self.stdout)
        except CommandError as error:
            self.stderr.write(
                f"The data is restored, but the search index could not be rebuilt: {error} "
                "Run `manage.py rebuild_search_index` when the search engine is available."
            )
